// The setup doctor and guide on a callback URL: a refused one is fixed with the playground's own callback, never a
// port of this machine where nothing but a proxy could answer; start-up's warning about it shows on the guide too.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { changeSettings } from '../support/emulator-api.ts';
import { doctorReport } from '../support/doctor.ts';
import { startOrgModeApp } from '../support/org-mode.ts';
import { freePort } from '../support/redis.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { TestClient } from '../support/http.ts';

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

  test('registered at the org as the guide shows it, the check passes: the guide repeats start-up’s warning', async () => {
    const [port, other] = [await freePort(), await freePort()];
    const callback = `https://localhost:${other}/oauthcallback.html`;
    const app = await startOrgModeApp(org.emulatorUrl, {
      PORT: String(port),
      SF_MY_DOMAIN: org.instanceUrl,
      SF_CALLBACK_URL: callback,
    });
    try {
      await changeSettings(org, { callbackUrls: callback });
      const html = await doctorReport(app);
      assert.match(html, /data-check="client" data-state="pass"/, 'the org knows that callback');
      const warned = /<div class="notice" id="start-up-warnings" role="status">([\s\S]*?)<\/div>/.exec(
        html,
      )?.[1];
      assert.ok(warned, 'the guide shows what start-up warned');
      assert.match(
        warned,
        new RegExp(
          `<li>SF_CALLBACK_URL https://localhost:${other}/oauthcallback\\.html is not this playground&#39;s own address \\(https://localhost:${port}\\): Salesforce will send the browser there after the login, which is right only behind a proxy or tunnel to this port`,
        ),
      );
    } finally {
      await app.close();
    }
  });

  test('no SF_CALLBACK_URL and the app registered on another port: the flow says the callback follows PORT', async () => {
    const [port, other] = [await freePort(), await freePort()];
    const app = await startOrgModeApp(org.emulatorUrl, { PORT: String(port), SF_MY_DOMAIN: org.instanceUrl });
    try {
      await changeSettings(org, { callbackUrls: `https://localhost:${other}/oauthcallback.html` });
      const client = new TestClient();
      if (app.accessUrl) await client.get(app.accessUrl);
      const start = await client.get(`${app.appUrl}/flows/web-server/start`);
      assert.equal(start.headers.get('location'), '/flows/web-server#teaching-heading');
      const page = await (await client.get(`${app.appUrl}/flows/web-server`)).text();
      assert.match(page, /The callback URL does not match the app/);
      const sent = `https://localhost:${port}/oauthcallback.html`;
      assert.ok(
        page.includes(
          `Sent: ${sent}, the playground&#39;s own callback on its port (PORT; SF_CALLBACK_URL is not set).`,
        ),
        'the URL sent, and where it came from',
      );
      assert.match(
        page,
        /when it lists this address on another port, start the playground with PORT set to that port/,
      );
      assert.doesNotMatch(page, /\(SF_CALLBACK_URL\)\. Compare/);
    } finally {
      await app.close();
    }
  });
});
