// Everything the teaching panel shows for one attempt, computed once per render.
import type { Config } from '../config.ts';
import type { Attempt, Fault, Check, FlowName } from '../attempts/attempt.ts';
import { decodeJwt, type DecodedJwt } from './decode.ts';
import { diagramSteps, PARTIES, type DiagramStep } from './diagram.ts';
import { contextOf, explain, type ExplainedError } from './explainer/explain.ts';
import { clockSkewCheck } from './checks.ts';
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
  config: Pick<Config, 'clientSecret' | 'callbackUrl'>,
  nowMs = Date.now(),
): PanelView {
  const secrets = secretsOf(attempt, [config.clientSecret]);
  const skew = clockSkewCheck(attempt.transcript);
  return {
    flow: attempt.flow,
    parties: PARTIES,
    steps: diagramSteps(attempt),
    checks: skew ? [...attempt.checks, skew] : attempt.checks,
    transcript: attempt.transcript.map((entry) => entryView(entry, secrets)),
    assertion: decodeJwt(attempt.assertion),
    idToken: decodeJwt(attempt.idToken),
    error: attempt.error
      ? { ...attempt.error, explained: explain(attempt.error, contextOf(attempt, config.callbackUrl, nowMs)) }
      : undefined,
    faults: attempt.faults,
  };
}
