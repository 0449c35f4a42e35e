// The mistakes made before a first success, one at a time: each page names the setting or variable at fault, and
// once it is fixed (on the emulator's Setup page, or by a restart with the variable changed) the next run succeeds.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { securityToken } from '../../server/emulator/org.ts';
import { answerDeviceCode } from '../support/device.ts';
import { ADMIN_ID, changeSettings } from '../support/emulator-api.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { startOrgModeApp } from '../support/org-mode.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { Visitor } from '../support/visitor.ts';

describe('before the first success, against the emulator', () => {
  let stack: TestStack;
  const visitor = new Visitor(() => stack);
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('username-password as a user the admin-approved app does not admit names the profiles, then signs in', async () => {
    await changeSettings(stack, { policy: 'admin-approved', profiles: [], allowUsernamePassword: 'on' });
    const credentials = {
      username: stack.config.username,
      password: stack.config.emulator.password,
      securityToken: securityToken(stack.config.emulator.password, ADMIN_ID),
    };
    const refused = await visitor.run('/flows/username-password', credentials);
    assert.equal(refused, '/flows/username-password#teaching-heading');
    const page = await visitor.page('/flows/username-password');
    assert.match(page, /<code>invalid_grant<\/code>: <code>authentication failure<\/code>/);
    // The one cause the emulator had: said with the setting that fixes it, as the emulator's own behaviour.
    assert.match(
      page,
      /It also answers so to a user whose profile is not ticked under Pre-authorized profiles while the app&#39;s\s+policy is &#34;Admin approved users are pre-authorized&#34;/,
    );
    await changeSettings(stack, { profiles: ['System Administrator'] });
    assert.equal(await visitor.run('/flows/username-password', credentials), '/result');
  });

  test("Deny on the device flow's other screen is drawn as a Deny, not an Allow; the next run that allows signs in", async () => {
    const code = async () => {
      assert.equal(await visitor.run('/flows/device'), '/flows/device#code-heading');
      const html = await visitor.page('/flows/device');
      return {
        userCode: /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(html)?.[1] ?? '',
        verificationUri: /Open <a href="([^"]+)"/.exec(html)?.[1] ?? '',
      };
    };
    const denied = await code();
    await answerDeviceCode(stack, denied.verificationUri, denied.userCode, 'deny');
    assert.equal(await visitor.pollDevice(), '/flows/device#teaching-heading');
    const page = await visitor.page('/flows/device');
    assert.match(page, /<code>access_denied<\/code>/);
    assert.match(page, /On another screen: open verification_uri, enter the code, log in, then Deny/);
    assert.doesNotMatch(page, /log in and Allow/);
    const allowed = await code();
    await answerDeviceCode(stack, allowed.verificationUri, allowed.userCode);
    assert.equal(await visitor.pollDevice(), '/result');
  });
});

describe('before the first success, against an org', () => {
  let org: TestStack;
  const apps: TestStack[] = [];
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true });
  });
  after(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await org.close();
  });
  /** The playground started against the org with `env`, its callback registered there, and a visitor let in. */
  const start = async (env: Record<string, string>) => {
    const app = await startOrgModeApp(org.emulatorUrl, env);
    apps.push(app);
    const registered = org.emulator?.context.state.settings.callbackUrls ?? [];
    await changeSettings(org, { callbackUrls: [...registered, app.config.callbackUrl].join('\n') });
    const visitor = new Visitor(() => app);
    await visitor.client.get(app.accessUrl ?? '');
    return { app, visitor };
  };

  test('the device flow with a consumer key the org does not know says which key it sent', async () => {
    const { visitor } = await start({ SF_CLIENT_ID: '3MVG9NotThisOrgsKey' });
    assert.equal(await visitor.run('/flows/device'), '/flows/device#teaching-heading');
    const page = await visitor.page('/flows/device');
    assert.match(page, /<code>invalid_client_id<\/code>: <code>client identifier invalid<\/code>/);
    assert.match(
      page,
      /<strong>In this request:<\/strong> The request carried client_id=3MVG9NotThisOrgsKey\./,
    );
  });

  test('JWT with SF_USERNAME naming no user of the org says where sub comes from; corrected, it signs in', async () => {
    const wrong = await start({ SF_USERNAME: 'nobody@playground.local' });
    assert.equal(await wrong.visitor.run('/flows/jwt'), '/flows/jwt#cure');
    const page = await wrong.visitor.page('/flows/jwt');
    assert.match(page, /<code>user hasn&#39;t approved this consumer<\/code>/);
    assert.match(
      page,
      /The assertion's <code>sub<\/code> is <code>SF_USERNAME<\/code>: if <code>nobody@playground\.local<\/code> is not the exact\s+username of the user meant, in this org \(a sandbox copy of a user commonly has the sandbox name appended\), set <code>SF_USERNAME<\/code> to it and restart the\s+playground first/,
    );
    // The fix: a restart with the variable corrected, and the one approval the flow needs.
    const right = await start({ SF_USERNAME: 'admin@playground.local' });
    const atOrg = {
      ...right.app,
      emulatorUrl: org.emulatorUrl,
      config: { ...right.app.config, emulator: org.config.emulator },
    };
    assert.equal((await runWebServerFlow(atOrg, right.visitor.client)).location, '/result');
    assert.equal(await right.visitor.run('/flows/jwt'), '/result');
  });
});
