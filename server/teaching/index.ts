// The helpers views use to render the teaching panel (exposed as app.locals.teach).
import type { Config } from '../config.ts';
import type { Attempt, FlowName } from '../salesforce/attempt.ts';
import { explain } from './explainer/explain.ts';
import type { ExplainContext } from './explainer/types.ts';
import { BREAK_SWITCHES, panelView } from './panel.ts';

export interface TeachingHelpers {
  panel(attempt: Attempt): ReturnType<typeof panelView>;
  explain(
    error: { error: string; error_description?: string },
    context?: ExplainContext,
  ): ReturnType<typeof explain>;
  switches(flow: FlowName): (typeof BREAK_SWITCHES)[FlowName];
}

export function teachingHelpers(config: Config): TeachingHelpers {
  return {
    panel: (attempt) => panelView(attempt, config),
    explain: (error, context) => explain(error, context),
    switches: (flow) => BREAK_SWITCHES[flow],
  };
}
