// The step every flow's diagram ends with: the calls on the instance that show the new token works.
import { anyLegDone, type StepDef } from './diagramEvidence.ts';
import { apiCalls } from './diagramLabels.ts';

export const API = [
  {
    from: 'This app',
    to: 'Salesforce instance',
    label: apiCalls,
    evidence: anyLegDone('identity', 'query'),
  },
] satisfies StepDef[];
