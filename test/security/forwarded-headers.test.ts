// Forwarding headers a visitor forges (X-Forwarded-Host/Proto/Port, Forwarded) or a Host of another name change no
// URL the app or the emulator emits: behind a proxy the addresses come from SF_CALLBACK_URL, never from a request.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { rawRequest } from '../support/raw.ts';
import { startOrgModeApp } from '../support/org-mode.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const FORGED = {
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'http',
  'x-forwarded-port': '80',
  forwarded: 'host=evil.example;proto=http',
};

/** Every header and the body of an answer, as one text to search for the forged name. */
async function answered(url: string, headers: Record<string, string> = FORGED) {
  const { origin, host, pathname, search } = new URL(url);
  const response = await rawRequest(origin, `${pathname}${search}`, { headers: { host, ...headers } });
  const all = Object.entries(response.headers).map(([name, value]) => `${name}: ${String(value)}`);
  return { response, text: `${all.join('\n')}\n${response.body}` };
}

describe('forged forwarding headers', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('leave every page, redirect, cookie and policy of the app and the emulator on their own addresses', async () => {
    const port = new URL(stack.appUrl).port;
    const urls = [
      `${stack.appUrl}/`,
      `${stack.appUrl}/flows/web-server`,
      `${stack.appUrl}/setup`,
      `https://127.0.0.1:${port}/flows/user-agent`,
      `${stack.emulatorUrl}/`,
      `${stack.emulatorUrl}/.well-known/openid-configuration`,
      `${stack.instanceUrl}/.well-known/openid-configuration`,
    ];
    for (const url of urls) {
      for (const headers of [FORGED, { ...FORGED, host: 'evil.example' }]) {
        const { text } = await answered(url, headers);
        assert.doesNotMatch(text, /evil\.example|http:\/\//, url);
      }
    }
    const start = await answered(`${stack.appUrl}/flows/web-server/start`);
    const authorize = String(start.response.headers.location);
    assert.equal(
      new URL(authorize).searchParams.get('redirect_uri'),
      stack.config.callbackUrl,
      'redirect_uri is SF_CALLBACK_URL',
    );
    const login = await answered(authorize);
    assert.doesNotMatch(login.text, /evil\.example/);
    assert.match(login.text, /action="\/services\/oauth2\/authorize\/login"/);
  });

  test("in org mode, neither the access page nor the access link's redirect names the forged host", async () => {
    const app = await startOrgModeApp(stack.emulatorUrl);
    try {
      const refused = await answered(`${app.appUrl}/flows/jwt`);
      assert.equal(refused.response.status, 403);
      assert.doesNotMatch(refused.text, /evil\.example/);
      const link = await answered(`${app.accessUrl}`);
      assert.equal(link.response.status, 303);
      assert.equal(link.response.headers.location, '/');
    } finally {
      await app.close();
    }
  });
});
