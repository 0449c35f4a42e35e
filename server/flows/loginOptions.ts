// Who logs in and how, for the redirect flows: login_hint (which user the login page proposes), the scopes to ask
// for, and prompt (login: always ask for the password; consent: always show the approval page).
import type { Attempt } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { isLoopbackHost } from '../hostKinds.ts';

export interface LoginOptions {
  loginHint?: string;
  scopes: string[];
  prompt?: string;
}

/** Scopes a learner can ask for; asking for one the app lacks is itself a lesson (invalid_scope). */
export const OFFERED_SCOPES = ['api', 'refresh_token', 'openid', 'id', 'web', 'offline_access', 'full'];
export const PROMPTS = ['login', 'consent', 'login consent'];

/** The scopes a flow page offers: the usual ones, and any other SF_SCOPES names (chatter_api, sfap_api…). */
export function offeredScopes(config: Pick<Config, 'scopes'>): string[] {
  const configured = config.scopes.split(/\s+/).filter(Boolean);
  return [...OFFERED_SCOPES, ...configured.filter((scope) => !OFFERED_SCOPES.includes(scope))];
}

/** The user a start link proposes (login_hint), as the login is sent it: trimmed, 80 characters at most. */
export function loginHintOf(query: Record<string, unknown>): string | undefined {
  const hint = typeof query.login_hint === 'string' ? query.login_hint.trim().slice(0, 80) : '';
  return hint || undefined;
}

/** Reads the choices of the flow page's form; anything unknown is dropped, nothing reaches the URL unchecked. */
export function readLoginOptions(
  query: Record<string, unknown>,
  config: Pick<Config, 'scopes'>,
): LoginOptions {
  const asked = ([] as unknown[]).concat(query.scope ?? []).filter((s): s is string => typeof s === 'string');
  const offered = offeredScopes(config);
  const scopes = asked.filter((scope) => offered.includes(scope));
  const prompt =
    typeof query.prompt === 'string' && PROMPTS.includes(query.prompt) ? query.prompt : undefined;
  return {
    loginHint: loginHintOf(query),
    scopes: scopes.length > 0 ? scopes : config.scopes.split(/\s+/).filter(Boolean),
    prompt,
  };
}

/** The authorize parameters these choices add. */
export function loginParams(options: LoginOptions): Record<string, string> {
  const params: Record<string, string> = { scope: options.scopes.join(' ') };
  if (options.loginHint) params.login_hint = options.loginHint;
  if (options.prompt) params.prompt = options.prompt;
  return params;
}

/** What the flow page's "Who logs in" offers, for a page opened on `hostname`. */
export function loginChoices(
  config: Pick<Config, 'scopes' | 'callbackUrl' | 'mode' | 'username'>,
  hostname: string,
  /** The flow's latest attempt: its choices stay chosen, so a retry changes only what the learner changes. */
  last?: Attempt,
) {
  const callback = new URL(config.callbackUrl);
  const chosen = chosenBefore(last, config);
  return {
    scopes: offeredScopes(config),
    configured: chosen?.scopes ?? config.scopes.split(/\s+/),
    loginHint: chosen?.loginHint ?? '',
    prompt: chosen?.prompt ?? '',
    // Opened on another host name than the callback's: the login's cookie would not come back with it.
    callbackOrigin: hostname === callback.hostname ? undefined : callback.origin,
    // A Host naming this machine may be a proxy's (Codespaces and nginx send the app's own address while the
    // browser is on the proxy's): only the page, which knows its own address, can tell (public/js/callback-host.js).
    hostUnsure: isLoopbackHost(hostname),
    prompts: PROMPTS,
    // The emulator's demo users, as the emulator names them; a real org gets a free login_hint field.
    users: config.mode === 'emulator' ? demoUsers(config.username) : undefined,
  };
}

/** The emulator's three demo users: the admin, and a standard and an inactive user of the same domain. */
function demoUsers(admin: string): string[] {
  const domain = admin.split('@')[1] ?? 'playground.local';
  return [admin, `standard@${domain}`, `inactive@${domain}`];
}

/** The choices the attempt started with (its start link's query), checked as a new start's are. */
function chosenBefore(
  attempt: Attempt | undefined,
  config: Pick<Config, 'scopes'>,
): LoginOptions | undefined {
  if (attempt?.startQuery === undefined) return undefined;
  const query = new URLSearchParams(attempt.startQuery);
  return readLoginOptions(
    {
      login_hint: query.get('login_hint') ?? undefined,
      scope: query.getAll('scope'),
      prompt: query.get('prompt') ?? undefined,
    },
    config,
  );
}
