// The setup doctor's consumer key check, in words: what the org's answer at authorize means, and the one fix for it,
// the same as a failed login's flow page gives.
import type { Config } from '../config.ts';
import { CALLBACK_PATH, callbackIsElsewhere, callbackIsThisApp } from '../configSettings.ts';
import { hostKind } from '../hostKinds.ts';
import { SalesforceError } from '../salesforce/errors.ts';
// The flow pages' explanations, so that the doctor and a failed login never give two fixes for one refusal (the
// explainer depends on nothing of flows/ or routes/: no cycle).
import { explain } from '../teaching/explainer/explain.ts';
import { noAnswerFix } from './doctorApi.ts';
import type { PreflightError } from './preflight.ts';
import { browserLoginUrl, type LoginHosts } from '../configPublic.ts';

export const LOGIN_URL_FIX =
  'SF_LOGIN_URL must be https://login.salesforce.com, https://test.salesforce.com or your My Domain.';

/** The consumer key check's finding: accepted, nothing there, no answer, or Salesforce's refusal and fix. */
export function clientCheckDetail(refused: PreflightError | Error | undefined, config: Config): string {
  if (refused === undefined)
    return `Salesforce accepts client_id ${config.clientId.slice(0, 8)}… with redirect_uri ${config.callbackUrl}, and did not refuse scope ${config.scopes} before its login page (an org may refuse a scope only after the login).`;
  if (refused instanceof SalesforceError && refused.error === 'no_authorize_endpoint')
    return `Nothing there is Salesforce's login page (${refused.description}). Fix: ${LOGIN_URL_FIX}`;
  if (refused instanceof Error)
    return `The authorize endpoint could not be asked (${refused.message}), so the consumer key, callback and scopes are not judged yet. Fix: ${noAnswerFix(refused, LOGIN_URL_FIX)}`;
  return `Salesforce would refuse the login: ${refused.error} (${refused.error_description ?? ''}). Fix: ${clientFix(refused, config)}.`;
}

/**
 * What to do about a login the org refuses at authorize: the callback and the consumer key here, where the host
 * decides the likeliest cause; anything else (a scope the app does not allow, an app blocked or not installed) as
 * the flow pages explain it, never as a key to copy again.
 */
export function clientFix(
  refused: Pick<PreflightError, 'error' | 'error_description'>,
  config: Pick<Config, 'callbackUrl' | 'loginUrl' | 'scopes' | 'mode' | 'port'> & LoginHosts,
): string {
  const { error } = refused;
  if (error === 'redirect_uri_mismatch') return callbackFix(config);
  // The doctor asks for SF_SCOPES: only the app's scopes or that setting can make this check pass.
  if (error === 'invalid_scope') {
    const where =
      config.mode === 'emulator'
        ? `the OAuth scopes on the emulator's Setup page (${browserLoginUrl(config)}/setup)`
        : "the app's Selected OAuth Scopes";
    return `allow every scope the playground asks for (SF_SCOPES, now ${config.scopes}) among ${where}, or leave the ones it lacks out of SF_SCOPES and restart the playground`;
  }
  if (error !== 'invalid_client_id') return explain(refused).howToFix.replace(/\.$/, '');
  // The commonest cause of an unknown key at login.salesforce.com: the app was made in a sandbox.
  const sandbox =
    hostKind(config.loginUrl) === 'login'
      ? "; an app made in a sandbox is known only there: set SF_LOGIN_URL=https://test.salesforce.com (or the sandbox's My Domain)"
      : '';
  return `copy the Consumer Key again into SF_CLIENT_ID and restart the playground, or wait up to 10 minutes after creating the app${sandbox}`;
}

/**
 * A callback on another port of this machine (SF_CALLBACK_URL, set by hand) reaches the playground only through a
 * proxy there: registering it would send the browser where, most often, nothing listens. Start-up warns of it too.
 */
function callbackFix({ callbackUrl, port }: Pick<Config, 'callbackUrl' | 'port'>): string {
  const add = `add ${callbackUrl} to the app's Callback URLs, exactly`;
  if (callbackIsThisApp(callbackUrl, port) || callbackIsElsewhere(callbackUrl)) return add;
  const own = `https://localhost:${port}${CALLBACK_PATH}`;
  return `SF_CALLBACK_URL ${callbackUrl} is not this playground's own address: set it to ${own} (or remove it), restart the playground and add ${own} to the app's Callback URLs, exactly. Only if a proxy on that port brings it here: ${add}`;
}
