// The cards an admin meets in org mode (another emulator plays the org) before a first success: each names where
// the setting lives, and none sends the admin of a real org to the local emulator's demo values.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { changeSettings } from '../../support/emulator-api.ts';
import { assertExplained, postForm } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startOrgModeApp } from '../../support/org-mode.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('cards in org mode', () => {
  let org: TestStack;
  let app: TestStack;
  let local: TestStack;
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true });
    app = await startOrgModeApp(org.emulatorUrl, { SF_MY_DOMAIN: org.instanceUrl });
    local = await startTestStack();
  });
  after(async () => {
    await app.close();
    await org.close();
    await local.close();
  });

  /** Runs a flow as a browser that came through the access link, and returns the flow page it lands on. */
  async function runInOrgMode(flowPath: string, form: Record<string, string> = {}): Promise<string> {
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    await postForm(app, client, flowPath, flowPath, form);
    return (await client.get(`${app.appUrl}${flowPath}`)).text();
  }

  /** The same run in emulator mode, where the org is the local emulator. */
  async function runLocally(flowPath: string, form: Record<string, string> = {}): Promise<string> {
    const client = new TestClient();
    await postForm(local, client, flowPath, flowPath, form);
    return (await client.get(`${local.appUrl}${flowPath}`)).text();
  }

  test("an empty password's card speaks of the emulator's demo password only when the org is the emulator", async () => {
    const form = { username: 'admin@playground.local', password: '' };
    const orgPage = await runInOrgMode('/flows/username-password', form);
    assertExplained(orgPage, {
      error: 'password_missing',
      description: 'no password was entered, so nothing was sent to Salesforce',
      title: "Enter the user's password first",
    });
    assert.doesNotMatch(orgPage, /demo password/);
    const localPage = await runLocally('/flows/username-password', form);
    assert.match(
      localPage,
      /Here the org is the local emulator\. Its demo users&#39; password is on its home page\./,
    );
  });

  test('the device flow turned off: the card says where Enable for Device Flow is on a Connected App', async () => {
    await changeSettings(org, { deviceFlowEnabled: undefined });
    const html = await runInOrgMode('/flows/device');
    assertExplained(html, {
      error: 'invalid_grant',
      description: 'device flow is not enabled for the app',
      title: 'The device flow is blocked for this app',
    });
    assert.match(
      html,
      /turn on &#34;Enable for Device Flow&#34; \(Setup → App Manager → your app → Edit → OAuth settings;/,
    );
  });

  test('no Run As user: the card says where the Enable Client Credentials Flow checkbox is, as well as Run As', async () => {
    const html = await runInOrgMode('/flows/client-credentials');
    assertExplained(html, {
      error: 'invalid_grant',
      description: 'no client credentials user enabled',
      title: 'The app has no Run As user for client credentials',
    });
    assert.match(
      html,
      /<li>Enable Client Credentials Flow on the app \(Setup → App Manager → your app → Edit → OAuth settings\);[^<]*<\/li>\s*<li>Set Run As/,
    );
    // The emulator's own user to pick, and when its changes count, are said only where the org is the emulator.
    assert.doesNotMatch(html, /standard@|local emulator/);
    const localPage = await runLocally('/flows/client-credentials');
    assert.match(
      localPage,
      /the emulator's Setup page<\/a>\. It has no API Only user: for Run As there, pick its standard user \(standard@\)\. A change there counts from the next request\./,
    );
  });

  test("a certificate on the app that is not the key's: only the emulator's card says when it takes a new certs/jwt.crt", async () => {
    const { default: selfsigned } = await import('selfsigned');
    const other = await selfsigned.generate([{ name: 'commonName', value: 'other' }], { keySize: 2048 });
    const explained = {
      error: 'invalid_grant',
      description: 'invalid assertion',
      title: 'Salesforce could not verify the assertion',
    };
    for (const stack of [org, local]) await changeSettings(stack, { certificatePem: other.cert });
    const orgPage = await runInOrgMode('/flows/jwt');
    assertExplained(orgPage, explained);
    assert.doesNotMatch(orgPage, /Its app holds|Here the org is the local emulator/);
    const localPage = await runLocally('/flows/jwt');
    assertExplained(localPage, explained);
    assert.match(
      localPage,
      /the emulator's Setup page<\/a>\. Its app holds the certs\/jwt\.crt it found when it started, unless a certificate was pasted on that page: after making a new one, paste it there, or restart the playground\./,
    );
  });

  test("the JWT page's key check names the emulator's certificate only where the org is the emulator", async () => {
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    const orgPage = await (await client.get(`${app.appUrl}/flows/jwt`)).text();
    assert.match(
      orgPage,
      /Which certificate the app in Salesforce holds, this app cannot see: it must be this jwt\.crt\./,
    );
    assert.doesNotMatch(orgPage, /The local emulator&#39;s app holds/);
  });
});
