// The playground with JWT-based access tokens: the result page masks the token as ever, shows its decoded header and
// claims (never the signature) with the warning that anyone holding it can read them, and its query and token tools
// work with it in both redirect flows; with the setting off the page shows no such part.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { changeSettings } from '../support/emulator-api.ts';
import { postForm, resultWithToken, runUserAgentFlow, runWebServerFlow } from '../support/flows.ts';
import { unescapeHtml } from '../support/html.ts';
import { TestClient } from '../support/http.ts';
import { decodeJwt } from '../support/jwt-access-tokens.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const WARNING = 'anyone holding the token can read these claims, so it is as secret as ever';
const decodedPart = (html: string, label: string) =>
  new RegExp(`aria-label="Access token ${label}, decoded"><code>([\\s\\S]*?)</code>`).exec(html)?.[1];

describe('the result page with a JWT-based access token', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('off: an opaque token and no decoded part', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const { page, token } = await resultWithToken(stack, client);
    assert.match(token, /^00D/);
    assert.doesNotMatch(page, /Inside the access token/);
    assert.ok(!page.includes(WARNING));
  });

  for (const flow of ['web server', 'user-agent'] as const) {
    test(`on, ${flow} flow: the token stays masked; its header and claims are shown decoded, never its signature`, async () => {
      await changeSettings(stack, { namedUserJwtEnabled: 'on' });
      const client = new TestClient();
      if (flow === 'web server') await runWebServerFlow(stack, client);
      else await runUserAgentFlow(stack, client);
      const { page, token } = await resultWithToken(stack, client);
      const [header, claims, signature] = token.split('.');
      assert.ok(signature, 'a JWT');
      for (const part of [token, signature, `${header}.${claims}`])
        assert.ok(!page.includes(part), 'never shown whole');
      assert.match(page, /<code id="access-token" data-masked="eyJ0bm…••••••••/);
      assert.ok(unescapeHtml(page).includes(WARNING));
      const decoded = decodeJwt(token);
      assert.deepEqual(JSON.parse(unescapeHtml(decodedPart(page, 'header') ?? '')), decoded.header);
      assert.deepEqual(JSON.parse(unescapeHtml(decodedPart(page, 'claims') ?? '')), decoded.claims);
      if (flow === 'web server')
        assert.match(page, /the token response said &#34;token_format&#34;: &#34;jwt&#34;/);
      const expiresAt = new Date((decoded.claims.exp as number) * 1000).toISOString();
      assert.ok(page.includes(`<time datetime="${expiresAt}">`), 'exp as a date');
      assert.match(page, /<table>\s*<caption class="visually-hidden">Query result/, 'the query ran with it');
      await postForm(stack, client, '/result', '/result/tools', { tool: 'userinfo' });
      const tools = unescapeHtml(await (await client.get(`${stack.appUrl}/result`)).text());
      assert.match(tools, /"preferred_username": "admin@playground\.local"/, 'userinfo takes it');
      await postForm(stack, client, '/result', '/result/tools', { tool: 'introspect-access' });
      const introspected = unescapeHtml(await (await client.get(`${stack.appUrl}/result`)).text());
      assert.ok(introspected.includes(`"exp": ${decoded.claims.exp}`), 'introspection tells its exp');
      await postForm(stack, client, '/result', '/result/tools', { tool: 'revoke-access' });
      const revoked = await (await client.get(`${stack.appUrl}/result`)).text();
      assert.match(
        revoked,
        /<h1>Signed in, with a token that no longer works<\/h1>/,
        'revoked, then refused',
      );
    });
  }
});
