// The helpers views use to render the teaching panel (exposed as app.locals.teach).
import type { Config } from '../config.ts';
import type { Attempt, Fault, FlowName } from '../attempts/attempt.ts';
import type { Login } from '../salesforce/tokens.ts';
import { explain } from './explainer/explain.ts';
import { fixSteps } from './explainer/fixSteps.ts';
import { FLOW_NAMES, refreshTokenNote, refreshUsable, scopesSource, signInFlow } from './flowNotes.ts';
import type { ExplainContext } from './explainer/types.ts';
import { acceptedAnyway } from './acceptedAnyway.ts';
import { endsTheLogin, faultWords, offeredFaults, stoppedBeforeSalesforce } from './faults.ts';
import { panelView } from './panel.ts';

export interface TeachingHelpers {
  panel(attempt: Attempt): ReturnType<typeof panelView>;
  explain(
    error: { error: string; error_description?: string },
    context?: ExplainContext,
  ): ReturnType<typeof explain>;
  fixSteps: typeof fixSteps;
  faults(flow: FlowName): ReturnType<typeof offeredFaults>;
  flowName(flow: FlowName): string;
  faultWords(flow: FlowName | undefined, faults: readonly Fault[]): string[];
  endsTheLogin(faults: readonly Fault[]): boolean;
  stoppedBeforeSalesforce(attempt: Attempt): boolean;
  acceptedAnyway: typeof acceptedAnyway;
  refreshTokenNote(login: Login): string;
  refreshUsable(login: Login): boolean;
  signInFlow(login: Login): FlowName;
  scopesSource(login: Login): ReturnType<typeof scopesSource>;
}

export function teachingHelpers(config: Config, now: () => number = Date.now): TeachingHelpers {
  return {
    panel: (attempt) => panelView(attempt, config, now()),
    explain: (error, context) => explain(error, context),
    fixSteps,
    faults: (flow) => offeredFaults(flow, config),
    flowName: (flow) => FLOW_NAMES[flow],
    faultWords,
    endsTheLogin,
    stoppedBeforeSalesforce,
    acceptedAnyway,
    refreshTokenNote,
    refreshUsable,
    signInFlow,
    scopesSource,
  };
}
