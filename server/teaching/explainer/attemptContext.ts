// What the attempt shows of the request that failed (the token call's form, the assertion's claims, the authorize
// request's scopes), for the explainer to pick the right explanation and say what this very request carried.
import type { Attempt } from '../../attempts/attempt.ts';
import type { Config } from '../../configTypes.ts';
import { readJwt } from '../../jwt.ts';
import type { ExplainContext } from './types.ts';

/** Reads the context from the attempt: the last token request's form and the assertion's claims. */
export function contextOf(
  attempt: Attempt,
  callback?: Pick<Config, 'callbackUrl' | 'callbackFromPort'>,
  nowMs = Date.now(),
): ExplainContext {
  const tokenCall = [...attempt.transcript]
    .reverse()
    .find((entry) => entry.kind === 'server-call' && entry.leg.startsWith('token'));
  const form = new URLSearchParams(tokenCall?.requestBody ?? '');
  const context: ExplainContext = {
    flow: attempt.flow,
    configuredCallback: callback?.callbackUrl,
    callbackFromPort: callback?.callbackFromPort,
    nowMs,
    faults: attempt.faults,
  };
  if (tokenCall) {
    // HTTP Basic carries the secret too (client credentials, refresh): only the header's name is looked at.
    const basic = Object.entries(tokenCall.requestHeaders ?? {}).some(
      ([name, value]) => name.toLowerCase() === 'authorization' && /^basic /i.test(value),
    );
    context.sentSecret = form.has('client_secret') || basic;
    context.sentVerifier = form.has('code_verifier');
    context.redirectUri = form.get('redirect_uri') ?? undefined;
    context.username = form.get('username') ?? undefined;
    context.clientId = form.get('client_id') ?? undefined;
    context.serverDate = tokenCall.responseHeaders?.date;
    context.sentAtMs = tokenCall.at;
    context.sentDurationMs = tokenCall.durationMs;
  }
  // Before any token call, the authorize request (sent or only pre-flighted) says what the app asked for.
  const authorize = attempt.transcript.find(
    (entry) => entry.leg === 'authorize' || entry.leg === 'pre-flight',
  );
  if (authorize && URL.canParse(authorize.url)) {
    const query = new URL(authorize.url).searchParams;
    context.redirectUri ??= query.get('redirect_uri') ?? undefined;
    context.clientId ??= query.get('client_id') ?? undefined;
    context.scope = query.get('scope') ?? undefined;
  }
  // The device flow's first call asks for a code: refused there, it is the request that carried the key.
  const device = attempt.transcript.find((entry) => entry.leg === 'device authorization');
  const deviceForm = new URLSearchParams(device?.requestBody ?? '');
  context.scope ??= deviceForm.get('scope') ?? undefined;
  context.clientId ??= deviceForm.get('client_id') ?? undefined;
  const claims = readJwt(form.get('assertion') ?? attempt.assertion)?.claims;
  if (claims) Object.assign(context, { iss: claims.iss, aud: claims.aud, sub: claims.sub, exp: claims.exp });
  context.answeredBefore = answeredBefore(attempt);
  context.noSecurityToken = attempt.input?.noSecurityToken;
  return context;
}

/**
 * The host of the attempt's last call that got no answer, when an earlier call of the same attempt got one there:
 * its address is right, and it stopped answering in the middle of the flow.
 */
function answeredBefore(attempt: Attempt): string | undefined {
  const calls = attempt.transcript.filter((entry) => entry.kind === 'server-call' && URL.canParse(entry.url));
  const failedAt = calls.findLastIndex((entry) => entry.error !== undefined && entry.status === undefined);
  if (failedAt < 0) return undefined;
  const { origin } = new URL(calls[failedAt].url);
  const earlier = calls
    .slice(0, failedAt)
    .some((entry) => entry.status !== undefined && new URL(entry.url).origin === origin);
  return earlier ? origin : undefined;
}
