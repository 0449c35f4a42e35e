// Take it home, in Chromium: a JWT bearer result's spent assertion is renewed by one click (each copy again), and the copy gets a token
// (its clipboard write begun by the click itself, as Safari requires). (npm test balances its browser groups on
// this file taking about 4 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { revealedCopies } from '../support/pages.ts';
import { takeHomeBrowser } from '../support/take-home.ts';

describe('copied requests run as copied', () => {
  // Signed in through the web server flow first: JWT bearer needs a user who approved the app.
  const home = takeHomeBrowser({ signedIn: true });
  const { copy, curl } = home;

  test('JWT bearer: the spent assertion is renewed by one click and the copy gets a token', async (t) => {
    const { browser, page, stack } = home;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/flows/jwt`);
    await page.getByRole('button', { name: 'Run the JWT bearer flow' }).click();
    await page.waitForURL(`${stack.appUrl}/result`);
    const token = page.locator('.transcript > li[data-leg="token"]');
    await token.locator('summary').first().click();
    assert.match(await token.locator('summary').first().innerText(), / · spent assertion$/);
    const box = await revealedCopies(token, 'token request');
    assert.match(await box.locator('.spent').innerText(), /^Spent assertion\. This app already sent/);
    const renew = box.getByRole('button', {
      name: 'New attempt and copy token request as curl, with your values',
    });
    const spent = await box.locator('pre[data-snippet="curl"]').innerText();
    // As Safari does once a network call has come between the tap and the write: plain writes are refused. The
    // write that works must begin before the renewal's answer has come, as Safari requires of it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      navigator.clipboard.writeText = () => Promise.reject(new Error('NotAllowedError'));
      document.execCommand = () => false;
      window.fetch = (
        (real: typeof fetch) => (input: RequestInfo | URL, init?: RequestInit) =>
          real(input, init).then((answer) => (seen.push('renewed'), answer))
      )(window.fetch.bind(window));
      navigator.clipboard.write = ((real: Clipboard['write']) => (items: ClipboardItems) => (
        seen.push('write begun'),
        real(items)
      ))(navigator.clipboard.write.bind(navigator.clipboard));
    });
    const script = await copy(box, renew);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { seen: string[] }).seen), [
      'write begun',
      'renewed',
    ]);
    assert.notEqual(script, spent);
    assert.match(await box.locator('.copy-note').innerText(), /^A new assertion, signed just now/);
    const answer = await curl(script);
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).instance_url, stack.instanceUrl);
    // Every copy renews again: the assertion an earlier copy carried may be expired or spent by now.
    const again = await copy(
      box,
      box.getByRole('button', { name: 'New attempt and copy token request as Python, with your values' }),
    );
    const assertionOf = (text: string) => /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/.exec(text)?.[0];
    assert.ok(assertionOf(again), again);
    assert.notEqual(assertionOf(again), assertionOf(script), 'a new assertion for the second copy');
  });
});
