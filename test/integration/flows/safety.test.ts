// What must never leak: tokens in logs or page HTML, private keys in downloads; and a pinned API version is used.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { postForm, resultWithToken, runUserAgentFlow, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { containsPrivateKey } from '../../../server/pem.ts';

describe('secrets stay secret', () => {
  let stack: TestStack;
  const logged: string[] = [];
  const originals = { log: console.log, error: console.error, warn: console.warn, info: console.info };

  before(async () => {
    stack = await startTestStack({ SF_API_VERSION: '62.0' });
    for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
      console[name] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    }
  });
  after(async () => {
    Object.assign(console, originals);
    await stack.close();
  });

  test('no token, code, verifier or secret appears in the logs or in any page after every flow', async () => {
    const client = new TestClient();
    const pages: string[] = [];
    const secrets = new Set<string>([stack.config.clientSecret ?? '']);
    /** Loads the result page, and (like the owner clicking Reveal) learns the token it must not contain. */
    const resultPage = async () => {
      const { page, token } = await resultWithToken(stack, client);
      secrets.add(token);
      pages.push(page);
    };
    await runWebServerFlow(stack, client);
    await resultPage();
    await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    await resultPage();
    await runUserAgentFlow(stack, client);
    await resultPage();
    await postForm(stack, client, '/result', '/result/query', { soql: 'SELECT Nope FROM Account' });
    await resultPage();
    pages.push(await (await client.get(`${stack.appUrl}/flows/jwt`)).text());
    const received = stack.emulator?.received ?? [];
    for (const request of received) {
      for (const name of ['code', 'code_verifier', 'client_secret', 'assertion', 'token'])
        if (request.params[name]) secrets.add(request.params[name]);
      const bearer = request.headers.authorization?.replace(/^Bearer /, '');
      if (bearer) secrets.add(bearer);
    }
    assert.ok(secrets.size >= 7, `only ${secrets.size} secrets collected`);
    const everything = [...logged, ...pages].join('\n');
    for (const secret of secrets) {
      if (secret.length < 8) continue;
      for (const form of [secret, encodeURIComponent(secret)])
        assert.ok(!everything.includes(form), `a secret (${secret.slice(0, 6)}…) leaked`);
    }
    assert.match(pages[0], /API version<\/dt><dd>v62\.0/);
    assert.doesNotMatch(pages[0], /data-leg="versions"/, 'the pinned version skips discovery');
    assert.match(pages[0], /data-leg="query"/);
  });

  test('the setup guide offers the public certificate, never a private key', async () => {
    const client = new TestClient();
    const guide = await (await client.get(`${stack.appUrl}/setup`)).text();
    assert.match(guide, /External Client App/);
    assert.match(guide, new RegExp(stack.config.callbackUrl.replace(/[.]/g, '\\.')));
    const download = await client.get(`${stack.appUrl}/setup/jwt.crt`);
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="?jwt\.crt"?$/);
    const pem = await download.text();
    assert.match(pem, /^-----BEGIN CERTIFICATE-----/);
    assert.equal(containsPrivateKey(pem), false);
  });
});
