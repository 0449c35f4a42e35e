// The result page's layout in Chromium at its extremes: a query answering 2,000 rows scrolls in a box of its own,
// its header in view, and what follows stays near; printed, every code block and table comes out whole, and none of
// the controls (of what is open: a closed step prints closed).
// (npm test balances its browser groups on this file taking about 5 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { a11yBrowser } from '../support/a11y.ts';
import { NO_BROWSER_MESSAGE, openEveryDetails } from '../support/browser.ts';

describe('the result page at its extremes', () => {
  const ui = a11yBrowser({ signedIn: true });

  test('2,000 rows scroll inside their own box, the column names staying in view', async (t) => {
    const { browser, page } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByLabel('SOQL').fill('SELECT Id, Name, Email, Phone, Title FROM Contact');
    await page.getByRole('button', { name: 'Run query', exact: true }).click();
    await page.waitForURL(/\/result#query$/);
    const box = page.locator('.table-wrap.query-result');
    const rows = await box.locator('tbody tr').count();
    assert.ok(rows >= 1000, `${rows} rows`);
    const { height, scrolls } = await box.evaluate((wrap) => ({
      height: wrap.getBoundingClientRect().height,
      scrolls: wrap.scrollHeight > wrap.clientHeight,
    }));
    assert.ok(height <= 800 * 0.8 + 1, `the box is ${height} px tall`);
    assert.ok(scrolls, 'the rows scroll within it');
    await box.evaluate((wrap) => wrap.scrollTo(0, 5_000));
    const header = await box.locator('thead th').first().boundingBox();
    const top = await box.boundingBox();
    assert.ok(header && top && Math.abs(header.y - top.y) < 2, 'the column names stay at the top of the box');
  });

  test('printed, no code block or table is cut short, and no button or switch is printed', async (t) => {
    const { browser, page, stack } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/result`);
    await openEveryDetails(page);
    await page.emulateMedia({ media: 'print' });
    try {
      const { cut, buttons } = await page.evaluate(() => ({
        cut: [...document.querySelectorAll('pre, .table-wrap')]
          .filter((box) => box.scrollHeight > box.clientHeight + 1)
          .map((box) => box.getAttribute('aria-label') ?? box.className),
        buttons: [...document.querySelectorAll('button')].filter(
          (button) => button.getBoundingClientRect().height > 0,
        ).length,
      }));
      assert.deepEqual(cut, []);
      assert.equal(buttons, 0);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
