// Single-use values a copied request would send again: an authorization code already exchanged, an assertion
// already used, a device code whose polling has ended, a refresh token rotation replaced, a token revoked. What a
// fresh attempt can honestly do differs per value.
import type { Attempt, TranscriptEntry } from '../../attempts/attempt.ts';
import { oauthErrorOf } from '../../attempts/legError.ts';
import { USER_ENDINGS } from '../../flows/device.ts';
import { JWT_GRANT_TYPE } from '../../flows/jwtBearer.ts';
import { readJwt } from '../../jwt.ts';

export interface Spent {
  /** What was used up, in words ("authorization code"). */
  what: string;
  /** What happens if the copied request is sent again, and why. */
  detail: string;
  /** What "new attempt and copy" does for this value; undefined when no click can honestly make a new one. */
  fresh?: 'assertion' | 'device-code' | 'code';
}

const DEVICE_GRANTS = new Set(['device', 'urn:ietf:params:oauth:grant-type:device_code']);
/**
 * Refusals that end a device code: the user's answer (denied, or never given in time) or a code no longer good.
 * Others (a wrong client or grant_type, authorization_pending, slow_down) leave it alive, approved or not.
 */
const ENDS_DEVICE_CODE = new Set([...USER_ENDINGS, 'invalid_grant', 'invalid_app_access']);

const formOf = (entry: TranscriptEntry) => new URLSearchParams(entry.requestBody ?? '');

/** A refresh answered with a refresh token: rotation replaced the one sent. */
function rotated(entry: TranscriptEntry): boolean {
  try {
    const body: unknown = JSON.parse(entry.responseBody ?? '');
    return Boolean(body && typeof body === 'object' && 'refresh_token' in body);
  } catch {
    return false;
  }
}

/** A token this app revoked: the copy can only be refused now, which says nothing about revocation itself. */
const REVOKED: Spent = {
  what: 'token (revoked)',
  detail:
    'This request revoked the token it carries. Sent again, it is refused (invalid_token, HTTP 400) and revokes nothing: copy it with placeholders and put in a token that is still live to watch a revocation work.',
};

export function spentValue(entry: TranscriptEntry, attempt: Pick<Attempt, 'transcript'>): Spent | undefined {
  if (entry.kind !== 'server-call') return undefined;
  if (entry.url.endsWith('/services/oauth2/revoke')) return entry.status === 200 ? REVOKED : undefined;
  if (!entry.url.endsWith('/services/oauth2/token')) return undefined;
  const form = formOf(entry);
  const grant = form.get('grant_type');
  if (grant === 'authorization_code' && entry.status !== 200) {
    return {
      what: 'authorization code',
      detail:
        'This app sent this code for exchange, and the exchange was refused: it gave no tokens. Sent again, this request answers invalid_grant / expired authorization code here: this local emulator counts a code as used once an exchange of it is tried (the safe reading of RFC 6749’s one use; what Salesforce does after a refused exchange is not documented). A code to try again with needs a new login at Salesforce.',
      fresh: 'code',
    };
  }
  if (grant === 'authorization_code') {
    return {
      what: 'authorization code',
      detail:
        'This app exchanged this code as soon as it arrived, as it must: a code works once, and briefly (how long is not documented). Sent again, this request answers invalid_grant / expired authorization code, and a server that follows RFC 6749 §4.1.2 (this local emulator does; Salesforce’s documentation does not say) also revokes the tokens the code gave, this page’s token included. An unused code needs a new login at Salesforce.',
      fresh: 'code',
    };
  }
  if (grant === JWT_GRANT_TYPE) {
    const exp = readJwt(form.get('assertion') ?? undefined)?.claims.exp;
    // Neither "expires" nor "expired": the page is read before or after it, and a "break it" one was born expired.
    const until = typeof exp === 'number' ? `, whose exp is ${new Date(exp * 1000).toISOString()}` : '';
    return {
      what: 'assertion',
      detail: `This app already sent this assertion${until}. An assertion is meant for one request, minutes long: sign a new one for each token request, as this app does.`,
      fresh: 'assertion',
    };
  }
  if (grant === 'refresh_token' && entry.status === 200 && rotated(entry)) {
    return {
      what: 'refresh token',
      detail:
        'Rotation is on: this request brought a new refresh token, and the one it sent died with it. Sent again, this request reuses a rotated refresh token, which Salesforce answers by revoking the whole family: every refresh token of this login and their access tokens, this page’s included. Use the new refresh token from the response.',
    };
  }
  if (grant && DEVICE_GRANTS.has(grant)) {
    const code = form.get('code');
    const ended = attempt.transcript.some((leg) => {
      if (
        leg.status === undefined ||
        formOf(leg).get('code') !== code ||
        !DEVICE_GRANTS.has(formOf(leg).get('grant_type') ?? '')
      )
        return false;
      return leg.status < 400 || ENDS_DEVICE_CODE.has(oauthErrorOf(leg) ?? '');
    });
    if (!ended) return undefined;
    return {
      what: 'device code',
      detail:
        'Polling with this device code has ended (it brought the token, or a final refusal). Sent again, this request is refused (this local emulator answers invalid_grant / expired authorization code): a device code is good for one approval.',
      fresh: 'device-code',
    };
  }
  return undefined;
}
