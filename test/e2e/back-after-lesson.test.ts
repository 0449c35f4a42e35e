// Back after a finished redirect login, in Chromium: Salesforce's authorize page, still logged in, answers again at
// once, and that answer must neither replace the lesson the learner was reading nor exchange anything.
import assert from '../support/assert.ts';
import { describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { NO_BROWSER_MESSAGE, newContext } from '../support/browser.ts';
import { everyFlowBrowser, flowDriver } from '../support/flowDriver.ts';
import { revealedCopies, signInAtEmulator, testWithScreenshot } from '../support/pages.ts';

describe('Back after a finished login in Chromium', () => {
  const ui = everyFlowBrowser();
  let page: Page | undefined;
  const test = testWithScreenshot(() => page);
  const tokenCalls = () => ui.stack.emulator?.received.filter((r) => r.path === '/token').length ?? 0;

  /** A browser of its own (logged out at the emulator, so its login pages are in the history) on `flow`'s page. */
  async function freshPage(flow: 'web-server' | 'user-agent', fault?: string) {
    page = await (await newContext(ui.browser as Browser)).newPage();
    await page.goto(ui.flows.flowUrl(flow));
    if (fault) {
      await page.locator('form.break-it summary').click();
      await page.locator(`form.break-it input[value="${fault}"]`).check();
      await page.getByRole('button', { name: 'Arm for the next attempt' }).click();
      await page.locator('.armed').waitFor();
    }
    return { page, run: () => flowDriver(ui.browser as Browser, page as Page, ui.stack).run(flow) };
  }

  /**
   * Presses Back until the browser is on the playground again (the authorize page sends it straight back), past the
   * user-agent callback page, whose script posts the fragment and moves on.
   */
  async function backToThePlayground(page: Page): Promise<URL> {
    for (let presses = 0; presses < 3; presses++) {
      await page.goBack({ waitUntil: 'load' });
      if (new URL(page.url()).origin !== ui.stack.appUrl) continue;
      await page.waitForURL((url) => url.pathname !== '/oauthcallback.html', { waitUntil: 'load' });
      return new URL(page.url());
    }
    throw new Error(`still at ${page.url()} after three Backs`);
  }

  /** The note the page shows once the replayed answer has been refused, and the lesson's error titles. */
  const shown = (page: Page) =>
    page.evaluate(() => ({
      note: document.querySelector<HTMLElement>('#replayed')?.innerText ?? '',
      titles: [...document.querySelectorAll<HTMLElement>('.error-box h3')].map((title) => title.innerText),
      teaching: document.querySelector<HTMLElement>('.teaching')?.innerText ?? '',
    }));

  /** Whether the top of the first element `selector` finds is on screen (a section's may sit a fraction above). */
  const inView = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => {
        const { top } = element.getBoundingClientRect();
        return top > -1 && top < window.innerHeight;
      });

  const NOTE = /Salesforce answered this login again[^]*nothing in it was used/;

  for (const [flow, fault, title, armed] of [
    [
      'web-server',
      'tampered-state',
      'The callback did not come from a login this browser started',
      'come back with a state this browser never sent',
    ],
    [
      'web-server',
      'wrong-redirect-uri',
      'The redirect_uri of the exchange differs from the authorize request',
      'send another redirect_uri at the code exchange',
    ],
    [
      'user-agent',
      'tampered-state',
      'The callback did not come from a login this browser started',
      'come back with a state this browser never sent',
    ],
  ] as const) {
    test(`Back after the ${flow} "${fault}" lesson shows that lesson again, with a note, and exchanges nothing`, async (t) => {
      if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
      const { page, run } = await freshPage(flow, fault);
      await run();
      const lesson = await shown(page);
      assert.ok(lesson.titles.includes(title), lesson.titles.join(' | '));
      const exchanges = tokenCalls();
      const here = await backToThePlayground(page);
      assert.equal(here.pathname, `/flows/${flow}`);
      const again = await shown(page);
      assert.match(again.note, NOTE);
      assert.deepEqual(again.titles, lesson.titles);
      assert.match(again.teaching, new RegExp(`This attempt failed on purpose: it was armed to ${armed}`));
      assert.doesNotMatch(again.teaching, /already completed|A replayed callback/);
      assert.equal(tokenCalls(), exchanges, 'the answer that came again was not exchanged');
      // The note is what the page opens on, and its link leads to the lesson.
      assert.ok(await inView(page, '#replayed'), 'the note on screen');
      await page.locator('#replayed').getByRole('link', { name: 'what happened' }).click();
      assert.ok(await inView(page, '.error-box'), 'the lesson on screen');
      await page.context().close();
    });
  }

  test('Back after a sign-in leads to the unchanged result, with a note, and exchanges nothing', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { page, run } = await freshPage('web-server');
    await run();
    assert.equal(new URL(page.url()).pathname, '/result');
    const exchanges = tokenCalls();
    assert.equal((await backToThePlayground(page)).pathname, '/result');
    const again = await shown(page);
    assert.match(again.note, NOTE);
    assert.match(again.teaching, /The sign-in that gave this token succeeded/);
    assert.equal(tokenCalls(), exchanges);
    // The flow page, too, still shows the sign-in, not a refused attempt of its own.
    await page.goto(ui.flows.flowUrl('web-server'));
    assert.match(await page.locator('.teaching').innerText(), /The last attempt succeeded/);
    await page.context().close();
  });

  test('Back after a hand-over keeps the unused code to copy, with a note, and exchanges nothing', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { page, run } = await freshPage('web-server');
    await run();
    const token = page.locator('.transcript > li[data-leg="token"]');
    await token.locator('summary').first().click();
    const box = await revealedCopies(token, 'token request');
    // Logged out at Salesforce meanwhile: the hand-over's login shows its page, and Back meets it again.
    await page.context().clearCookies({ name: '__Host-sfemu.sid' });
    await box
      .getByRole('button', { name: 'New login, then copy token request as curl, with your values' })
      .click();
    await page.getByLabel('Username').waitFor();
    await signInAtEmulator(page, ui.stack);
    await page.waitForURL(`${ui.stack.appUrl}/flows/web-server#handed-over`);
    const exchanges = tokenCalls();
    assert.equal((await backToThePlayground(page)).pathname, '/flows/web-server');
    assert.match((await shown(page)).note, NOTE);
    assert.ok(await page.locator('#handed-over').isVisible(), 'the code to copy is still offered');
    await page.locator('#replayed').getByRole('link', { name: 'what happened' }).click();
    assert.ok(await inView(page, '#handed-over-heading'), 'the hand-over on screen');
    assert.equal(tokenCalls(), exchanges);
    await page.context().close();
  });
});
