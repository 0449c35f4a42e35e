// Everything the teaching panel shows for one attempt, computed once per render.
import type { Config } from '../config.ts';
import type { Attempt, Fault, Check, FlowName } from '../attempts/attempt.ts';
import { decodeJwt, type DecodedJwt } from './decode.ts';
import { diagramSteps, PARTIES, type DiagramStep } from './diagram.ts';
import { contextOf, explain, type ExplainedError } from './explainer/explain.ts';
import { clockSkewCheck } from './checks.ts';
import { legNames } from './legNames.ts';
import { snippetContext } from './snippets/context.ts';
import { entryView, secretsOf, type EntryView } from './transcript.ts';

export interface PanelView {
  flow: FlowName;
  parties: readonly string[];
  steps: DiagramStep[];
  checks: Check[];
  transcript: EntryView[];
  assertion?: DecodedJwt;
  idToken?: DecodedJwt;
  error?: { error: string; error_description?: string; status?: number; explained: ExplainedError };
  faults: Fault[];
}

export function panelView(
  attempt: Attempt,
  config: Pick<Config, 'clientSecret' | 'callbackUrl' | 'mode' | 'certsDir' | 'jwtKeyFile'>,
  nowMs = Date.now(),
): PanelView {
  const secrets = secretsOf(attempt, [config.clientSecret]);
  const skew = clockSkewCheck(attempt.transcript);
  const names = legNames(attempt.transcript);
  return {
    flow: attempt.flow,
    parties: PARTIES,
    steps: diagramSteps(attempt),
    checks: skew ? [...attempt.checks, skew] : attempt.checks,
    transcript: attempt.transcript.map((entry, i) =>
      entryView(entry, secrets, { snippets: snippetContext(config, false), attempt, name: names[i] }),
    ),
    assertion: decodeJwt(attempt.assertion, 'assertion'),
    idToken: decodeJwt(attempt.idToken, 'id_token'),
    error: attempt.error
      ? { ...attempt.error, explained: explain(attempt.error, contextOf(attempt, config.callbackUrl, nowMs)) }
      : undefined,
    faults: attempt.faults,
  };
}
