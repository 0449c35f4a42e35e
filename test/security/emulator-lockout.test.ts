// Password guessing at the emulator: ten wrong passwords lock the user for 15 minutes, at the authorize login or
// the Setup login alike, and the admin's Unlock on Setup ends the lock at once.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { followLogin, hiddenValue, loginPageSteps } from '../support/emulator-login.ts';
import { setupSession } from '../support/emulator-setup.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const LOCKED =
  'Your account has been locked because of too many failed login attempts. Contact your Salesforce administrator to unlock it, or wait until the lockout period expires and try again.';
const STANDARD = 'standard@playground.local';

describe('emulator login and approval under attack', () => {
  let stack: TestStack;
  let clock = Date.now();
  before(async () => {
    // Now, not when the file was loaded: a group loads every file first, and real clients check real time.
    clock = Date.now();
    stack = await startTestStack({}, { now: () => clock });
  });
  after(() => stack.close());
  const { atLogin, logIn } = loginPageSteps(() => stack);

  test('ten wrong passwords lock the user 15 minutes with Salesforce’s lockout message, the right one included', async () => {
    const { client, request } = await atLogin();
    for (let attempt = 1; attempt <= 9; attempt++) {
      const wrong = await logIn(client, request, STANDARD, `guess-${attempt}`);
      assert.equal(wrong.status, 401);
      assert.match(await wrong.text(), /Please check your username and password/);
    }
    const tenth = await logIn(client, request, STANDARD, 'guess-10');
    assert.equal(tenth.status, 403);
    assert.ok((await tenth.text()).includes(LOCKED));
    const right = await logIn(client, request, STANDARD, stack.config.emulator.password);
    assert.equal(right.status, 403);
    assert.ok((await right.text()).includes(LOCKED));
    clock += 15 * 60 * 1000;
    const later = await logIn(client, request, STANDARD, stack.config.emulator.password);
    assert.equal(later.status, 303, 'the lock ends after 15 minutes');
    assert.match(await (await followLogin(client, stack.emulatorUrl, later)).text(), /name="decision"/);
  });

  test('a lock shows on Setup with the Password Lockout status, and the admin’s Unlock lets the user in at once', async () => {
    const { client, request } = await atLogin();
    for (let attempt = 1; attempt <= 10; attempt++) await logIn(client, request, STANDARD, 'wrong');
    const admin = await setupSession(stack);
    assert.match(admin.page, /Password Lockout: locked until \d\d:\d\d UTC/);
    const unlocked = await admin.client.post(`${stack.emulatorUrl}/setup/unlock`, {
      csrf: hiddenValue(admin.page, 'csrf'),
      userId: /name="userId" value="([^"]+)"/.exec(admin.page)?.[1] ?? '',
    });
    assert.equal(unlocked.status, 303, 'a change redirects to the page (Post/Redirect/Get)');
    const shown = await (await admin.client.get(`${stack.emulatorUrl}/setup`)).text();
    assert.match(shown, /standard@playground\.local is unlocked and can log in again\./);
    const again = await atLogin();
    const login = await logIn(again.client, again.request, STANDARD, stack.config.emulator.password);
    assert.equal(login.status, 303, 'logged in: on to the approval page');
  });

  test('the setup login counts wrong passwords toward the same lock', async () => {
    const client = new TestClient();
    const page = await (await client.get(`${stack.emulatorUrl}/setup`)).text();
    let answer: { status: number; text(): Promise<string> } | undefined;
    for (let attempt = 1; attempt <= 10; attempt++) {
      answer = await client.post(`${stack.emulatorUrl}/setup/login`, {
        csrf: hiddenValue(page, 'csrf'),
        username: STANDARD,
        password: 'wrong',
      });
    }
    assert.equal(answer?.status, 403);
    assert.ok((await answer?.text())?.includes(LOCKED));
    stack.emulator?.context.logins.unlockAll();
  });
});
