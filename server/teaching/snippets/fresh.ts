// "New attempt and copy": the same request with a new single-use value in place of the spent one.
import type { KeyObject } from 'node:crypto';
import type { TranscriptEntry } from '../../attempts/attempt.ts';
import { buildRequest } from '../../flows/jwtBearer.ts';
import { readJwt } from '../../jwt.ts';

type Request = Pick<TranscriptEntry, 'leg' | 'method' | 'url' | 'requestHeaders' | 'requestBody'>;

/**
 * The token request again with a new assertion: the same iss, sub and aud, a new exp (3 minutes from now), signed
 * with this app's key. Nothing is sent: the learner's copy is the first to use it.
 */
export function withNewAssertion(
  entry: Request,
  privateKey: KeyObject,
  nowMs: number,
): { entry: Request; expiresAt: string } {
  const form = new URLSearchParams(entry.requestBody ?? '');
  const claims = readJwt(form.get('assertion') ?? undefined)?.claims ?? {};
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  const signed = buildRequest({
    config: { clientId: text('iss'), username: text('prn') || text('sub'), audience: text('aud') },
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
