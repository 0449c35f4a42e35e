// The setup doctor on a callback the org refuses: the fix names the playground's own callback, never a port of this
// machine where nothing but a proxy could answer.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { doctorReport } from '../support/doctor.ts';
import { startOrgModeApp } from '../support/org-mode.ts';
import { freePort } from '../support/redis.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('the setup doctor on a callback URL the app does not have', () => {
  let org: TestStack;
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true });
  });
  after(() => org?.close());

  test('SF_CALLBACK_URL on another port: set it to the playground’s own callback, rather than register it', async () => {
    const [port, other] = [await freePort(), await freePort()];
    const app = await startOrgModeApp(org.emulatorUrl, {
      PORT: String(port),
      SF_MY_DOMAIN: org.instanceUrl,
      SF_CALLBACK_URL: `https://localhost:${other}/oauthcallback.html`,
    });
    try {
      assert.match(
        app.config.warnings.join('\n'),
        /is not this playground's own address/,
        'start-up says so',
      );
      const html = await doctorReport(app);
      assert.match(html, /data-check="client" data-state="fail"/);
      const own = `https://localhost:${port}/oauthcallback\\.html`;
      assert.match(
        html,
        new RegExp(
          `redirect_uri_mismatch \\(redirect_uri must match configuration\\)\\. Fix: SF_CALLBACK_URL https://localhost:${other}/oauthcallback\\.html is not this playground&#39;s own address: set it to ${own} \\(or remove it\\), restart the playground and add ${own} to the app&#39;s Callback URLs, exactly\\. Only if a proxy on that port brings it here: add https://localhost:${other}/oauthcallback\\.html to the app&#39;s Callback URLs, exactly\\.`,
        ),
      );
    } finally {
      await app.close();
    }
  });
});
