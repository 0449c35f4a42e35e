// Org faults armed for a redirect flow wait for that login alone: the setup doctor, an integration of the learner's
// own and other visitors' attempts meet none of them, and the login still does when it goes on. A direct flow's
// faults are for its own grant_type, and end with its attempt.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { signAssertion } from '../../support/assertion.ts';
import { ADMIN_ID, changeSettings } from '../../support/emulator-api.ts';
import { whileHeld } from '../../support/held-requests.ts';
import { hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { postForm, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('org faults belong to their login', () => {
  let stack: TestStack;
  const arm = async (client: TestClient, faults: string[], flow = 'web-server') => {
    const page = await (await client.get(`${stack.appUrl}/flows/${flow}`)).text();
    const armed = await client.request(`${stack.appUrl}/teaching/break-it`, {
      method: 'POST',
      body: new URLSearchParams([
        ['_csrf', hiddenValue(page, '_csrf')],
        ['flow', flow],
        ...faults.map((fault) => ['faults', fault]),
      ]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(armed.status, 303);
  };
  const doctorsClientCheck = async () => {
    const doctor = new TestClient();
    assert.equal((await postForm(stack, doctor, '/setup', '/setup/check')).status, 303);
    const report = await (await doctor.get(`${stack.appUrl}/setup`)).text();
    return /data-check="client" data-state="(\w+)"/.exec(report)?.[1];
  };

  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, new TestClient()); // the admin approves the app, so the JWT grant can succeed
  });
  after(() => stack.close());

  test('a login left waiting at the login page keeps its fault; a JWT grant of one’s own and another visitor meet none', async () => {
    const learner = new TestClient();
    await arm(learner, ['ip-restricted']);
    const start = await learner.get(`${stack.appUrl}/flows/web-server/start`);
    const loginPage = await (await learner.get(start.headers.get('location') ?? '')).text();
    assert.match(loginPage, /name="password"/);

    const ownIntegration = await new TestClient().post(`${stack.emulatorUrl}/services/oauth2/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signAssertion({
        iss: stack.config.clientId,
        sub: stack.config.username,
        aud: stack.emulatorUrl,
      }),
    });
    assert.equal(ownIntegration.status, 200, await ownIntegration.clone().text());
    const otherVisitor = await postForm(stack, new TestClient(), '/flows/jwt', '/flows/jwt');
    assert.equal(otherVisitor.headers.get('location'), '/result');

    const login = await learner.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(loginPage, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    assert.equal(login.status, 403, 'the waiting login still meets its own fault');
    assert.match(await login.text(), /Restricted IP/);
  });

  test('"send me anyway" left unfollowed: the setup doctor meets none of its faults, the login does', async () => {
    const learner = new TestClient();
    await arm(learner, ['callback-mismatch', 'app-blocked']);
    const refused = await learner.get(`${stack.appUrl}/flows/web-server/start`);
    assert.equal(refused.headers.get('location'), '/flows/web-server#teaching-heading');
    const flowPage = await (await learner.get(`${stack.appUrl}/flows/web-server`)).text();
    const link = /href="(\/flows\/web-server\/start\?anyway=1[^"]*)"/.exec(flowPage)?.[1] ?? '';
    const anyway = await learner.get(`${stack.appUrl}${link.replaceAll('&amp;', '&')}`);
    const authorizeUrl = anyway.headers.get('location') ?? '';
    assert.match(authorizeUrl, /\/services\/oauth2\/authorize\?/);

    assert.equal(await doctorsClientCheck(), 'pass');

    const salesforcePage = await learner.get(authorizeUrl);
    assert.equal(salesforcePage.status, 400);
    assert.match(await salesforcePage.text(), /redirect_uri_mismatch/);
    const blocked = await learner.get(authorizeUrl);
    assert.match(blocked.headers.get('location') ?? '', /error=OAUTH_APP_BLOCKED/);
  });

  test('a direct attempt that stopped before its fault takes it back: the next integration meets none', async () => {
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
    const learner = new TestClient();
    // The login host refuses client credentials before the org looks for its Run As user.
    await arm(learner, ['login-host', 'no-run-as'], 'client-credentials');
    const run = await postForm(stack, learner, '/flows/client-credentials', '/flows/client-credentials');
    assert.equal(run.headers.get('location'), '/flows/client-credentials#teaching-heading');
    assert.match(
      await (await learner.get(`${stack.appUrl}/flows/client-credentials`)).text(),
      /request not supported on this domain/,
    );
    const integration = await new TestClient().post(`${stack.instanceUrl}/services/oauth2/token`, {
      grant_type: 'client_credentials',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    });
    assert.equal(integration.status, 200, await integration.clone().text());
  });

  test('a direct flow’s fault is for its own grant: another visitor’s client credentials meanwhile meet none', async () => {
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
    const learner = new TestClient();
    await arm(learner, ['ip-restricted'], 'jwt');
    // The learner's token request waits at the login host; client credentials go to My Domain.
    await whileHeld(
      stack.emulatorServer!,
      '/services/oauth2/token',
      async (held) => {
        const run = postForm(stack, learner, '/flows/jwt', '/flows/jwt');
        await held.arrived;
        const other = await postForm(
          stack,
          new TestClient(),
          '/flows/client-credentials',
          '/flows/client-credentials',
        );
        assert.equal(other.headers.get('location'), '/result', 'another flow met the JWT attempt’s fault');
        held.release();
        assert.equal((await run).headers.get('location'), '/flows/jwt#teaching-heading');
      },
      { host: new URL(stack.emulatorUrl).host },
    );
    assert.match(
      await (await learner.get(`${stack.appUrl}/flows/jwt`)).text(),
      /<code>ip restricted<\/code>/,
    );
  });

  test('switches armed in one tab stay armed when another tab of the browser signs in, and still apply once', async () => {
    const learner = new TestClient();
    await arm(learner, ['wrong-aud'], 'jwt');
    // Another tab signs in, twice: each gives the browser a new session id.
    for (let signIn = 0; signIn < 2; signIn++)
      assert.equal((await runWebServerFlow(stack, learner)).location, '/result');
    assert.match(await (await learner.get(`${stack.appUrl}/flows/jwt`)).text(), /Next attempt will:/);
    const broken = await postForm(stack, learner, '/flows/jwt', '/flows/jwt');
    assert.equal(
      broken.headers.get('location'),
      '/flows/jwt#teaching-heading',
      'the lesson it was armed for',
    );
    assert.doesNotMatch(await (await learner.get(`${stack.appUrl}/flows/jwt`)).text(), /Next attempt will:/);
    // Switches armed in a session planted in another browser do not come along with its sign-in.
    const attacker = new TestClient();
    await arm(attacker, ['wrong-aud'], 'jwt');
    const victim = new TestClient();
    victim.setCookie(
      'localhost',
      '__Host-playground.sid',
      attacker.cookie('localhost', '__Host-playground.sid') ?? '',
    );
    assert.equal((await runWebServerFlow(stack, victim)).location, '/result');
    assert.doesNotMatch(await (await victim.get(`${stack.appUrl}/flows/jwt`)).text(), /Next attempt will:/);
  });
});
