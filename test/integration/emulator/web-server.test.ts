// Contract tests for the emulator's authorize endpoint and authorization-code grant, PKCE included.
import assert from '../../support/assert.ts';
import { createHash, createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { authorizeInBrowser } from '../../support/emulator-login.ts';
import { saveSettings } from '../../support/emulator-setup.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const VERIFIER = 'v'.repeat(171); // jsforce-length verifier: longer than RFC 7636's 128, and accepted.
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('emulator: authorize and authorization_code', () => {
  let stack: TestStack;
  const client = new TestClient();
  const getCode = async (query: Record<string, string> = {}) => {
    const callback = await authorizeInBrowser(stack, {
      response_type: 'code',
      scope: 'api refresh_token openid',
      state: 's1',
      code_challenge: CHALLENGE,
      ...query,
    });
    assert.equal(callback.searchParams.get('state'), 's1');
    return callback.searchParams.get('code') ?? '';
  };
  const exchange = async (params: Record<string, string>) => {
    const response = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
      code_verifier: VERIFIER,
      ...params,
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('issues a code that looks like Salesforce’s and exchanges it for the documented fields', async () => {
    const code = await getCode();
    assert.match(code, /^aPrx[A-Za-z0-9+/]+=*$/);
    const { status, body } = await exchange({ code });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body), [
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'id_token',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    assert.match(body.issued_at, /^\d{13}$/);
    assert.equal(
      body.signature,
      createHmac('sha256', stack.config.clientSecret ?? '')
        .update(body.id + body.issued_at)
        .digest('base64'),
    );
    assert.equal(body.scope, 'api refresh_token openid');
    assert.equal('expires_in' in body, false);
    // The claims Salesforce's id_tokens are seen with, and no others (no jti).
    const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString());
    assert.deepEqual(Object.keys(claims).sort(), [
      'at_hash',
      'aud',
      'custom_attributes',
      'exp',
      'iat',
      'iss',
      'sub',
    ]);
    const received = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.equal(received?.params.code_verifier, VERIFIER);
  });

  test('takes the client from HTTP Basic when the form leaves it out, and from the form when it has one', async () => {
    const secret = stack.config.clientSecret ?? '';
    const withBasic = async (form: Record<string, string>, id: string, basicSecret: string) => {
      const response = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, form, {
        authorization: `Basic ${Buffer.from(`${id}:${basicSecret}`).toString('base64')}`,
      });
      return { status: response.status, body: (await response.json()) as Record<string, string> };
    };
    const form = {
      grant_type: 'authorization_code',
      redirect_uri: stack.config.callbackUrl,
      code_verifier: VERIFIER,
    };
    const basicOnly = await withBasic({ ...form, code: await getCode() }, stack.config.clientId, secret);
    assert.equal(basicOnly.status, 200, JSON.stringify(basicOnly.body));
    assert.deepEqual(
      (await withBasic({ ...form, code: await getCode() }, stack.config.clientId, 'wrong')).body,
      {
        error: 'invalid_client',
        error_description: 'invalid client credentials',
      },
    );
    // "If the client_id and client_secret are sent in the POST's body, the authorization header is ignored."
    const both = await withBasic(
      { ...form, code: await getCode(), client_id: stack.config.clientId, client_secret: secret },
      'someone-else',
      'wrong',
    );
    assert.equal(both.status, 200, JSON.stringify(both.body));
  });

  test('rejects a replayed code with expired authorization code', async () => {
    const code = await getCode();
    assert.equal((await exchange({ code })).status, 200);
    assert.deepEqual(await exchange({ code }), {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'expired authorization code' },
    });
  });

  test('rejects a PKCE mismatch and a missing verifier with invalid code verifier', async () => {
    assert.deepEqual((await exchange({ code: await getCode(), code_verifier: 'wrong' })).body, {
      error: 'invalid_grant',
      error_description: 'invalid code verifier',
    });
    assert.deepEqual((await exchange({ code: await getCode(), code_verifier: '' })).body, {
      error: 'invalid_grant',
      error_description: 'invalid code verifier',
    });
  });

  test('rejects a verifier when no challenge was sent', async () => {
    const code = await getCode({ code_challenge: '' });
    assert.deepEqual((await exchange({ code })).body, {
      error: 'invalid_grant',
      error_description: 'unexpected code verifier',
    });
  });

  test('rejects a redirect_uri that differs from the one used at authorize', async () => {
    const { body } = await exchange({ code: await getCode(), redirect_uri: `${stack.config.callbackUrl}/` });
    assert.deepEqual(body, {
      error: 'invalid_grant',
      error_description: 'redirect_uri must match configuration',
    });
  });

  test('rejects a wrong or missing secret while "Require secret" is on, and an unknown client', async () => {
    assert.deepEqual((await exchange({ code: await getCode(), client_secret: 'wrong' })).body, {
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    assert.deepEqual((await exchange({ code: await getCode(), client_secret: '' })).body, {
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    assert.deepEqual((await exchange({ code: 'x', client_id: 'nope' })).body, {
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
  });

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
    const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const refused = await fresh.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request,
      username: stack.config.username,
      password: 'wrong',
    });
    assert.equal(refused.status, 401);
    assert.match(await refused.text(), /Please check your username and password/);
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
