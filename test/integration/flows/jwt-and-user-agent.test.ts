// The JWT bearer and user-agent flows end to end against the emulator. Two visitors kept apart: two-visitors.test.ts.
import assert from '../../support/assert.ts';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { postForm, runUserAgentFlow, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { transcriptReader } from '../../support/transcript-reader.ts';

describe('JWT bearer and user-agent flows', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('JWT before approval explains both cures; after one web server approval it succeeds', async () => {
    const client = new TestClient();
    // The preview's aud is the emulator's URL, which the claim's meaning (login, test or a site, never My Domain)
    // does not name: it says whose place the emulator's login host takes.
    assert.match(
      await (await client.get(`${stack.appUrl}/flows/jwt`)).text(),
      /<code>aud<\/code> = <code>https:\/\/localhost:\d+<\/code> \(the local emulator's login host, in the place of\s+<code>https:\/\/login\.salesforce\.com<\/code>\)/,
    );
    const refused = await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    // The cures first: the page opens at them, what happened below.
    assert.equal(refused.headers.get('location'), '/flows/jwt#cure');
    const sent = stack.emulator?.received.filter((r) => r.path === '/token').at(-1)?.params;
    assert.equal(sent?.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = JSON.parse(Buffer.from((sent?.assertion ?? '').split('.')[1], 'base64url').toString());
    assert.deepEqual(
      [claims.iss, claims.sub, claims.aud],
      [stack.config.clientId, stack.config.username, stack.emulatorUrl],
    );
    assert.ok(claims.exp - Math.floor(Date.now() / 1000) <= 180, 'exp at most three minutes ahead');
    assert.equal(sent?.client_secret, undefined, 'the JWT flow sends no secret');
    const page = await (await client.get(`${stack.appUrl}/flows/jwt`)).text();
    assert.match(page, /user hasn&#39;t approved this consumer/);
    assert.match(page, /Admin approved users are pre-authorized/);
    // The approval must come from the assertion's sub, not from whoever this browser is signed in to Salesforce as.
    const approve =
      /href="(\/flows\/web-server\/start\?[^"]+)">Approve once as ([^ ]+) with the web server flow/.exec(
        page,
      );
    assert.ok(approve, 'no approval button');
    assert.equal(approve[2], stack.config.username);
    const started = await new TestClient().get(`${stack.appUrl}${approve[1].replace(/&amp;/g, '&')}`);
    const authorize = new URL(started.headers.get('location') ?? '');
    assert.equal(authorize.searchParams.get('login_hint'), stack.config.username);
    assert.equal(authorize.searchParams.get('prompt'), 'login');
    await runWebServerFlow(stack, client);
    const accepted = await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    assert.equal(accepted.headers.get('location'), '/result');
    const result = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(result, /The JWT bearer\s+flow gave this session an access token/);
    assert.match(result, /<td>Acme Inc\.<\/td>/);
  });

  test('a signing key file gone since start-up is a pem_error saying so, with nothing sent to Salesforce', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'jwt-key-'));
    const keyFile = path.join(folder, 'jwt.key');
    copyFileSync(stack.config.jwtKeyFile, keyFile);
    const own = await startTestStack({ SF_JWT_KEY_FILE: keyFile });
    try {
      rmSync(keyFile);
      const client = new TestClient();
      const before = own.emulator?.received.length;
      await postForm(own, client, '/flows/jwt', '/flows/jwt');
      const page = await (await client.get(`${own.appUrl}/flows/jwt`)).text();
      assert.match(page, /pem_error/);
      assert.match(
        page,
        /the signing key file \S+jwt\.key cannot be read \(ENOENT\): restore it; or, for the pair in certs\//,
      );
      assert.equal(own.emulator?.received.length, before, 'no request reached the emulator');
    } finally {
      await own.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('the signed-out page: while signed in it leads to the result; after a JWT login it says the access token was revoked', async () => {
    const client = new TestClient();
    assert.equal(
      (await postForm(stack, client, '/flows/jwt', '/flows/jwt')).headers.get('location'),
      '/result',
    );
    const early = await client.get(`${stack.appUrl}/signed-out`);
    assert.equal(early.status, 303);
    assert.equal(early.headers.get('location'), '/result');
    // Ending the org's login comes after this app's logout, which revokes: while signed in it leads to the result.
    const tooEarly = await postForm(stack, client, '/result', '/signed-out/end-session');
    assert.equal(tooEarly.headers.get('location'), '/result');
    const logout = await postForm(stack, client, '/result', '/logout');
    assert.equal(logout.headers.get('location'), '/signed-out');
    const page = await (await client.get(`${stack.appUrl}/signed-out`)).text();
    assert.match(page, /<h1>Signed out<\/h1>/);
    assert.match(
      page,
      /one without \(JWT bearer, client credentials, username-password\) had its access token revoked/,
    );
    // A JWT sign-in never needed a login at Salesforce in this browser: the page does not say it left one.
    assert.match(page, /This sign-in did not itself need a login at Salesforce in this browser/);
    // Ending the org's login is offered after the logout only, and keeps one leg however often it is asked for.
    const csrf = hiddenValue(page, '_csrf');
    for (let i = 0; i < 3; i++) {
      const sent = await client.post(`${stack.appUrl}/signed-out/end-session`, { _csrf: csrf });
      assert.equal(sent.status, 303);
    }
    const legs = (await (await client.get(`${stack.appUrl}/signed-out`)).text()).match(
      /<strong>end session<\/strong>/g,
    );
    assert.equal(legs?.length, 1);
  });

  test('the signed-out page after a refresh does not guess whether a login at Salesforce was left; no logout, no end-session step', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    assert.equal(
      (await postForm(stack, client, '/result', '/flows/refresh-token')).headers.get('location'),
      '/result',
    );
    await postForm(stack, client, '/result', '/logout');
    const page = await (await client.get(`${stack.appUrl}/signed-out`)).text();
    assert.match(page, /A web server or user-agent sign-in, or a device flow's approval given here, leaves/);
    const fresh = new TestClient();
    const ended = await postForm(stack, fresh, '/explain', '/signed-out/end-session');
    assert.equal(ended.headers.get('location'), '/signed-out', 'nothing was logged out: no step to add');
    assert.match(await (await fresh.get(`${stack.appUrl}/signed-out`)).text(), /<h1>Not signed in<\/h1>/);
  });

  test('user-agent: the fragment is posted, state, signature and nonce are checked, the token stays in the session', async () => {
    const client = new TestClient();
    const start = await client.get(`${stack.appUrl}/flows/user-agent/start`);
    const authorize = new URL(start.headers.get('location') ?? '');
    assert.equal(authorize.searchParams.get('response_type'), 'token id_token');
    assert.ok(authorize.searchParams.get('nonce'));
    assert.equal(await runUserAgentFlow(stack, client), '/result');
    const html = await (await client.get(`${stack.appUrl}/result`)).text();
    for (const check of [
      'state check',
      'response signature check',
      'nonce check',
      'id_token check',
      'host check',
    ]) {
      assert.match(html, new RegExp(`Passed: ${check}`));
    }
    // The callback leg shows the address with its fragment, and says how the app came to see it.
    const legs = transcriptReader(() => stack, client);
    const { legs: shown } = await legs.pageOf('/result');
    const callback = await legs.legOf(shown.find((leg) => leg.leg === 'callback')?.id ?? 'none');
    assert.match(callback, /oauthcallback\.html#/);
    assert.match(callback, /What your browser sent to this app\s+had no fragment/);
    assert.match(callback, /Reveal secrets of the /, 'the token in the fragment is masked until revealed');
    assert.match(callback, /access_token=[^&<]*•/);
  });

  test('user-agent: a tampered signature or state is refused, and #error is explained', async () => {
    const client = new TestClient();
    const forged = await runUserAgentFlow(stack, client, {}, (fragment) =>
      fragment.replace(/signature=[^&]+/, 'signature=AAAA'),
    );
    assert.equal(forged, '/flows/user-agent#teaching-heading');
    assert.match(await (await client.get(`${stack.appUrl}/flows/user-agent`)).text(), /signature_mismatch/);
    const wrongState = await runUserAgentFlow(stack, client, {}, (fragment) =>
      fragment.replace(/state=[^&]+/, 'state=forged'),
    );
    assert.equal(wrongState, '/flows/user-agent#teaching-heading');
    const denied = await runUserAgentFlow(
      stack,
      client,
      {},
      (fragment) =>
        `error=access_denied&error_description=end-user+denied+authorization&${fragment.slice(fragment.indexOf('state='))}`,
    );
    assert.equal(denied, '/flows/user-agent#teaching-heading');
    assert.match(
      await (await client.get(`${stack.appUrl}/flows/user-agent`)).text(),
      /The user clicked Deny/,
    );
    // An error, its description and the state hide nothing: no Reveal that would change nothing.
    const legs = transcriptReader(() => stack, client);
    const { legs: shown } = await legs.pageOf('/flows/user-agent');
    const callback = await legs.legOf(shown.find((leg) => leg.leg === 'callback')?.id ?? 'none');
    assert.match(callback, /error=access_denied/);
    assert.doesNotMatch(callback, /Reveal secrets/);
  });

  test("user-agent: a fragment without instance_url is this app's refusal, never told as Salesforce's words", async () => {
    const client = new TestClient();
    const partial = await runUserAgentFlow(stack, client, {}, (fragment) =>
      fragment.replace(/(^|&)instance_url=[^&]+/, ''),
    );
    assert.equal(partial, '/flows/user-agent#teaching-heading');
    const page = await (await client.get(`${stack.appUrl}/flows/user-agent`)).text();
    assert.match(
      page,
      /<code>token_response_incomplete<\/code>: <code>the token response has no instance_url<\/code>/,
    );
    assert.match(page, /The token response lacks a field this app needs/);
    assert.match(page, /This app stopped, not Salesforce/);
    assert.doesNotMatch(page, /<h3>Salesforce answered|Salesforce&#39;s own words/);
  });
});
