// A JWT bearer assertion for the emulator's app and demo user, signed with a key the caller parsed once: what the
// bench sends when it calls the token endpoint itself, without the app; and that key, parsed once.
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { StackReady } from './context.ts';

/** The app's signing key, parsed once by the caller: the bench's own calls never pay the parse. */
export function parsedKey(file: string): KeyObject {
  return createPrivateKey(readFileSync(file));
}

export function benchAssertion(ready: StackReady, key: KeyObject, lifetimeS: number): string {
  const { clientId, username, audience } = ready;
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + lifetimeS;
  const signed = `${part({ alg: 'RS256' })}.${part({ iss: clientId, sub: username, aud: audience, exp })}`;
  return `${signed}.${createSign('RSA-SHA256').update(signed).sign(key).toString('base64url')}`;
}
