// The emulator's own pages in Chromium: where the login page puts the cursor, the footer under a one-card page, and
// the home and Setup pages' layout from a phone to a desktop (its accessibility: a11y-signed-out.test.ts).
import assert from '../support/assert.ts';
import { after, before, describe } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { testWithScreenshot } from '../support/pages.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('the emulator’s pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser | null = null;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const test = testWithScreenshot(() => page);

  before(async () => {
    stack = await startTestStack({}, { emulatorOnly: true });
    browser = await launchBrowser();
    if (browser) {
      context = await newContext(browser);
      page = await context.newPage();
    }
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
  });

  const authorizeUrl = (extra: Record<string, string> = {}) =>
    `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
      ...extra,
    })}`;
  /** The focused field's id: a browser applies autofocus when it next renders, so a moment after load it may not yet. */
  const focused = async () => {
    const active = () => document.activeElement?.id;
    await (page as Page).waitForFunction(active, undefined, { timeout: 2000 }).catch(() => undefined);
    return (page as Page).evaluate(active);
  };

  test('the login page opens with the cursor in its first empty field', async (t) => {
    if (!page) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(authorizeUrl());
    assert.equal(await focused(), 'username');
    // A username already filled in (the app's login_hint): the password is next.
    await page.goto(authorizeUrl({ login_hint: stack.config.username }));
    assert.equal(await page.getByLabel('Username').inputValue(), stack.config.username);
    assert.equal(await focused(), 'password');
    // Setup's login, after a wrong password: the username is kept, the password asked for again.
    await page.goto(`${stack.emulatorUrl}/setup`);
    assert.equal(await focused(), 'username');
    await page.getByLabel('Username').fill(stack.config.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await focused(), 'password');
  });

  test('on a page that is one card (login, approval, errors), the footer’s links are centred under the card', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    for (const width of [320, 768, 1280]) {
      const wide = await newContext(browser, width);
      const card = await wide.newPage();
      for (const where of [authorizeUrl(), `${stack.emulatorUrl}/services/oauth2/authorize?client_id=nope`]) {
        await card.goto(where);
        const { links, box } = await card.evaluate(() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector('.emu-footer p') as HTMLElement);
          const [text, shown] = [
            range.getBoundingClientRect(),
            document.querySelector('.emu-card')!.getBoundingClientRect(),
          ];
          return { links: (text.left + text.right) / 2, box: (shown.left + shown.right) / 2 };
        });
        // At 1280 px they sat at the left of the 48rem column, 150 px left of the 26rem card above them.
        assert.ok(
          Math.abs(links - box) <= 1,
          `at ${width} px the links are centred at ${links}, the card at ${box}`,
        );
      }
      await wide.close();
    }
  });

  test('the home and Setup pages keep their text inside the margins, and their users’ words whole where there is room', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    for (const [width, where] of [320, 768, 1280].flatMap((w) => [
      [w, '/'] as const,
      [w, '/setup'] as const,
    ])) {
      const wide = await newContext(browser, width);
      const home = await wide.newPage();
      await home.goto(`${stack.emulatorUrl}${where}`);
      if (where === '/setup') {
        await home.fill('#username', stack.config.username);
        await home.fill('#password', stack.config.emulator.password);
        await home.getByRole('button', { name: 'Log In' }).click();
        await home.getByRole('heading', { name: 'Users' }).waitFor();
      }
      const found = await home.evaluate(() => {
        const main = document.querySelector('main') as HTMLElement;
        const style = getComputedStyle(main);
        const box = main.getBoundingClientRect();
        const [left, right] = [
          box.left + parseFloat(style.paddingLeft),
          box.right - parseFloat(style.paddingRight),
        ];
        // No local functions here: the test's compiler would wrap them in a helper this page does not have.
        const texts: Node[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node);
        // A one-word cell (a username, a token, a header) drawn on more than one line was cut inside its word.
        const words = [...main.querySelectorAll('th, td')].filter(
          (cell) => !/\s/.test(cell.textContent?.trim() ?? ''),
        );
        const lines = new Map<Node, DOMRect[]>();
        for (const node of [...texts, ...words]) {
          const range = document.createRange();
          range.selectNodeContents(node);
          lines.set(
            node,
            [...range.getClientRects()].filter((rect) => rect.width > 0),
          );
        }
        const outside = texts
          .filter((node) =>
            lines.get(node)?.some((rect) => rect.left < left - 0.5 || rect.right > right + 0.5),
          )
          .map((node) => node.textContent?.trim().slice(0, 40));
        const cut = words
          .filter((cell) => new Set(lines.get(cell)?.map((rect) => Math.round(rect.top))).size > 1)
          .map((cell) => cell.textContent?.trim());
        return { outside, cut };
      });
      assert.deepEqual(found.outside, [], `text in the margin of ${where} at ${width} px`);
      // At 320 px each user is a card of its own and a long word must break; wider, the table has room for them.
      if (width > 320) assert.deepEqual(found.cut, [], `words cut on ${where} at ${width} px`);
      await wide.close();
    }
  });
});
