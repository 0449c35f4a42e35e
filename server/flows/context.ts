// What every flow step needs: the configuration, the Salesforce client, the clock, and the attempt's log.
import type { AttemptLog } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import type { SalesforceApi } from '../salesforce/api.ts';
import type { TokenSet } from '../salesforce/tokens.ts';

export interface FlowContext {
  readonly config: Config;
  readonly api: SalesforceApi;
  readonly now: () => number;
  readonly log: AttemptLog;
  /** The tokens of the login this browser holds, if any: never revoked along with an answer this attempt refuses. */
  readonly held?: TokenSet;
}
