// An id_token that arrives already expired by this machine's clock, from an org (another emulator) whose clock is
// minutes behind: the result page's id_token check says that this clock, not the token, is what is off.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { changeSettings } from '../../support/emulator-api.ts';
import { runWebServerFlow } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startOrgModeApp } from '../../support/org-mode.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('an id_token met by a clock ahead of the org', () => {
  let org: TestStack;
  let app: TestStack;
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true });
    app = await startOrgModeApp(org.emulatorUrl, {}, { now: () => Date.now() + 10 * 60_000 });
  });
  after(async () => {
    await app.close();
    await org.close();
  });

  test('the id_token check points at this clock, which the clock check measures', async () => {
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    // The org registered its own default callback; the app's port is another.
    await changeSettings(org, { callbackUrls: app.config.callbackUrl });
    const atOrg = {
      ...app,
      emulatorUrl: org.emulatorUrl,
      config: { ...app.config, emulator: org.config.emulator },
    };
    assert.equal((await runWebServerFlow(atOrg, client)).location, '/result');
    const html = await (await client.get(`${app.appUrl}/result`)).text();
    assert.match(
      html,
      /note: it has already expired by this machine&#39;s clock \(id_tokens live about two minutes\): if it just arrived, this clock is ahead of Salesforce&#39;s \(the clock check says by how much\)/,
    );
    // The Date header is cut to the second: ten minutes read as 600 or 601 s.
    assert.match(html, /this machine&#39;s clock is about 60[01] s ahead of Salesforce&#39;s/);
  });
});
