// The helpers views use to render the teaching panel (exposed as app.locals.teach).
import type { Config } from '../config.ts';
import type { Attempt, FlowName } from '../attempts/attempt.ts';
import { explain } from './explainer/explain.ts';
import type { ExplainContext } from './explainer/types.ts';
import { FAULTS, panelView } from './panel.ts';

export interface TeachingHelpers {
  panel(attempt: Attempt): ReturnType<typeof panelView>;
  explain(
    error: { error: string; error_description?: string },
    context?: ExplainContext,
  ): ReturnType<typeof explain>;
  faults(flow: FlowName): (typeof FAULTS)[FlowName];
}

export function teachingHelpers(config: Config, now: () => number = Date.now): TeachingHelpers {
  return {
    panel: (attempt) => panelView(attempt, config, now()),
    explain: (error, context) => explain(error, context),
    faults: (flow) => FAULTS[flow],
  };
}
