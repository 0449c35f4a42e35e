// Take it home, in Chromium, after a web server sign-in: the spent code's copy control logs in again, and every call
// of the result page, copied after Reveal, runs in a shell against the emulator and answers as its transcript says.
// (npm test balances its browser groups on this file taking about 6 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { NO_BROWSER_MESSAGE, openEveryDetails } from '../support/browser.ts';
import { revealedCopies } from '../support/pages.ts';
import { takeHomeBrowser, type Answer } from '../support/take-home.ts';

describe('copied requests run as copied', () => {
  // On the result page of a web server sign-in, as a learner reaches it.
  const home = takeHomeBrowser({ signedIn: true });
  const { copy, curl } = home;

  /** What each leg of a result page must answer when its copied curl command runs again. */
  const expectations = (spentCode: boolean): Record<string, (answer: Answer) => void> => ({
    'pre-flight': ({ status, body }) => {
      assert.equal(status, 200);
      assert.match(body, /<button type="submit">Log In<\/button>/);
    },
    token: ({ status, body }) => {
      if (spentCode) {
        assert.equal(status, 400);
        assert.deepEqual(JSON.parse(body), {
          error: 'invalid_grant',
          error_description: 'expired authorization code',
        });
      } else {
        assert.equal(status, 200);
        assert.equal(JSON.parse(body).instance_url, home.stack.instanceUrl);
      }
    },
    discovery: ({ status, body }) => {
      assert.equal(status, 200);
      assert.equal(JSON.parse(body).issuer, home.stack.emulatorUrl);
    },
    jwks: ({ status, body }) => {
      assert.equal(status, 200);
      assert.equal(JSON.parse(body).keys[0].kty, 'RSA');
    },
    identity: ({ status, body }) => {
      assert.equal(status, 200);
      assert.equal(JSON.parse(body).username, home.stack.config.username);
    },
    versions: ({ status, body }) => {
      assert.equal(status, 200);
      assert.equal(JSON.parse(body).at(-1).version, '68.0');
    },
    query: ({ status, body }) => {
      assert.equal(status, 200);
      assert.ok(JSON.parse(body).records.some((record: { Name: string }) => record.Name === 'Acme Inc.'));
    },
  });

  /**
   * Every call on the result page: Reveal, copy as curl, run. The commands run together, but a spent code runs
   * last: replaying it revokes the tokens it gave, as the page warns.
   */
  const runEveryCall = async (spentCode: boolean): Promise<string[]> => {
    const { page } = home;
    const expected = expectations(spentCode);
    await openEveryDetails(page, '.transcript details');
    const calls = await page
      .locator('.transcript > li')
      .filter({ has: page.locator('[data-snippets]') })
      .all();
    const copied: { name: string; script: string; spent: boolean }[] = [];
    for (const leg of calls) {
      const name = (await leg.getAttribute('data-leg')) ?? '';
      assert.ok(expected[name], `a leg this test does not know: ${name}`);
      const box = leg.locator('[data-snippets]');
      // A call whose copies hold no secret (the pre-flight, the versions list) has no Reveal: they are real already.
      const reveal = leg.getByRole('button', { name: /^Reveal secrets of / });
      if ((await box.getAttribute('data-variables')) !== '') {
        await reveal.click();
        await leg.getByRole('button', { name: /^Hide secrets of / }).waitFor();
      } else assert.equal(await reveal.count(), 0, `${name}: nothing to reveal, no Reveal`);
      // A spent code's copy control starts a new login (its own test): the spent request is read as shown.
      const renewsByLogin = (await box.getAttribute('data-fresh')) === 'code';
      const script = renewsByLogin
        ? await box.locator('pre[data-snippet="curl"]').evaluate((pre) => pre.textContent ?? '')
        : await copy(box, box.getByRole('button', { name: /request as curl/ }));
      assert.ok(!script.includes('•') && !script.includes('<the '), `${name}: real values only`);
      const fresh = await box.getAttribute('data-fresh');
      const spent = (await leg.locator('.spent').count()) > 0 && (!fresh || renewsByLogin);
      copied.push({ name, script, spent });
    }
    const runAll = (which: typeof copied) =>
      Promise.all(which.map(async ({ name, script }) => expected[name](await curl(script))));
    await runAll(copied.filter((call) => !call.spent));
    await runAll(copied.filter((call) => call.spent));
    return [...copied.filter((call) => !call.spent), ...copied.filter((call) => call.spent)].map(
      (call) => call.name,
    );
  };

  test("web server flow: the spent code's copy control logs in again, and the handed-over exchange gets a token once", async (t) => {
    const { browser, page, stack } = home;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const token = page.locator('.transcript > li[data-leg="token"]');
    await token.locator('summary').first().click();
    assert.match(await token.locator('summary').first().innerText(), / · spent authorization code$/);
    const box = await revealedCopies(token, 'token request');
    await box
      .getByRole('button', { name: 'New login, then copy token request as curl, with your values' })
      .click();
    // Signed in at the emulator and approved already: Salesforce sends the browser straight back.
    await page.waitForURL(`${stack.appUrl}/flows/web-server#handed-over`);
    // Placeholders in the page, as everywhere: Reveal brings the code and the app's own values.
    await page.getByRole('button', { name: 'Reveal secrets of the code exchange' }).click();
    await page.getByRole('button', { name: 'Hide secrets of the code exchange' }).waitFor();
    const handedOver = page.locator('#take-home-handed-over-exchange');
    const script = await copy(
      handedOver,
      handedOver.getByRole('button', { name: 'Copy code exchange as curl, with your values' }),
    );
    const answer = await curl(script);
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).instance_url, stack.instanceUrl);
    assert.equal((await curl(script)).status, 400, 'a code works once');
    // Back to the earlier sign-in, unchanged, with its token revealed again for the next test.
    await page.goto(`${stack.appUrl}/result`);
    await page.getByRole('button', { name: 'Reveal the access token' }).click();
    await page.getByRole('button', { name: 'Hide the access token' }).waitFor();
    await page.locator('#take-home-token summary').click();
  });

  test('web server flow: every call, copied as curl after Reveal, answers as the transcript says', async (t) => {
    const { browser, page } = home;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const query = await page.locator('#take-home-token pre[data-snippet="curl"]').innerText();
    const ran = await runEveryCall(true);
    assert.deepEqual(ran, ['pre-flight', 'discovery', 'jwks', 'identity', 'versions', 'query', 'token']);
    assert.equal(
      (await curl(query)).status,
      401,
      'the replayed code took its tokens back, as the page warned',
    );
  });
});
