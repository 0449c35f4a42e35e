// The app's collaborators, made once: configuration, the Salesforce API client and the clock.
import type { Config } from '../config.ts';
import { SalesforceApi } from '../salesforce/api.ts';
import { createSalesforceHttp } from '../salesforce/http.ts';

export interface Services {
  config: Config;
  api: SalesforceApi;
  now: () => number;
}

export function createServices(
  config: Config,
  { now = Date.now, httpTimeoutMs }: { now?: () => number; httpTimeoutMs?: number } = {},
): Services {
  const http = createSalesforceHttp(config, now, httpTimeoutMs);
  return { config, api: new SalesforceApi(http, config.loginUrl), now };
}
