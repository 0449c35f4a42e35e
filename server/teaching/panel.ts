// Everything the teaching panel shows for one attempt, computed once per render. Each transcript leg is only its
// closed line here: what it holds is rendered when a learner opens it (openedLeg), and most legs never are.
import type { Config } from '../config.ts';
import type { Attempt, Fault, Check, FlowName, TranscriptEntry } from '../attempts/attempt.ts';
import { decodeJwt, type DecodedJwt } from './decode.ts';
import { diagramSteps, PARTIES, type DiagramStep } from './diagram.ts';
import { contextOf } from './explainer/attemptContext.ts';
import { explain, type ExplainedError } from './explainer/explain.ts';
import { clockSkewCheck } from './checks.ts';
import { legNames } from './legNames.ts';
import { snippetContext } from './snippets/context.ts';
import { secretsOf } from './secrets.ts';
import { legSummary, type LegSummary } from './legSummary.ts';
import { entryView, revealable, type EntryView } from './transcript.ts';

export interface PanelView {
  flow: FlowName;
  parties: readonly string[];
  steps: DiagramStep[];
  checks: Check[];
  transcript: LegSummary[];
  assertion?: DecodedJwt;
  idToken?: DecodedJwt;
  error?: { error: string; error_description?: string; status?: number; explained: ExplainedError };
  faults: Fault[];
}

export function panelView(
  attempt: Attempt,
  config: Pick<Config, 'callbackUrl' | 'callbackFromPort' | 'mode' | 'certsDir' | 'jwtKeyFile' | 'loginUrl'>,
  nowMs = Date.now(),
): PanelView {
  const skew = clockSkewCheck(attempt.transcript);
  const names = legNames(attempt.transcript);
  return {
    flow: attempt.flow,
    parties: PARTIES,
    steps: diagramSteps(attempt, { jwtKeyFile: snippetContext(config, false).jwtKeyFile }),
    checks: skew ? [...attempt.checks, skew] : attempt.checks,
    transcript: attempt.transcript.map((entry, i) => legSummary(entry, names[i], attempt)),
    assertion: decodeJwt(attempt.assertion, 'assertion'),
    idToken: decodeJwt(attempt.idToken, 'id_token'),
    error: attempt.error
      ? { ...attempt.error, explained: explain(attempt.error, contextOf(attempt, config, nowMs)) }
      : undefined,
    faults: attempt.faults,
  };
}

/**
 * One leg as it shows when opened: every field masked, its copies with placeholders, named as in its transcript,
 * with a Reveal only if it has something to reveal.
 */
export function openedLeg(
  attempt: Attempt,
  entry: TranscriptEntry,
  config: Pick<Config, 'clientSecret' | 'mode' | 'certsDir' | 'jwtKeyFile' | 'loginUrl'>,
): EntryView & { revealable: boolean } {
  const secrets = secretsOf(attempt, [config.clientSecret]);
  const view = entryView(entry, secrets, {
    snippets: snippetContext(config, false),
    attempt,
    name: legNames(attempt.transcript)[attempt.transcript.indexOf(entry)],
  });
  return { ...view, revealable: revealable(entry, secrets, view) };
}
