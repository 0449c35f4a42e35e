// `npm run emulator` with an org-mode .env: SF_LOGIN_URL belongs to the app, so the emulator starts alone, with the
// app id and user the .env names, or with its defaults.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack } from '../support/stack.ts';

describe('npm run emulator with an org-mode .env', () => {
  test('starts: SF_LOGIN_URL belongs to the app, and the emulator takes the app id and user it names', async () => {
    const alone = await startTestStack(
      {
        SF_LOGIN_URL: 'https://localhost:8443',
        SF_CLIENT_ID: '3MVG9SameAsTheApp',
        SF_USERNAME: 'me@playground.local',
      },
      { emulatorOnly: true },
    );
    try {
      assert.equal(alone.app, undefined);
      const discovery = await new TestClient().get(`${alone.emulatorUrl}/.well-known/openid-configuration`);
      assert.equal(discovery.status, 200);
      assert.equal(alone.config.clientId, '3MVG9SameAsTheApp');
      assert.equal(alone.config.username, 'me@playground.local');
    } finally {
      await alone.close();
    }
    // Without them, it is the emulator with its defaults, not a demand for an org's settings; and the callback is
    // the emulated app's, for any client: not held to the playground's own page.
    const defaults = await startTestStack(
      { SF_LOGIN_URL: 'https://localhost:8443', SF_CALLBACK_URL: 'https://localhost:3000/callback' },
      { emulatorOnly: true },
    );
    await defaults.close();
    assert.equal(defaults.config.mode, 'emulator');
    assert.equal(defaults.config.callbackUrl, 'https://localhost:3000/callback');
    assert.deepEqual(defaults.config.warnings, []);
  });
});
