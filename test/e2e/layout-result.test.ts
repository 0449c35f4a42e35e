// The result page's layout in Chromium at its extremes: a query answering 2,000 rows scrolls in a box of its own,
// its header in view, and what follows stays near; printed, every code block and table comes out whole, and none of
// the controls (of what is open: a closed step prints closed); on a phone, a step's parameters are readable, their
// help covers nothing, and no button touches the next; wider, a claim's value stays whole where its row has room; a
// SOQL error's message wraps, its caret kept under its column.
// (npm test balances its browser groups on this file taking about 7 s alone.)
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

  test("on a phone, each parameter's value has the screen's width, its help covers no other row, buttons have room", async (t) => {
    const { browser, page, stack } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.setViewportSize({ width: 320, height: 740 });
    await page.goto(`${stack.appUrl}/result`);
    await openEveryDetails(page);
    const narrow = await page.evaluate(() =>
      [...document.querySelectorAll('.params tbody td')]
        .filter(
          (cell) =>
            cell.getBoundingClientRect().width < 0.8 * cell.closest('table')!.getBoundingClientRect().width,
        )
        .map((cell) => cell.textContent),
    );
    assert.deepEqual(narrow, [], 'values squeezed beside their names');

    const helped = page.locator('.params th:has(.tooltip)').first();
    await helped.locator('.param').focus();
    const help = await helped.locator('.tooltip').boundingBox();
    const next = await helped.locator('xpath=../following-sibling::tr[1]').boundingBox();
    assert.ok(help && next, 'a parameter with help, and a row after it');
    assert.ok(
      help.y + help.height <= next.y + 1,
      `the help (to ${help.y + help.height}) covers the next row (${next.y})`,
    );

    // (No named function inside evaluate: the test loader would wrap it in a helper the page does not have.)
    const touching = await page.evaluate(() => {
      const boxes = [
        ...document.querySelectorAll('.tool-buttons button, .query-form button, form.logout button'),
      ].map((button) => ({
        name: button.textContent!.trim().slice(0, 30),
        box: button.getBoundingClientRect(),
      }));
      return boxes.flatMap(({ name, box: a }, i) =>
        boxes
          .slice(i + 1)
          .filter(
            ({ box: b }) =>
              a.left < b.right + 4 && b.left < a.right + 4 && a.top < b.bottom + 4 && b.top < a.bottom + 4,
          )
          .map((other) => `${name} / ${other.name}`),
      );
    });
    assert.deepEqual(touching, [], 'buttons within 4 px of each other');
    const rawJson = await page.locator('summary', { hasText: 'Raw JSON' }).boundingBox();
    const logout = await page.locator('form.logout button').boundingBox();
    assert.ok(
      rawJson && logout && logout.y - (rawJson.y + rawJson.height) >= 8,
      'Log out right under Raw JSON',
    );
  });

  test('a claim’s value stays on one line wherever its table has room for it beside the claim’s meaning', async (t) => {
    const { browser, page, stack } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    // The id_token's claims (custom_attributes widens the names), then the JWT bearer assertion's (the long username
    // is its sub): above 40rem each is a table, whose layout gave the meanings twice the room of the values and cut
    // a 39-character consumer key in two at 1280 px.
    const cut: string[] = [];
    for (const flow of ['web-server', 'jwt']) {
      if (flow === 'jwt') {
        await page.goto(`${stack.appUrl}/flows/jwt`);
        await page.getByRole('button', { name: 'Run the JWT bearer flow' }).click();
        await page.waitForURL(`${stack.appUrl}/result`);
      } else await page.goto(`${stack.appUrl}/result`);
      for (const width of [768, 1024, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const found = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.claims tbody tr')].flatMap((row) => {
            const [name, value, meaning] = [...row.children] as HTMLElement[];
            const code = value.querySelector('code') as HTMLElement;
            const range = document.createRange();
            range.selectNodeContents(code);
            const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
            code.style.whiteSpace = 'nowrap';
            const whole = code.getBoundingClientRect().width;
            code.style.whiteSpace = '';
            // Room: the table less the name and the narrowest the meaning may be, and the value's own padding.
            const [m, v] = [getComputedStyle(meaning), getComputedStyle(value)];
            const room =
              row.getBoundingClientRect().width -
              name.getBoundingClientRect().width -
              (parseFloat(m.minWidth) + parseFloat(m.paddingLeft) + parseFloat(m.paddingRight)) -
              (parseFloat(v.paddingLeft) + parseFloat(v.paddingRight));
            return lines > 1 && whole <= room
              ? [`${code.textContent} (${Math.round(whole)} of ${Math.round(room)} px)`]
              : [];
          }),
        );
        cut.push(...found.map((value) => `${flow} at ${width} px: ${value}`));
      }
    }
    assert.deepEqual(cut, []);
    // On a phone each claim is a card again, its value as wide as the card.
    await page.setViewportSize({ width: 375, height: 800 });
    const narrow = await page.evaluate(() =>
      [...document.querySelectorAll('.claims tbody tr')]
        .filter(
          (row) => row.children[1].getBoundingClientRect().width < row.getBoundingClientRect().width - 1,
        )
        .map((row) => row.children[0].textContent),
    );
    assert.deepEqual(narrow, [], 'values narrower than their card');
  });

  test("on a phone, a SOQL error's message wraps whole, its query and caret keeping their columns", async (t) => {
    const { browser, page, stack } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    // Last: the query it leaves in the session fails, and the tests above read the page of a query that works.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${stack.appUrl}/result`);
    await page.getByLabel('SOQL').fill('SELECT Id, Nme FROM Account');
    await page.getByRole('button', { name: 'Run query', exact: true }).click();
    await page.waitForURL(/\/result#query$/);
    const box = page.locator('.error-box', { hasText: 'INVALID_FIELD' });
    // Salesforce's sentence, and the emulator's note in brackets that the explanation below points to, are read
    // without scrolling sideways: a line of 400 characters in a block that scrolls showed a phone its first 40.
    const message = box.locator('pre', { hasText: 'No such column' });
    const { wide, fits } = await message.evaluate((pre) => ({
      wide: pre.scrollWidth - pre.clientWidth,
      fits: pre.getBoundingClientRect().right <= document.documentElement.clientWidth,
    }));
    assert.ok(wide <= 1 && fits, `the message is ${wide} px wider than its box`);
    const columns = (await box.locator('pre.error-description').innerText()).split('\n');
    assert.equal(columns[0], 'SELECT Id, Nme FROM Account');
    assert.equal(columns[1].indexOf('^'), columns[0].indexOf('Nme'), 'the caret under the field it names');
  });
});
