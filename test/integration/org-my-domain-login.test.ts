// Org mode with SF_LOGIN_URL set to the org's My Domain (another emulator playing the org, its 127.0.0.1): no
// generic login host is in play, so client credentials offers no "login host" switch and says why, and the
// result page and the host check say what they trust without contradicting themselves.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { ADMIN_ID, changeSettings } from '../support/emulator-api.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startOrgModeApp } from '../support/org-mode.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('an org whose My Domain is the login URL', () => {
  let org: TestStack;
  let app: TestStack;
  const learner = new TestClient();
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true });
    app = await startOrgModeApp(org.instanceUrl, { SF_MY_DOMAIN: org.instanceUrl });
    await learner.get(app.accessUrl ?? '');
  });
  after(async () => {
    await app?.close();
    await org?.close();
  });

  test('a visitor without the access link is told the org is on this machine, not that it is a real org', async () => {
    const page = await (await new TestClient().get(`${app.appUrl}/flows/jwt`)).text();
    assert.match(page, /<h1>Open the access link first<\/h1>/);
    assert.match(page, /talking to an <strong>org on this machine<\/strong>/);
  });

  test('the setup guide calls the mode an org on this machine, as the navigation does, not a real org', async () => {
    const guide = await (await learner.get(`${app.appUrl}/setup`)).text();
    assert.match(guide, /<dt>Mode<\/dt><dd><code>org mode, an org on this machine<\/code><\/dd>/);
  });

  test('client credentials offers no switch to a login host it does not have, and says why', async () => {
    const page = await (await learner.get(`${app.appUrl}/flows/client-credentials`)).text();
    assert.doesNotMatch(page, /value="login-host"/);
    assert.match(page, /value="wrong-secret"/, 'the other switches stay');
    assert.match(page, /a generic login host: <code>SF_LOGIN_URL<\/code> is this My Domain/);
    assert.doesNotMatch(page, /the login host: right for the other flows, refused for this one/);
    // Armed anyway (an old form, a hand-made request): not taken, so the page lists no switch armed.
    const armed = await postForm(app, learner, '/flows/client-credentials', '/teaching/break-it', {
      flow: 'client-credentials',
      faults: 'login-host',
    });
    assert.equal(armed.status, 303);
    const after = await (await learner.get(`${app.appUrl}/flows/client-credentials`)).text();
    assert.doesNotMatch(after, /go to the login host instead of My Domain/);
  });

  test("the result page names instance_url as the org's own domain, and the host check names both hosts", async () => {
    // The org registered its own default callback; the app's port is another.
    await changeSettings(org, { runAsUserId: ADMIN_ID, callbackUrls: app.config.callbackUrl });
    // The browser logs in at the org's pages, on the host SF_LOGIN_URL names, with the org's demo password.
    const atOrg = {
      ...app,
      emulatorUrl: org.instanceUrl,
      config: { ...app.config, emulator: org.config.emulator },
    };
    const { location } = await runWebServerFlow(atOrg, learner);
    assert.equal(location, '/result');
    const result = await (await learner.get(`${app.appUrl}/result`)).text();
    assert.match(result, /every API call goes here: the org&#39;s own domain, which SF_LOGIN_URL names too/);
    assert.doesNotMatch(result, /not to the login host/);
    const port = new URL(org.instanceUrl).port;
    assert.ok(
      result.includes(`Both are https URLs on this machine on port ${port} (localhost, 127.0.0.1 or [::1])`),
      'the id on localhost passed: the check says it trusts that name too',
    );
  });

  test("a token without api: the result page says where the app's scopes are set at a real org", async () => {
    const scopes = org.emulator?.context.state.settings.scopes ?? [];
    const narrower = scopes.filter((scope) => scope !== 'api' && scope !== 'full');
    await changeSettings(org, { scopes: narrower, runAsUserId: ADMIN_ID });
    try {
      const run = await postForm(app, learner, '/flows/client-credentials', '/flows/client-credentials');
      assert.equal(run.headers.get('location'), '/result');
      const result = await (await learner.get(`${app.appUrl}/result`)).text();
      assert.match(
        result,
        /add <code>api<\/code> to the app's Selected OAuth Scopes \(Setup → App Manager → your app → Edit\)/,
      );
      assert.doesNotMatch(result, /the emulator's Setup page/);
    } finally {
      await changeSettings(org, { scopes });
    }
  });
});
