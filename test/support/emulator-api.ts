// Calls to the emulator's token endpoint for contract tests, and admin changes through its real Setup page.
import assert from './assert.ts';
import { saveSettings } from './emulator-setup.ts';
import { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** POST a form to <host>/services/oauth2/token; the answer's status, JSON body and headers. */
export async function postToken(
  host: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
  client = new TestClient(),
): Promise<JsonAnswer> {
  const response = await client.post(`${host}/services/oauth2/token`, form, headers);
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text) as Record<string, unknown>,
    headers: new Headers(Object.fromEntries(response.headers.entries())),
  };
}

/** Changes settings on the emulator's /setup as its System Administrator; fails the test if Setup refuses them. */
export async function changeSettings(
  stack: TestStack,
  changes: Record<string, string | string[] | undefined>,
): Promise<void> {
  const { status, html } = await saveSettings(stack, changes);
  assert.equal(status, 200, `Setup refused the change: ${html.match(/<li>[^<]*<\/li>/g)?.join(' ') ?? ''}`);
}

/** HTTP Basic client authentication as RFC 6749 §2.3.1 writes it. */
export function basicAuth(id: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` };
}

export const ADMIN_ID = '0055j00000AdMiNAAV';
export const STANDARD_ID = '0055j00000StAnDAAV';
export const INACTIVE_ID = '0055j00000InAcTAAV';
