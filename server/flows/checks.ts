// The checks a careful client makes, as pure functions returning a visible pass/fail with the reason it matters.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Check, Fault } from '../attempts/attempt.ts';
import { isLoopbackHost } from '../hostKinds.ts';
import { claimOf } from '../jwt.ts';

/** Equal-length hashes keep the comparison constant-time even when the inputs differ in length. */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** PKCE S256: BASE64URL(SHA256(ascii(verifier))), no padding (RFC 7636 section 4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** `faults`: the switches armed on the attempt, so that a state altered on purpose is not blamed on anything else. */
export function stateCheck(
  expected: string | undefined,
  received: string | undefined,
  faults: readonly Fault[] = [],
): Check {
  const passed = Boolean(expected && received !== undefined && constantTimeEqual(expected, received));
  return {
    id: 'state',
    label: 'state check',
    passed,
    detail: passed
      ? 'The state that came back is the one this browser session sent.'
      : faults.includes('tampered-state')
        ? 'The state sent to authorize was altered on purpose (break it): what came back matches no login this session started.'
        : expected
          ? 'The state that came back is not the one this session sent.'
          : 'No login attempt in this session is waiting for this state (already used, expired, or started in another browser).',
    why: 'state ties the callback to the login this browser started; without it an attacker could log you in to their account (login CSRF).',
  };
}

export function pkceCheck(verifier: string, challengeSent: string): Check {
  const recomputed = pkceChallenge(verifier);
  const passed = constantTimeEqual(recomputed, challengeSent);
  return {
    id: 'pkce',
    label: 'PKCE check',
    passed,
    detail: `BASE64URL(SHA256(code_verifier)) = ${recomputed}${passed ? ', the code_challenge sent at authorize.' : `, but ${challengeSent} was sent.`}`,
    why: 'Only the holder of the verifier can redeem the code, so a stolen code is useless to anyone else.',
  };
}

/** Salesforce signs id + issued_at with the consumer secret: proof the response came from the org and is intact. */
export function responseSignature(secret: string, id: string, issuedAt: string): string {
  return createHmac('sha256', secret)
    .update(id + issuedAt)
    .digest('base64');
}

export function signatureCheck(secret: string, id: string, issuedAt: string, signature: string): Check {
  const passed = constantTimeEqual(responseSignature(secret, id, issuedAt), signature);
  return {
    id: 'signature',
    label: 'response signature check',
    passed,
    detail: passed
      ? 'Base64(HMAC-SHA256(client secret, id + issued_at)) equals the signature received.'
      : 'The signature does not match: the id or issued_at was changed, or another secret signed it.',
    why: 'Only Salesforce and this app know the client secret: a matching signature shows that id and issued_at came from the org unaltered, whichever way the response travelled.',
  };
}

export function nonceCheck(expected: string | undefined, idToken: string | undefined): Check {
  const received = claimOf(idToken, 'nonce');
  const passed = Boolean(expected && typeof received === 'string' && constantTimeEqual(expected, received));
  return {
    id: 'nonce',
    label: 'nonce check',
    passed,
    detail: passed
      ? 'The id_token carries the nonce this session sent.'
      : received === undefined
        ? 'The id_token carries no nonce, though this session sent one.'
        : `The id_token's nonce (${String(received)}) is not the one this session sent.`,
    why: 'The nonce binds the id_token to this login, so a replayed id_token from elsewhere is refused.',
  };
}

/** The domains Salesforce serves orgs from; a token response naming another host is not to be trusted. */
const SALESFORCE_DOMAINS = ['salesforce.com', 'force.com', 'salesforce.mil', 'cloudforce.com'];

/** https on one of the org's own origins (login host, My Domain) or, for a real org, on a Salesforce domain. */
export function isTrustedHost(url: string, origins: readonly string[], realOrg: boolean): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname, origin, port, username, password } = new URL(url);
  // Salesforce's URLs carry no user name or password: with them, every later call would fail as "no answer".
  if (protocol !== 'https:' || username || password) return false;
  if (origins.some((trusted) => new URL(trusted).origin === origin)) return true;
  // This machine under another of its names, on the same port: the same server (the local emulator, which names
  // its login host localhost and its My Domain 127.0.0.1, whichever of the two SF_LOGIN_URL gives).
  const loopbackHere = (candidate: URL) => isLoopbackHost(candidate.hostname) && candidate.port === port;
  if (isLoopbackHost(hostname) && origins.some((trusted) => loopbackHere(new URL(trusted)))) return true;
  return realOrg && SALESFORCE_DOMAINS.some((domain) => hostname.endsWith(`.${domain}`));
}

/**
 * instance_url and id decide where this app sends the access token next: a response naming another host would make
 * it hand the token to that host (server-side request forgery).
 */
export function hostsCheck(
  tokens: { instance_url: string; id: string },
  origins: readonly string[],
  realOrg: boolean,
): Check {
  const untrusted = [tokens.instance_url, tokens.id]
    .filter((url) => !isTrustedHost(url, origins, realOrg))
    .map(withoutCredentials);
  const where = trustedPlaces(origins, realOrg);
  return {
    id: 'hosts',
    label: 'host check (instance_url and id)',
    passed: untrusted.length === 0,
    detail:
      untrusted.length === 0
        ? `Both are https URLs on ${where}.`
        : `${untrusted.join(' and ')} ${untrusted.length > 1 ? 'are' : 'is'} not on ${where}: the token is not sent there.`,
    why: 'This app sends the access token to instance_url and id; a forged response could point them at a host that collects tokens.',
  };
}

/** A URL as a refusal names it: a user name and password in it are shown as such, never written out. */
function withoutCredentials(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (!parsed.username && !parsed.password)) return url;
  Object.assign(parsed, { username: '', password: '' });
  return `${parsed.href} (with a user name or password in it, which no Salesforce URL carries)`;
}

/**
 * The hosts a hosts check trusts, in words: each origin, this machine's names as one (the loopback rule of
 * isTrustedHost: a check that passed on localhost must not name only 127.0.0.1), and a real org's Salesforce domains.
 */
function trustedPlaces(origins: readonly string[], realOrg: boolean): string {
  const urls = origins.map((origin) => new URL(origin));
  const places = new Set(urls.filter((url) => !isLoopbackHost(url.hostname)).map((url) => url.host));
  for (const url of urls.filter((candidate) => isLoopbackHost(candidate.hostname))) {
    places.add(`this machine on port ${url.port || 443} (localhost, 127.0.0.1 or [::1])`);
  }
  if (realOrg) places.add('a Salesforce domain');
  const list = [...places];
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list.at(-1)}` : (list[0] ?? '');
}
