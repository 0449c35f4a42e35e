// Setup's "Issue JSON Web Token (JWT)-based access tokens for named users" and its token timeout: shown off with the
// user session's timeout on a new app, saved, refused outside Salesforce's list, kept across a restart, and reset.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { hiddenValue, loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { saveSettings, setupSession } from '../../support/emulator-setup.ts';
import { settingsStack } from '../../support/settings-stack.ts';
import { startTestStack } from '../../support/stack.ts';

const LABEL = 'Issue JSON Web Token (JWT)-based access tokens for named users';
const box = (html: string) => /<input type="checkbox" name="namedUserJwtEnabled" ?(checked)?>/.exec(html);
const selected = (html: string) =>
  /<select id="namedUserJwtTimeout"[\s\S]*?<\/select>/
    .exec(html)?.[0]
    .match(/<option value="([^"]+)" selected>/)?.[1];

describe('emulator: Setup of JWT-based access tokens', () => {
  const emulator = settingsStack();

  test('a new app shows the box unticked, labelled as Salesforce labels it, timing out with the user session', async () => {
    const { page } = await setupSession(emulator.stack);
    assert.ok(page.includes(LABEL), 'the setting, by its Salesforce label');
    assert.ok(box(page), 'the box is on the page');
    assert.equal(box(page)?.[1], undefined, 'unticked');
    assert.equal(selected(page), 'UserSession');
    const options = [...page.matchAll(/<option value="(\d+)" >/g)].map((match) => Number(match[1]));
    assert.deepEqual(options, [1, 5, 10, 15, 30, 60, 90, 120, 240, 480, 720]);
  });

  test('saves the box and a custom timeout, refuses one outside the list, keeps them and their tokens across a restart', async () => {
    const saved = await saveSettings(emulator.stack, {
      namedUserJwtEnabled: 'on',
      namedUserJwtTimeout: '15',
    });
    assert.equal(saved.status, 200);
    assert.equal(box(saved.html)?.[1], 'checked');
    assert.equal(selected(saved.html), '15');
    const refused = await saveSettings(emulator.stack, { namedUserJwtTimeout: '7' });
    assert.equal(refused.status, 400);
    assert.match(
      refused.html,
      /The JWT-based access token timeout must be the user session or one of the listed/,
    );
    assert.match(
      refused.html,
      /<select id="namedUserJwtTimeout" name="namedUserJwtTimeout" aria-invalid="true"/,
    );
    const { access_token: token } = await loginAndGetToken(emulator.stack);
    await emulator.stack.close();
    emulator.stack = await startTestStack({ EMULATOR_DATA_DIR: emulator.dataDir });
    const { page } = await setupSession(emulator.stack);
    assert.equal(box(page)?.[1], 'checked', 'still on after a restart');
    assert.equal(selected(page), '15');
    const query = await new TestClient().get(
      `${emulator.stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`,
      { authorization: `Bearer ${token}` },
    );
    assert.equal(query.status, 200, 'a JWT issued before the restart still works');
    assert.equal(
      [...(emulator.stack.emulator?.context.state.tokens.access.values() ?? [])].at(-1)?.format,
      'jwt',
      'filed as a JWT',
    );
    const session = await saveSettings(emulator.stack, { namedUserJwtTimeout: 'UserSession' });
    assert.equal(selected(session.html), 'UserSession');
    assert.equal(box(session.html)?.[1], 'checked');
  });

  test('reset puts the app back to opaque tokens with the session timeout', async () => {
    await saveSettings(emulator.stack, { namedUserJwtEnabled: 'on', namedUserJwtTimeout: '720' });
    const admin = await setupSession(emulator.stack);
    const reset = await admin.client.post(`${emulator.stack.emulatorUrl}/setup/reset`, {
      csrf: hiddenValue(admin.page, 'csrf'),
    });
    assert.equal(reset.status, 303);
    const page = await (await admin.client.get(`${emulator.stack.emulatorUrl}/setup`)).text();
    assert.equal(box(page)?.[1], undefined);
    assert.equal(selected(page), 'UserSession');
  });
});
