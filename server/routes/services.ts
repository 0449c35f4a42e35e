// The app's collaborators, made once: configuration, the Salesforce API client, the API versions instances listed,
// the clock, and (emulator mode) the local org's one-shot settings for org-side faults, with their turns.
import type { Config } from '../config.ts';
import { KeyedTurns } from '../keyedTurns.ts';
import type { OrgControl } from '../orgFaults.ts';
import { SalesforceApi } from '../salesforce/api.ts';
import { ApiVersions } from '../salesforce/apiVersions.ts';
import { createSalesforceHttp } from '../salesforce/http.ts';
import { PendingLogins } from './pendingLogins.ts';

export interface Services {
  config: Config;
  api: SalesforceApi;
  apiVersions: ApiVersions;
  now: () => number;
  orgControl?: OrgControl;
  /** Direct flows' attempts at the local org, by grant_type: one with org switches runs alone (see inTurn). */
  faultTurns: KeyedTurns;
  /** Redirect flows' logins under way, beside each session's own copy (see pendingLogins.ts). */
  pendingLogins: PendingLogins;
}

export interface ServiceOptions {
  now?: () => number;
  httpTimeoutMs?: number;
  /** Org mode only: one more certificate authority to trust (tests that play a real org with an emulator). */
  extraCa?: string;
  orgControl?: OrgControl;
}

export function createServices(
  config: Config,
  { now = Date.now, httpTimeoutMs, extraCa, orgControl }: ServiceOptions = {},
): Services {
  const http = createSalesforceHttp(config, now, httpTimeoutMs, extraCa ?? config.extraCaPem);
  const api = new SalesforceApi(http, config.loginUrl);
  return {
    config,
    api,
    apiVersions: new ApiVersions(now),
    now,
    orgControl,
    faultTurns: new KeyedTurns(),
    pendingLogins: new PendingLogins(),
  };
}
