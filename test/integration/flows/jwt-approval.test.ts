// The JWT flow's "not approved" notice when this browser approved the app as another user than the assertion's sub:
// the usual end of "Approve once" with a mistyped SF_USERNAME, corrected at Salesforce's login page.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { changeSettings, STANDARD_ID } from '../../support/emulator-api.ts';
import { TestClient } from '../../support/http.ts';
import { authorizeViaApp, postForm, runWebServerFlow } from '../../support/flows.ts';
import { startOrgModeApp } from '../../support/org-mode.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

/**
 * The JWT page's "Approve once as" SF_USERNAME (login_hint, prompt=login), and another user signs in instead: the
 * result page that login lands on.
 */
async function approvedAsAnother(stack: TestStack, client: TestClient): Promise<string> {
  const start = `/flows/web-server/start?${new URLSearchParams({ login_hint: stack.config.username, prompt: 'login' })}`;
  const callback = await authorizeViaApp(stack, client, start, { username: 'standard@playground.local' });
  assert.equal((await client.get(callback)).headers.get('location'), '/result');
  return (await client.get(`${stack.appUrl}/result`)).text();
}

describe('JWT flow: an approval given as another user', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const refusedPage = async (client: TestClient) => {
    const refused = await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    assert.equal(refused.headers.get('location'), '/flows/jwt#cure');
    return (await client.get(`${stack.appUrl}/flows/jwt`)).text();
  };

  test("the refusal's card shows the assertion's sub and aud, the two claims that can name another org", async () => {
    const page = await refusedPage(new TestClient());
    assert.match(page, /The user has not approved this app/);
    assert.ok(
      page.includes(`The assertion&#39;s sub was admin@playground.local, its aud ${stack.emulatorUrl}.`),
      'sub and aud are both shown',
    );
  });

  test('the notice names the user the last sign-in was as (a refresh of it too), and whom to approve as', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client, { username: 'standard@playground.local' });
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 200, 'the result page asks who it is');
    const page = await refusedPage(client);
    assert.match(page, /user hasn&#39;t approved this consumer/);
    assert.match(
      page,
      /The last sign-in here was as <code>standard@playground\.local<\/code>, not as\s+<code>admin@playground\.local<\/code>: an approval counts only for the user who gave it\./,
    );
    // In emulator mode SF_USERNAME names the emulator's administrator: the button says to approve as that user.
    assert.match(page, /Here the flow acts as the local emulator's\s+administrator\.<\/p>/);
    assert.match(page, />Approve once as admin@playground\.local with the web server flow</);
    assert.doesNotMatch(page, /SF_USERNAME=standard/);
    // A refresh continues that login: still the same user's approval.
    const refreshed = await postForm(stack, client, '/result', '/flows/refresh-token');
    assert.equal(refreshed.headers.get('location'), '/result');
    assert.match(
      await refusedPage(client),
      /The last sign-in here was as <code>standard@playground\.local<\/code>/,
    );
  });

  test('"Approve once as" the JWT user, signed in as another: the result page says the JWT user approved nothing', async () => {
    const client = new TestClient();
    const result = await approvedAsAnother(stack, client);
    assert.match(
      result,
      /The login page proposed\s+<code>admin@playground\.local<\/code>, and <code>standard@playground\.local<\/code> signed in instead/,
    );
    assert.match(
      result,
      /The JWT bearer flow signs in as\s+<code>admin@playground\.local<\/code> \(SF_USERNAME\)/,
    );
    // As proposed: no such note. (Not as the JWT user, whose approval the next test needs missing.)
    const asProposed = new TestClient();
    // A copied hint with blanks around it is the same user, as the login page took it.
    const proposeStandard = `/flows/web-server/start?login_hint=%20standard%40playground.local%20&prompt=login`;
    const again = await authorizeViaApp(stack, asProposed, proposeStandard, {
      username: 'standard@playground.local',
    });
    await asProposed.get(again);
    assert.doesNotMatch(
      await (await asProposed.get(`${stack.appUrl}/result`)).text(),
      /id="other-than-proposed"/,
    );
  });

  test('a browser not signed in, or signed in by client credentials (which approves nothing), gets no such paragraph', async () => {
    const page = await refusedPage(new TestClient());
    assert.match(page, /<h2 id="cure">How to approve the app for admin@playground\.local<\/h2>/);
    // Both cures give approval: an admin's pre-authorization, or the user's own Allow once.
    assert.match(
      page,
      /only to a user who already has approval for the app: pre-authorized by an\s+admin, or approved/,
    );
    assert.doesNotMatch(page, /id="approved-as-other"/);
    // Salesforce's help names the web server and user-agent flows as where a self-authorizing user approves
    // (salesforce-wire.md §5.3); the device flow's approval is not confirmed to count, though the emulator counts it.
    const needs = /<li><strong>Approval for the user\.<\/strong>([\s\S]*?)<\/li>/.exec(page)?.[1] ?? '';
    assert.match(needs, /interactive login \(the web server or user-agent flow\)/);
    assert.match(needs, /device flow\s+counts is unconfirmed/);
    await changeSettings(stack, { runAsUserId: STANDARD_ID });
    const machine = new TestClient();
    const flow = '/flows/client-credentials';
    assert.equal((await postForm(stack, machine, flow, flow)).headers.get('location'), '/result');
    assert.match(await (await machine.get(`${stack.appUrl}/result`)).text(), /standard@playground\.local/);
    const afterMachine = await refusedPage(machine);
    assert.match(afterMachine, /<h2 id="cure">How to approve the app for admin@playground\.local<\/h2>/);
    assert.doesNotMatch(afterMachine, /id="approved-as-other"/);
  });
});

describe('JWT flow: approved once as its own user', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('"Approve once as" the JWT user, signed in as that user: the result page leads back to the JWT bearer flow, which then signs in', async () => {
    const client = new TestClient();
    const refused = await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    assert.equal(refused.headers.get('location'), '/flows/jwt#cure');
    const start = `/flows/web-server/start?${new URLSearchParams({ login_hint: stack.config.username, prompt: 'login' })}`;
    assert.equal(
      (await client.get(await authorizeViaApp(stack, client, start))).headers.get('location'),
      '/result',
    );
    const result = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(
      result,
      /<p class="notice" id="jwt-approved" role="status"><code>admin@playground\.local<\/code>, the user the JWT\s+bearer flow acts as, now has approval for the app: <a href="\/flows\/jwt">run the JWT bearer flow again<\/a>\.<\/p>/,
    );
    assert.doesNotMatch(result, /id="other-than-proposed"/);
    assert.equal(
      (await postForm(stack, client, '/flows/jwt', '/flows/jwt')).headers.get('location'),
      '/result',
    );
    // The JWT bearer flow's own result page is no approval's end: it says nothing of the kind.
    assert.doesNotMatch(await (await client.get(`${stack.appUrl}/result`)).text(), /id="jwt-approved"/);
  });
});

describe('JWT flow in org mode: an approval given as another user', () => {
  let org: TestStack;
  let app: TestStack;
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true });
    app = await startOrgModeApp(org.emulatorUrl);
    await changeSettings(org, { callbackUrls: app.config.callbackUrl }); // the app's port, known only now
  });
  after(async () => {
    await app.close();
    await org.close();
  });

  test('the notice names SF_USERNAME as the setting to change if the other user is the one meant', async () => {
    const client = new TestClient();
    await client.get(app.accessUrl ?? ''); // org mode: the access link first, as the start-up line gives it
    // The browser logs in at the org's pages, with the org's demo password.
    const atOrg = {
      ...app,
      emulatorUrl: org.emulatorUrl,
      config: { ...app.config, emulator: org.config.emulator },
    };
    await runWebServerFlow(atOrg, client, { username: 'standard@playground.local' });
    assert.equal((await client.get(`${app.appUrl}/result`)).status, 200);
    await postForm(app, client, '/flows/jwt', '/flows/jwt');
    const page = await (await client.get(`${app.appUrl}/flows/jwt`)).text();
    assert.match(
      page,
      /If <code>standard@playground\.local<\/code> is the user the JWT bearer flow should act as,\s+set <code>SF_USERNAME=standard@playground\.local<\/code> and restart the playground; otherwise approve as\s+<code>admin@playground\.local<\/code>\./,
    );
  });
  test('"Approve once as" the JWT user, signed in as another: the result page names SF_USERNAME too', async () => {
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    const atOrg = {
      ...app,
      emulatorUrl: org.emulatorUrl,
      config: { ...app.config, emulator: org.config.emulator },
    };
    // The JWT page's "Approve once as" SF_USERNAME, and another user signs in: the one meant, if SF_USERNAME is wrong.
    const result = await approvedAsAnother(atOrg, client);
    assert.match(
      result,
      /The JWT bearer flow signs in as\s+<code>admin@playground\.local<\/code> \(SF_USERNAME\)/,
    );
    assert.match(
      result,
      /If\s+<code>standard@playground\.local<\/code> is the user the JWT bearer flow should act as \(the one in SF_USERNAME\s+misspelt, or of another org\), set <code>SF_USERNAME=standard@playground\.local<\/code> and restart the playground\s+instead\./,
    );
  });
});

describe('JWT flow: a sandbox audience against the emulator, a production org', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ SF_AUDIENCE: 'https://test.salesforce.com' });
  });
  after(() => stack.close());

  test('refused as audience is invalid, with what the emulator takes and the restart the fix needs', async () => {
    const client = new TestClient();
    await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    const page = await (await client.get(`${stack.appUrl}/flows/jwt`)).text();
    assert.match(page, /<code>invalid_grant<\/code>: <code>audience is invalid<\/code>/);
    assert.match(
      page,
      /Here the org is the local emulator\. It is a production org: it takes https:\/\/login\.salesforce\.com/,
    );
    assert.match(page, /reads its settings when it starts: after changing one in <code>\.env<\/code>/);
  });
});
