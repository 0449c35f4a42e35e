// Setup's CORS part: the Allowed Origins List and "Enable CORS for OAuth endpoints", labelled as Salesforce's
// Setup → CORS, validated with an explanation per bad pattern, kept across a restart and cleared by a reset.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { crossOrigin, SPA_ORIGIN } from '../../support/cors.ts';
import { hiddenValue } from '../../support/emulator-login.ts';
import { saveSettings, setupSession } from '../../support/emulator-setup.ts';
import { settingsStack } from '../../support/settings-stack.ts';
import { startTestStack } from '../../support/stack.ts';

describe('emulator: CORS settings on Setup', () => {
  const emulator = settingsStack();
  const orgOf = () => emulator.stack.emulator?.context.state.org;

  test('shows the list and the box as Salesforce labels them, empty and off in a new org', async () => {
    const { page } = await setupSession(emulator.stack);
    assert.match(page, /<legend>Org: CORS<\/legend>/);
    assert.match(
      page,
      /<label for="corsAllowedOrigins">Allowed Origins List: Origin URL Pattern \(one per line\)/,
    );
    assert.match(page, /<textarea id="corsAllowedOrigins" name="corsAllowedOrigins"[^>]*><\/textarea>/);
    assert.match(page, /<input type="checkbox" name="corsOAuthEndpoints" > Enable CORS for OAuth endpoints/);
  });

  test('refuses bad patterns, each with its reason, keeps what was typed and saves nothing', async () => {
    const typed = [
      'https://ok.example.com',
      'http://www.example.com',
      'https://*.com',
      'https://x.example.com/app',
    ];
    const { status, html } = await saveSettings(emulator.stack, { corsAllowedOrigins: typed.join('\r\n') });
    assert.equal(status, 400);
    assert.match(html, /must use https:\/\/ \(http:\/\/ is only for localhost\)/);
    assert.match(html, /the \* must stand in front of a second-level domain name/);
    assert.match(html, /an origin has no path, query or #/);
    assert.match(
      html,
      /<textarea id="corsAllowedOrigins"[^>]* aria-invalid="true" aria-describedby="setup-error-0 setup-error-1 setup-error-2"/,
    );
    assert.ok(
      html.includes(`https://ok.example.com\nhttp://www.example.com`),
      'the list comes back as typed',
    );
    assert.deepEqual(orgOf()?.corsAllowedOrigins, []);
  });

  test('saves the list and the box, keeps them across a restart, and a reset clears both', async () => {
    const saved = await saveSettings(emulator.stack, {
      corsAllowedOrigins: `${SPA_ORIGIN}\n\nhttps://*.example.net\n${SPA_ORIGIN}`,
      corsOAuthEndpoints: 'on',
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(orgOf()?.corsAllowedOrigins, [SPA_ORIGIN, 'https://*.example.net']);
    assert.equal(orgOf()?.corsOAuthEndpoints, true);
    // A form from before the CORS part existed (no corsShown) leaves both as they are.
    assert.equal(
      (await saveSettings(emulator.stack, { corsShown: undefined, corsAllowedOrigins: undefined })).status,
      200,
    );
    assert.deepEqual(orgOf()?.corsAllowedOrigins, [SPA_ORIGIN, 'https://*.example.net']);
    await emulator.stack.close();
    emulator.stack = await startTestStack({ EMULATOR_DATA_DIR: emulator.dataDir }, { emulatorOnly: true });
    assert.deepEqual(orgOf()?.corsAllowedOrigins, [SPA_ORIGIN, 'https://*.example.net']);
    assert.equal(orgOf()?.corsOAuthEndpoints, true);
    const { page } = await setupSession(emulator.stack);
    assert.match(
      page,
      new RegExp(`<textarea id="corsAllowedOrigins"[^>]*>${SPA_ORIGIN}\nhttps://\\*.example.net</textarea>`),
    );
    assert.match(page, /name="corsOAuthEndpoints" checked>/);
    const versions = `${emulator.stack.instanceUrl}/services/data/`;
    assert.equal(
      (await crossOrigin(versions, SPA_ORIGIN)).allowOrigin,
      SPA_ORIGIN,
      'the restarted emulator applies it',
    );
    const admin = await setupSession(emulator.stack);
    const reset = await admin.client.post(`${emulator.stack.emulatorUrl}/setup/reset`, {
      csrf: hiddenValue(admin.page, 'csrf'),
    });
    assert.equal(reset.status, 303);
    assert.deepEqual(orgOf()?.corsAllowedOrigins, []);
    assert.equal(orgOf()?.corsOAuthEndpoints, false);
    assert.equal((await crossOrigin(versions, SPA_ORIGIN)).status, 403);
  });
});
