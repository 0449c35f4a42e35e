// An External Client App owner's view of the explanations, in org mode: since Spring '26 a new app is an External
// Client App, so each fix that names a Connected App's setting also names where an External Client App keeps it
// (salesforce-wire-flows.md §10.1), and its different defaults (PKCE, the refresh secret) are said.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { postForm } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startOrgModeApp } from '../support/org-mode.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** The fallback pointer a fix gets when it names a Connected App's path only. */
const CA_ONLY = /That path is a Connected App&#39;s/;

describe('explanations and the setup guide for an External Client App owner (org mode)', () => {
  let org: TestStack;
  let app: TestStack;
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true });
    app = await startOrgModeApp(org.emulatorUrl);
  });
  after(async () => {
    await app.close();
    await org.close();
  });

  /** A browser that has opened the access link, as the start-up line gives it (org mode asks for it first). */
  const accessClient = async (): Promise<TestClient> => {
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    return client;
  };
  /** /explain in org mode. */
  const explainPasted = async (text: string) => {
    const client = await accessClient();
    const answer = await postForm(app, client, '/explain', '/explain', { text });
    assert.equal(answer.status, 200);
    return answer.text();
  };

  test('a JWT bearer run by a user never approved names the External Client App’s Permitted Users', async () => {
    const client = await accessClient();
    await postForm(app, client, '/flows/jwt', '/flows/jwt');
    const page = await (await client.get(`${app.appUrl}/flows/jwt`)).text();
    assert.match(page, /user hasn&#39;t approved this consumer/);
    // The fix is in steps, each an item of a list: the policy's place (an ECA's too), then what each value needs.
    assert.match(
      page,
      /<ol class="fix-steps"><li>Find the app&#39;s policy: [^<]*; on an External Client App, Policies → Permitted Users\.<\/li><li>If “Admin approved users are pre-authorized”: [^<]*on an External Client App, a permission set the user has/,
    );
    assert.doesNotMatch(page, CA_ONLY);
  });

  test('a failed assertion names where an External Client App holds the certificate', async () => {
    const html = await explainPasted('error=invalid_grant&error_description=invalid%20assertion');
    assert.match(
      html,
      /an External Client App, Settings → OAuth Settings → Flow Enablement → Enable JWT Bearer Flow/,
    );
    assert.doesNotMatch(html, CA_ONLY);
  });

  test('PKCE required: an External Client App requires it from the start', async () => {
    const html = await explainPasted(
      'error=invalid_request&error_description=missing%20required%20code%20challenge',
    );
    assert.match(html, /A new External Client App has it on from the start/);
  });

  test('a secret left out names the External Client App’s settings, and its refresh default', async () => {
    const refresh = await explainPasted(
      'grant_type=refresh_token&client_id=3MVG9x&refresh_token=5Aep {"error":"invalid_client","error_description":"invalid client credentials"}',
    );
    assert.match(refresh, /The app requires the client secret to refresh/);
    assert.match(refresh, /on an External Client App it starts on/);
    assert.match(refresh, /External Client App: under Settings, the same checkbox/);
    assert.doesNotMatch(refresh, CA_ONLY);
    const code = await explainPasted(
      'grant_type=authorization_code&code=aPrx&client_id=3MVG9x&code_verifier=abc {"error":"invalid_client","error_description":"invalid client credentials"}',
    );
    assert.match(code, /The app requires a client secret, and none was sent/);
    assert.match(code, /External Client App: under Settings, the same two checkboxes/);
    assert.doesNotMatch(code, CA_ONLY);
  });

  test('Run As, Refresh Token Policy and who may use the app: each names the External Client App’s Policies', async () => {
    const runAs = await explainPasted(
      'grant_type=client_credentials {"error":"invalid_grant","error_description":"authentication failure"}',
    );
    assert.match(runAs, /The Run As user could not be signed in/);
    assert.match(runAs, /External Client App: Policies → Run As/);
    assert.doesNotMatch(runAs, CA_ONLY);
    const policy = await explainPasted(
      'grant_type=refresh_token {"error":"invalid_grant","error_description":"expired access/refresh token"}',
    );
    assert.match(policy, /External Client App: Policies → Refresh Token Policy/);
    assert.doesNotMatch(policy, CA_ONLY);
    const access = await explainPasted(
      'error=invalid_app_access&error_description=user%20is%20not%20admin%20approved%20to%20access%20this%20app',
    );
    assert.match(access, /External Client App: Policies → Permitted Users/);
    assert.doesNotMatch(access, CA_ONLY);
    // A fix already naming both kinds of app gets no pointer to the table: the run-as variant said both, and got it.
    const runAsAccess = await explainPasted(
      'grant_type=client_credentials {"error":"invalid_app_access","error_description":"user is not admin approved to access this app"}',
    );
    assert.match(runAsAccess, /on an External Client App, Policies → Permitted Users/);
    assert.doesNotMatch(runAsAccess, CA_ONLY);
  });

  test('a flow that needs the secret names where an External Client App shows it', async () => {
    const html = await explainPasted('error=no_client_secret');
    assert.match(html, /This flow needs the consumer secret/);
    assert.match(
      html,
      /External Client App Manager → your app → Settings → OAuth Settings → Consumer Key and Secret/,
    );
  });

  test('says the Metadata API gives an External Client App’s secret only when the org allows it', async () => {
    const client = await accessClient();
    const guide = await (await client.get(`${app.appUrl}/setup`)).text();
    assert.match(
      guide,
      /the Metadata API returns an External Client App’s secret only while\s+<em>Allow Access to OAuth Consumer Secrets via Metadata API<\/em> is on/,
    );
  });
});
