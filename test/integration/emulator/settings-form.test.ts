// The emulator's setup page refuses what it cannot save, and saves nothing then: a private key pasted as the
// certificate, a bundle of certificates, a field sent twice; a certificate from the textarea (CRLF) is kept
// with LF.
import assert from '../../support/assert.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { hiddenValue } from '../../support/emulator-login.ts';
import { saveSettings, setupSession } from '../../support/emulator-setup.ts';
import { startTestStack, TEST_ROOT } from '../../support/stack.ts';
import { settingsStack } from '../../support/settings-stack.ts';

describe('emulator: settings, policy, persistence, robustness', () => {
  const emulator = settingsStack();

  test('refuses a private key pasted as the certificate, with an explanation, and saves nothing', async () => {
    const { stack } = emulator;
    const key = readFileSync(path.join(TEST_ROOT, 'certs', 'jwt.key'), 'utf8');
    const before = stack.emulator?.context.state.settings.certificatePem;
    const { status, html } = await saveSettings(stack, { certificatePem: key });
    assert.equal(status, 400);
    assert.match(html, /That is a private key, not a certificate/);
    assert.equal(stack.emulator?.context.state.settings.certificatePem, before);
    const [keyHeader, keyLine] = key.split('\n');
    assert.ok(!html.includes(keyHeader), 'the pasted key is never sent back');
    // Pasted in another field, neither the form nor an error quotes it.
    const elsewhere = await saveSettings(stack, { callbackUrls: key });
    assert.equal(elsewhere.status, 400);
    assert.match(elsewhere.html, /That is a private key, not a certificate/);
    assert.ok(!elsewhere.html.includes(keyHeader));
    assert.ok(!elsewhere.html.includes(keyLine), 'no line of the key');
    assert.match(
      (await saveSettings(stack, { certificatePem: 'hello' })).html,
      /must be a PEM X\.509 certificate/,
    );
    const certificate = readFileSync(path.join(TEST_ROOT, 'certs', 'jwt.crt'), 'utf8');
    const bundle = await saveSettings(stack, { certificatePem: `${certificate}\n${certificate}` });
    assert.equal(bundle.status, 400);
    assert.match(bundle.html, /That holds 2 certificates\. Upload one/);
    assert.equal(stack.emulator?.context.state.settings.certificatePem, before);
  });

  test('a refused save gives the form back as typed: one mistake does not cost the other changes', async () => {
    const { stack } = emulator;
    const saved = stack.emulator?.context.state.settings;
    const { status, html } = await saveSettings(stack, {
      callbackUrls: 'https://localhost:8081/oauthcallback.html\nftp://bad',
      requirePkce: saved?.requirePkce ? undefined : 'on',
      policy: 'admin-approved',
    });
    assert.equal(status, 400);
    assert.match(html, /Nothing was saved \(the form below keeps what you typed\)/);
    assert.match(
      html,
      /<textarea id="callbackUrls"[^>]*>https:\/\/localhost:8081\/oauthcallback\.html\nftp:\/\/bad<\/textarea>/,
    );
    assert.match(html, /value="admin-approved" checked/);
    const pkceBox = /<input type="checkbox" name="requirePkce" ?(checked)?>/.exec(html);
    assert.equal(Boolean(pkceBox?.[1]), !saved?.requirePkce, 'the PKCE box as ticked in the form');
    assert.deepEqual(stack.emulator?.context.state.settings, saved, 'and nothing saved');
  });

  test('a refused refresh token period comes back as typed, not as the saved one', async () => {
    const { stack } = emulator;
    const saved = stack.emulator?.context.state.settings;
    for (const typed of ['0', '', '2.5']) {
      const { status, html } = await saveSettings(stack, {
        refreshTokenPolicy: 'inactivity',
        refreshTokenAmount: typed,
      });
      assert.equal(status, 400);
      assert.match(html, /The refresh token policy needs a whole number from 1 to 10000\./);
      // The saved N in its place would read as accepted: a second Save would then store it without a word.
      assert.match(html, new RegExp(`<input id="refreshTokenAmount"[^>]* value="${typed}"[ >]`), typed);
      assert.match(html, /value="inactivity" checked/);
    }
    assert.deepEqual(stack.emulator?.context.state.settings, saved, 'and nothing saved');
  });

  test('a cleared certificate box is refused and comes back empty, not as the saved certificate', async () => {
    const { stack } = emulator;
    const saved = stack.emulator?.context.state.settings;
    const { status, html } = await saveSettings(stack, { certificatePem: '' });
    assert.equal(status, 400);
    assert.match(html, /The certificate must be a PEM X\.509 certificate/);
    assert.match(html, /<textarea id="certificatePem"[^>]*><\/textarea>/);
    assert.deepEqual(stack.emulator?.context.state.settings, saved, 'and nothing saved');
  });

  test('keeps a certificate sent from the textarea (CRLF line endings, as browsers send them) with LF', async () => {
    const { stack } = emulator;
    const pem = stack.emulator?.context.state.settings.certificatePem ?? '';
    assert.equal((await saveSettings(stack, { certificatePem: pem.replace(/\n/g, '\r\n') })).status, 200);
    assert.equal(stack.emulator?.context.state.settings.certificatePem, `${pem.trim()}\n`);
  });

  test('refuses a field sent twice instead of joining its values, and saves nothing', async () => {
    const { stack } = emulator;
    const before = stack.emulator?.context.state.settings.callbackUrls;
    const callbackUrls = [before?.join('\n') ?? '', 'https://y.example/cb'];
    const { status, html } = await saveSettings(stack, { callbackUrls });
    assert.equal(status, 400);
    assert.match(html, /The form sent callbackUrls more than once: send it once\./);
    assert.deepEqual(stack.emulator?.context.state.settings.callbackUrls, before);
  });

  test('shows the consumer secret where Salesforce does, only while it is the documented demo one', async () => {
    const { page } = await setupSession(emulator.stack);
    assert.match(page, /consumer secret\s+<code>local-emulator-consumer-secret<\/code>/);
    const own = await startTestStack({ SF_CLIENT_SECRET: 'my-own-secret-of-the-learner' });
    try {
      const ownPage = (await setupSession(own)).page;
      assert.doesNotMatch(ownPage, /my-own-secret-of-the-learner|local-emulator-consumer-secret/);
      assert.match(ownPage, /the value of <code>SF_CLIENT_SECRET<\/code>, not shown here/);
    } finally {
      await own.close();
    }
  });
  test('a change redirects to the page (a reload sends nothing again), and a form from before a change is refused', async () => {
    const { stack } = emulator;
    const admin = await setupSession(stack);
    const tabA = admin.page;
    // Tab B saves a change; its answer is a redirect, and the page it leads to says so once.
    const saved = await saveSettings(stack, { refreshTokenRotation: 'on' }, admin);
    assert.equal(saved.status, 200);
    assert.match(saved.html, /Settings saved/);
    assert.doesNotMatch(
      await (await admin.client.get(`${stack.emulatorUrl}/setup`)).text(),
      /Settings saved/,
    );
    assert.equal(stack.emulator?.context.state.settings.refreshTokenRotation, true);
    // Tab A, loaded before that, sends its form as it showed it: refused, and B's change stands.
    const fields = new URLSearchParams({
      csrf: hiddenValue(tabA, 'csrf'),
      stamp: hiddenValue(tabA, 'stamp'),
      policy: 'self-authorize',
    });
    const stale = await admin.client.request(`${stack.emulatorUrl}/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    assert.equal(stale.status, 409);
    const html = await stale.text();
    assert.match(html, /Nothing was saved \(the form below shows the settings as they are now\)/);
    assert.match(html, /The settings changed since this page was loaded/);
    assert.equal(stack.emulator?.context.state.settings.refreshTokenRotation, true);
    // Reset answers with a redirect too: reloading the page it leads to resets nothing.
    const page = await (await admin.client.get(`${stack.emulatorUrl}/setup`)).text();
    // The two secret switches are labelled as Salesforce's Setup labels them, in the same case.
    assert.match(page, /> Require Secret for Web Server Flow<\/label>/);
    assert.match(page, /> Require Secret for Refresh Token Flow<\/label>/);
    // A form refused for its CSRF token comes back stamped as now: saving from that page is not refused as stale.
    const expired = await admin.client.post(`${stack.emulatorUrl}/setup`, { csrf: 'stale', stamp: 'x' });
    assert.equal(expired.status, 403);
    assert.equal(hiddenValue(await expired.text(), 'stamp'), hiddenValue(page, 'stamp'));
    const reset = await admin.client.post(`${stack.emulatorUrl}/setup/reset`, {
      csrf: hiddenValue(page, 'csrf'),
    });
    assert.equal(reset.status, 303);
    assert.equal(reset.headers.get('location'), '/setup#setup-saved', 'opened at its message');
    assert.equal(stack.emulator?.context.state.settings.refreshTokenRotation, false);
  });
});
