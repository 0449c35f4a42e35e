// "New attempt and copy": the same request with a new single-use value in place of the spent one.
import type { KeyObject } from 'node:crypto';
import type { TranscriptEntry } from '../../attempts/attempt.ts';
import { buildRequest, WRONG_AUDIENCE } from '../../flows/jwtBearer.ts';
import { readJwt } from '../../jwt.ts';

type Request = Pick<TranscriptEntry, 'leg' | 'method' | 'url' | 'requestHeaders' | 'requestBody'>;

/**
 * The token request again with a new assertion: the same iss, sub and aud, a new exp (3 minutes from now), signed
 * with this app's key. Nothing is sent: the learner's copy is the first to use it. It is the request as it should
 * be: an aud the "break it" switch made wrong becomes this app's own, as the key and the expiry become good ones.
 */
export function withNewAssertion(
  entry: Request,
  privateKey: KeyObject,
  nowMs: number,
  ownAudience: string,
): { entry: Request; expiresAt: string } {
  const form = new URLSearchParams(entry.requestBody ?? '');
  const claims = readJwt(form.get('assertion') ?? undefined)?.claims ?? {};
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  const audience = text('aud') === WRONG_AUDIENCE ? ownAudience : text('aud');
  const signed = buildRequest({
    config: { clientId: text('iss'), username: text('prn') || text('sub'), audience },
    privateKey,
    nowMs,
  });
  form.set('assertion', signed.assertion);
  return {
    entry: { ...entry, requestBody: form.toString() },
    expiresAt: new Date(signed.claims.exp * 1000).toISOString(),
  };
}

/** The device poll again with a new device code (from a new device authorization request). */
export function withNewDeviceCode(entry: Request, deviceCode: string): Request {
  const form = new URLSearchParams(entry.requestBody ?? '');
  form.set('code', deviceCode);
  return { ...entry, requestBody: form.toString() };
}
