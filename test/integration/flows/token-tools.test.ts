// The result page's token tools (userinfo, identity URL, introspection, revocation), each a leg of the transcript,
// and a logout that revokes, ends the org's login session too, and shows both legs.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { postForm, resultWithToken, runWebServerFlow } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('token tools and logout', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const useTool = async (client: TestClient, tool: string) => {
    const answer = await postForm(stack, client, '/result', '/result/tools', { tool });
    assert.equal(answer.headers.get('location'), '/result#tools');
    return (await client.get(`${stack.appUrl}/result`)).text();
  };
  /** The access token revoked at the org, not by this app (as an administrator would): the result page after. */
  const revokedAtOrg = async (client: TestClient) => {
    const { token } = await resultWithToken(stack, client);
    const revoked = await new TestClient().post(`${stack.emulatorUrl}/services/oauth2/revoke`, { token });
    assert.equal(revoked.status, 200);
    return (await client.get(`${stack.appUrl}/result`)).text();
  };
  const leadOf = (page: string) =>
    page
      .slice(page.indexOf('<p class="lead">'), page.indexOf('</p>', page.indexOf('<p class="lead">')))
      .replace(/\s+/g, ' ');

  test('userinfo and the identity URL answer for the signed-in user, each as a leg', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const userinfo = await useTool(client, 'userinfo');
    assert.match(userinfo, /<h3>Userinfo<\/h3>/);
    // The answer stays on the page across later visits, so it says when it was asked.
    const asked = /Asked at (\S+); the answer stays here until the next tool\./.exec(userinfo);
    assert.ok(asked && Math.abs(Date.parse(asked[1]) - Date.now()) < 60_000, 'asked just now');
    assert.match(userinfo, /&#34;preferred_username&#34;: &#34;admin@playground\.local&#34;/);
    assert.match(userinfo, /data-leg="userinfo"/);
    const identity = await useTool(client, 'identity');
    assert.match(identity, /<h3>Identity URL<\/h3>/);
    // Shown as answered, every field: not the five this app keeps of it, which made the identity URL look poorer
    // than userinfo beside it.
    assert.match(identity, /&#34;asserted_user&#34;: true/);
    assert.match(identity, /&#34;urls&#34;: \{/);
    assert.match(identity, /&#34;is_app_installed&#34;: /);
  });

  test("introspection tells the access token's real expiry and the refresh token's activity", async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const access = await useTool(client, 'introspect-access');
    assert.match(access, /&#34;active&#34;: true/);
    assert.match(access, /&#34;exp&#34;: \d{10}/);
    assert.match(access, /the token's real expiry as it stood when asked/);
    // Not "from now": the page's own query, run at each load, may have moved it since.
    assert.match(access, /this page's own query, run at each load, is such a call/);
    const refresh = await useTool(client, 'introspect-refresh');
    assert.match(refresh, /&#34;token_type&#34;: &#34;refresh_token&#34;/);
    assert.doesNotMatch(refresh, /&#34;exp&#34;/);
    assert.doesNotMatch(refresh, /the token's real expiry/, 'no exp to point at');
    assert.match(refresh, /No <code>exp<\/code>: introspection does not say when a refresh token ends\./);
    // Each introspection keeps its own leg: the access token's is still there to read and copy.
    assert.match(refresh, /data-leg="introspect \(access token\)"/);
    assert.match(refresh, /data-leg="introspect \(refresh token\)"/);
  });

  test('introspecting a revoked token says it is inactive, not where its exp would be', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    await useTool(client, 'revoke-access');
    const page = await useTool(client, 'introspect-access');
    assert.match(page, /&#34;active&#34;: false/);
    assert.match(page, /Salesforce no longer accepts this token/);
    assert.doesNotMatch(page, /the token's real expiry/);
  });

  test('revoking the access token shows its effect on the next query', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const page = await useTool(client, 'revoke-access');
    assert.match(page, /Done \(HTTP 200, empty body\)/);
    assert.match(page, /<code>INVALID_SESSION_ID<\/code>: <code>Session expired or invalid<\/code>/);
    assert.match(page, /data-leg="revoke"/);
    // The take-home box above says its copies now fail the same way, before anyone runs them.
    const box = page.slice(page.indexOf('<h3>Take it home</h3>'), page.indexOf('id="tools"'));
    assert.match(box, /This access token no longer works:<\/strong> Salesforce answered this page/);
    // The page no longer leads with a plain "Signed in": its first lines say the token is refused, and the way on.
    assert.match(page, /<title>Token refused \(web server flow\)/);
    assert.match(page, /<h1>Signed in, with a token that no longer works<\/h1>/);
    // Revoked here, by the visitor: said so, not guessed at; a refresh mends it.
    const lead = leadOf(page);
    assert.match(lead, /You revoked its access token with the token tools below; a refresh gets a new one\./);
    assert.doesNotMatch(lead, /timed out|sixth/);
    assert.match(
      lead,
      /Try a refresh \(the button beside\s+<code>refresh_token<\/code> below\); if it is refused,/,
    );
    // The explanation under the query agrees: an access token revoked alone leaves the refresh token working
    // (salesforce-wire.md §6.2), so it is not told to sign in again.
    const howToFix = /<strong>How to fix it:<\/strong>([^<]*)<\/p>/.exec(
      page.slice(page.indexOf('id="query"')),
    )?.[1];
    assert.match(
      howToFix ?? '',
      /expires, or you revoked the access token alone, get a new one as its flow does: refresh it/,
    );
    assert.match(howToFix ?? '', /when you revoked the refresh token, sign in again\.$/);
    // The refresh token revoked too: no refresh is offered.
    const both = leadOf(await useTool(client, 'revoke-refresh'));
    assert.match(
      both,
      /You revoked its refresh token with the token tools below, which takes its access tokens/,
    );
    assert.doesNotMatch(both, /Try a refresh/);
    assert.match(both, /<a href="\/flows\/web-server">Run the web server flow again<\/a> for a new one\./);
    // Below, nothing offers the refresh that cannot work any more, nor tells of one.
    const after = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.doesNotMatch(after, /Refresh the access token<\/button>/);
    assert.match(after, /You revoked it with the token tools below: it no longer works/);
    assert.match(after, /These copies get the same 401 until you sign in again\./);
  });

  test("a refresh clears the last tool's answer, which was about the tokens it replaced", async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    await useTool(client, 'revoke-access');
    assert.match(await useTool(client, 'introspect-access'), /&#34;active&#34;: false/);
    assert.equal(
      (await postForm(stack, client, '/result', '/flows/refresh-token')).headers.get('location'),
      '/result',
    );
    const page = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.doesNotMatch(page, /&#34;active&#34;: false/);
    assert.doesNotMatch(page, /<h3>Introspect/);
  });

  test('a refreshed login whose refresh token is gone is sent to the flow it began with, not to another refresh', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    assert.equal(
      (await postForm(stack, client, '/result', '/flows/refresh-token')).headers.get('location'),
      '/result',
    );
    const lead = leadOf(await useTool(client, 'revoke-refresh'));
    assert.match(lead, /<a href="\/flows\/web-server">Run the web server flow again<\/a> for a new one\./);
    assert.doesNotMatch(lead, /flows\/refresh-token|a refresh mends/);
  });

  test('a token revoked elsewhere (an administrator) is led with the causes that apply, and a refresh', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const lead = leadOf(await revokedAtOrg(client));
    assert.match(lead, /pushed out when the same user signed in to this app a sixth time/);
    assert.match(
      lead,
      /other visitors&#39; sign-ins count toward those five|other visitors' sign-ins count toward those five/,
    );
    assert.match(
      lead,
      /Try a refresh \(the button beside\s+<code>refresh_token<\/code> below\); if it is refused,/,
    );
    assert.match(lead, /<a href="\/flows\/web-server">run the web server flow again<\/a>/);
  });

  test('a revoked token of a login with no refresh token (JWT) is led with the causes that apply to it', async () => {
    const client = new TestClient();
    assert.equal(
      (await postForm(stack, client, '/flows/jwt', '/flows/jwt')).headers.get('location'),
      '/result',
    );
    const lead = leadOf(await revokedAtOrg(client));
    assert.match(
      lead,
      /Either its session timed out, or it was revoked \(by a logout or an administrator\)\./,
    );
    assert.doesNotMatch(lead, /refresh|sixth/);
    // Nor do the copies below speak of a refresh this flow never had.
    assert.match(
      await (await client.get(`${stack.appUrl}/result`)).text(),
      /same 401 until you sign in again\./,
    );
    // A sentence of its own, after a full stop: capitalised.
    assert.match(
      lead,
      /administrator\)\.\s*The local emulator also keeps only its newest 2,000 access tokens \(Salesforce has no such limit\)[^<]*<a href="\/flows\/jwt">Run the JWT bearer flow again<\/a> for a new one\./,
    );
  });

  test('an unknown tool is refused calmly', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const answer = await postForm(stack, client, '/result', '/result/tools', { tool: '__proto__' });
    assert.equal(answer.status, 400);
  });

  test('logout revokes and shows it; ending the login at the org is a step of its own, after which the next login asks again', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const revokes = stack.emulator?.received.filter((r) => r.path === '/revoke').length ?? 0;
    const logout = await postForm(stack, client, '/result', '/logout');
    assert.equal(stack.emulator?.received.filter((r) => r.path === '/revoke').length, revokes + 1);
    assert.equal(logout.headers.get('location'), '/signed-out');
    const first = await (await client.get(`${stack.appUrl}/signed-out`)).text();
    assert.match(first, /<h1>Signed out<\/h1>/);
    assert.match(first, /<strong>revoke<\/strong>: <code>POST<\/code>/);
    assert.doesNotMatch(first, /5Aep861[\w.]{20,}/, 'the revoked token is masked');
    assert.match(first, /End my login at Salesforce too/);
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
    // The org's end_session_endpoint, asked to send the browser back (the emulator does; Salesforce may not).
    const end = await postForm(stack, client, '/signed-out', '/signed-out/end-session');
    const endSession = new URL(end.headers.get('location') ?? '');
    assert.equal(
      endSession.origin + endSession.pathname,
      `${stack.emulatorUrl}/services/auth/idp/oidc/logout`,
    );
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${stack.appUrl}/signed-out`);
    const back = await client.get(endSession.href);
    assert.equal(back.headers.get('location'), `${stack.appUrl}/signed-out`);
    const signedOut = await (await client.get(`${stack.appUrl}/signed-out`)).text();
    assert.match(signedOut, /<strong>revoke<\/strong>/);
    assert.match(signedOut, /<strong>end session<\/strong>/);
    assert.match(signedOut, /ends this browser's\s+login at Salesforce once the browser gets there/);
    assert.doesNotMatch(signedOut, /End my login at Salesforce too/);
    const start = await client.get(`${stack.appUrl}/flows/web-server/start`);
    const again = await (await client.get(start.headers.get('location') ?? '')).text();
    assert.match(again, /name="password"/, 'the org asks for the password again');
  });

  test('a logout whose revoke is refused (the token revoked already) says so, not that it revoked', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    await useTool(client, 'revoke-refresh');
    assert.equal(
      (await postForm(stack, client, '/result', '/logout')).headers.get('location'),
      '/signed-out',
    );
    const signedOut = await (await client.get(`${stack.appUrl}/signed-out`)).text();
    assert.match(signedOut, /<h1>Signed out<\/h1>/);
    assert.match(
      signedOut,
      /Salesforce refused the revoke \(HTTP 400\): most often the token\s+was revoked already/,
    );
    assert.doesNotMatch(signedOut, /had that revoked/);
  });
});
