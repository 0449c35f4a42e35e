// Contract tests for the emulator's authorize pages: errors shown on a page or sent back, the login and approval,
// user-agent tokens in the fragment, immediate=true, PKCE methods, and scopes.
import assert from '../../support/assert.ts';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { authorizeInBrowser } from '../../support/emulator-login.ts';
import { saveSettings } from '../../support/emulator-setup.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: the authorize pages', () => {
  let stack: TestStack;
  const client = new TestClient();

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('shows unknown clients and unregistered redirect URIs on a page instead of redirecting', async () => {
    const ask = (query: Record<string, string>) =>
      client.get(
        `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: stack.config.clientId, redirect_uri: stack.config.callbackUrl, ...query })}`,
      );
    const unknownClient = await ask({ client_id: 'nope' });
    assert.equal(unknownClient.status, 400);
    assert.match(
      await unknownClient.text(),
      /error=invalid_client_id&amp;error_description=client%20identifier%20invalid/,
    );
    assert.doesNotMatch(await (await ask({ client_id: 'nope' })).text(), /PlatformCLI/);
    // The sf CLI's own app (sf org login web's default): the same refusal, and how to sign the CLI in here.
    const cli = await ask({ client_id: 'PlatformCLI', redirect_uri: 'http://localhost:1717/OauthRedirect' });
    assert.equal(cli.status, 400);
    const cliPage = await cli.text();
    assert.match(cliPage, /error=invalid_client_id&amp;error_description=client%20identifier%20invalid/);
    assert.match(cliPage, /<code>PlatformCLI<\/code> is the Salesforce\s+CLI's own connected app/);
    assert.match(cliPage, /\$env:NODE_EXTRA_CA_CERTS = "\$PWD\\certs\\server\.crt"<\/code> in PowerShell/);
    assert.match(cliPage, /add <code>http:\/\/localhost:1717\/OauthRedirect<\/code> to\s+the callback URLs/);
    assert.ok(
      cliPage.includes(
        `sf org login web --client-id ${stack.config.clientId} --instance-url ${stack.emulatorUrl}</code>`,
      ),
    );
    const wrongRedirect = await ask({ redirect_uri: 'https://localhost:1/elsewhere' });
    assert.equal(wrongRedirect.status, 400);
    assert.match(
      await wrongRedirect.text(),
      /error=redirect_uri_mismatch&amp;error_description=redirect_uri%20must%20match%20configuration/,
    );
  });

  test('redirects Deny back with access_denied and the state', async () => {
    const callback = await authorizeInBrowser(
      stack,
      { response_type: 'code', state: 'd1', prompt: 'consent' },
      { decision: 'deny' },
    );
    assert.equal(
      callback.search,
      '?error=access_denied&error_description=end-user+denied+authorization&state=d1',
    );
  });

  test('shows the login page with Username, Password and Log In, and refuses a wrong password', async () => {
    const fresh = new TestClient();
    const page = await fresh.get(
      `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: stack.config.clientId, redirect_uri: stack.config.callbackUrl, login_hint: 'standard@playground.local' })}`,
    );
    const html = await page.text();
    assert.match(html, /<label for="username">Username<\/label>/);
    assert.match(html, /<label for="password">Password<\/label>/);
    assert.match(html, /<button type="submit">Log In<\/button>/);
    assert.match(html, /value="standard@playground.local"/);
    assert.match(html, /Local Salesforce emulator<\/strong> — not Salesforce/);
    // The way out of a lockout the "wrong password" switch can cause, when the only administrator is the one locked.
    assert.match(html, /with the administrator locked, restarting the\s+emulator unlocks everyone/);
    const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const refused = await fresh.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request,
      username: stack.config.username,
      password: 'wrong',
    });
    assert.equal(refused.status, 401);
    const refusedPage = await refused.text();
    assert.match(
      refusedPage,
      /<p class="emu-error" role="alert" id="login-error">Please check your username and password/,
    );
    // The error is tied to the field a screen reader user is taken back to.
    assert.match(
      refusedPage,
      /<input id="password"[^>]* aria-invalid="true" aria-describedby="login-error">/,
    );
  });

  test('puts user-agent tokens in the fragment, form-encoded, with issued_at, signature and state, and no refresh token for an https:// page', async () => {
    const callback = await authorizeInBrowser(stack, {
      response_type: 'token',
      scope: 'api refresh_token',
      state: 'ua',
    });
    assert.equal(callback.search, '');
    const fragment = callback.hash.slice(1);
    assert.match(fragment, /^access_token=00D5j00000PlAyG%21AR/);
    assert.match(fragment, /&instance_url=https%3A%2F%2F127\.0\.0\.1%3A\d+&/);
    assert.match(fragment, /&scope=api\+refresh_token&token_type=Bearer&state=ua$/);
    const params = new URLSearchParams(fragment);
    assert.deepEqual(
      [...params.keys()],
      ['access_token', 'instance_url', 'id', 'issued_at', 'signature', 'scope', 'token_type', 'state'],
    );
    assert.equal(
      params.get('signature'),
      createHmac('sha256', stack.config.clientSecret ?? '')
        .update(`${params.get('id')}${params.get('issued_at')}`)
        .digest('base64'),
    );
  });

  test('gives a user-agent refresh token only to the login host’s own success page', async () => {
    const successPage = `${stack.emulatorUrl}/services/oauth2/success`;
    const saved = await saveSettings(stack, {
      callbackUrls: [stack.config.callbackUrl, successPage].join('\n'),
    });
    assert.equal(saved.status, 200, saved.html);
    const callback = await authorizeInBrowser(stack, {
      response_type: 'token',
      redirect_uri: successPage,
      scope: 'api refresh_token',
    });
    assert.equal(`${callback.origin}${callback.pathname}`, successPage);
    assert.match(new URLSearchParams(callback.hash.slice(1)).get('refresh_token') ?? '', /^5Aep861/);
  });

  test('with immediate=true, issues a code without a page when it can, else immediate_unsuccessful at once', async () => {
    const browser = new TestClient();
    const authorize = async (query: Record<string, string>) => {
      const params = {
        client_id: stack.config.clientId,
        redirect_uri: stack.config.callbackUrl,
        response_type: 'code',
      };
      const response = await browser.get(
        `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({ ...params, ...query })}`,
      );
      assert.equal(response.status, 302);
      return new URL(response.headers.get('location') ?? '');
    };
    const refused = '?error=immediate_unsuccessful&error_description=immediate+unsuccessful&state=im1';
    assert.equal((await authorize({ immediate: 'true', state: 'im1' })).search, refused);
    // Logged in and approved once: no login page, no approval page.
    await authorizeInBrowser(stack, { response_type: 'code', state: 'im2' }, { client: browser });
    const quiet = await authorize({ immediate: 'true', state: 'im3' });
    assert.equal(`${quiet.origin}${quiet.pathname}`, stack.config.callbackUrl);
    assert.match(quiet.searchParams.get('code') ?? '', /^aPrx/);
    assert.equal(quiet.searchParams.get('state'), 'im3');
    // Asking for a page (consent or login) cannot be immediate.
    for (const prompt of ['consent', 'login']) {
      assert.equal((await authorize({ immediate: 'TRUE', prompt, state: 'im1' })).search, refused, prompt);
    }
  });

  test('takes S256 challenges only (plain is refused, and discovery lists S256 alone)', async () => {
    const callback = await authorizeInBrowser(stack, {
      response_type: 'code',
      state: 'pl',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'plain',
    });
    assert.equal(
      callback.search,
      '?error=invalid_request&error_description=invalid+code+challenge+method&state=pl',
    );
    const discovery = await client.get(`${stack.emulatorUrl}/.well-known/openid-configuration`);
    const { code_challenge_methods_supported } = (await discovery.json()) as Record<string, unknown>;
    assert.deepEqual(code_challenge_methods_supported, ['S256']);
  });

  test('refuses token id_token without a nonce in the fragment (OpenID Connect Core 3.2.2.1), and issues it with one', async () => {
    const query = { response_type: 'token id_token', scope: 'openid api', state: 'n1' };
    const without = await authorizeInBrowser(stack, query);
    assert.equal(without.hash, '#error=invalid_request&error_description=nonce+is+required&state=n1');
    const withNonce = new URLSearchParams(
      (await authorizeInBrowser(stack, { ...query, nonce: 'n-1' })).hash.slice(1),
    );
    const idToken = withNonce.get('id_token') ?? '';
    assert.equal(JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).nonce, 'n-1');
  });

  test('refuses a scope the app does not have on RemoteAccessErrorPage, as observed, not in the redirect', async () => {
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
      scope: 'api wave_api',
      state: 'sc',
    });
    const response = await client.get(`${stack.emulatorUrl}/services/oauth2/authorize?${params}`);
    assert.equal(response.status, 302);
    assert.equal(
      response.headers.get('location'),
      `${stack.emulatorUrl}/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_scope&error_description=the+requested+scope+is+not+allowed`,
    );
  });
});
