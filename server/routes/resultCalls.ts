// What the result page asks Salesforce after a login, side by side where it can, and where its API version came from.
import type { ReceivedError, TranscriptEntry } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { versionRetirementNote } from '../configApiVersion.ts';
import type { QueryResult } from '../salesforce/api.ts';
import type { Login } from '../salesforce/tokens.ts';
import { heldCall } from './heldCalls.ts';
import type { Services } from './services.ts';

/**
 * What the page asks Salesforce: who you are (once per login), the newest API version (unless SF_API_VERSION pins
 * one or an earlier sign-in listed this instance's versions today) and the query. The three need nothing from each
 * other once the version is known, so they are asked at once: with the version known, the page is one round trip to
 * Salesforce away, not two. Their legs reach the transcript in this order, whichever answers first.
 */
export async function askSalesforce(
  { config, api, apiVersions }: Services,
  login: Login,
  soql: string,
  record: (entry: TranscriptEntry) => void,
  problems: ReceivedError[],
): Promise<QueryResult | undefined> {
  const instance = login.tokens.instance_url;
  login.apiVersion ??= config.apiVersion;
  const listed = login.apiVersion ? undefined : apiVersions.known(instance);
  if (listed) [login.apiVersion, login.apiVersionListedAt] = [listed.version, listed.listedAt];
  const known = login.apiVersion;
  const ask = (version: string) => heldCall((log) => api.query(login.tokens, version, soql, log));
  const [identity, newest, early] = await Promise.all([
    login.identity ? undefined : heldCall((log) => api.identity(login.tokens, log)),
    known ? undefined : heldCall((log) => api.newestVersion(login.tokens, log)),
    known ? ask(known) : undefined,
  ]);
  for (const call of [identity, newest, early]) call?.release(record, problems);
  login.identity ??= identity?.value;
  if (newest?.value) {
    login.apiVersion = newest.value;
    apiVersions.learn(instance, newest.value);
  }
  if (early) return early.value;
  const query = login.apiVersion ? await ask(login.apiVersion) : undefined;
  query?.release(record, problems);
  return query?.value;
}

/** Where the page's API version came from: pinned, listed at this sign-in (its leg is on the page), or earlier. */
export function apiVersionNote(config: Config, login: Login): string {
  if (config.apiVersion) {
    const note = versionRetirementNote(config.apiVersion);
    return `pinned by SF_API_VERSION${note ? `; ${note}` : ''}`;
  }
  if (login.apiVersionListedAt === undefined)
    return 'the newest that GET /services/data/ lists (its call is below)';
  const at = new Date(login.apiVersionListedAt).toISOString();
  return `the newest that GET /services/data/ listed at ${at}, for an earlier sign-in: the list is public and the same for every user of the org, so the playground reads it once a day, not at each sign-in`;
}
