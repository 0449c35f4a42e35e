// Where the username-password page sends a learner for the security token: the emulator lists the tokens on its
// home page only beside the default password, and on its Setup page once EMULATOR_PASSWORD is a password of one's own.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

for (const [label, env, where] of [
  ['the default password', {}, 'home'],
  ['EMULATOR_PASSWORD set', { EMULATOR_PASSWORD: 'a-password-of-my-own' }, 'setup'],
] as const) {
  describe(`the username-password page's security token hint, with ${label}`, () => {
    let stack: TestStack;
    const client = new TestClient();
    before(async () => {
      stack = await startTestStack(env);
    });
    after(() => stack.close());

    test(`links the emulator page that lists the tokens (its ${where} page), and that page lists them`, async () => {
      const page = await (await client.get(`${stack.appUrl}/flows/username-password`)).text();
      const hint = /lists each\s+demo user's token on <a href="([^"]+)">([^<]+)<\/a>/.exec(page);
      assert.ok(hint, 'the hint links the page with the tokens');
      const [, href, words] = hint;
      assert.equal(href, where === 'home' ? `${stack.emulatorUrl}/` : `${stack.emulatorUrl}/setup`);
      assert.equal(words, where === 'home' ? 'its home page' : 'its Setup page');
      // The emulator's home page shows the tokens only with the default password, as the hint says.
      const home = await (await client.get(`${stack.emulatorUrl}/`)).text();
      assert.equal(/data-security-token=/.test(home), where === 'home');
    });
  });
}
