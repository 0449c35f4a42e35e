// The result page's table for queries that reach beyond one object: a parent's fields in columns named by their
// path (Account.Owner.Name), a child subquery summed up in its cell; never "[object Object]".
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { unescapeHtml } from '../support/html.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** The result table's column names and rows, as the page shows them. */
function tableOf(html: string): { columns: string[]; rows: string[][] } {
  const table = /<table>\s*<caption class="visually-hidden">Query result<\/caption>([\s\S]*?)<\/table>/.exec(
    html,
  );
  assert.ok(table, 'a result table');
  const cells = (row: string, tag: string) =>
    [...row.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((cell) => cell[1]);
  const rows = [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => row[1]);
  return { columns: cells(rows[0], 'th'), rows: rows.slice(1).map((row) => cells(row, 'td')) };
}

describe('the result table', () => {
  let stack: TestStack;
  const client = new TestClient();
  const query = async (soql: string) => {
    await postForm(stack, client, '/result', '/result/query', { soql });
    const html = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.doesNotMatch(html, /\[object Object\]/);
    return tableOf(html);
  };
  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, client);
  });
  after(() => stack.close());

  test("a parent's fields, and its parent's, each in a column named by its path", async () => {
    const { columns, rows } = await query(
      'SELECT Id, Name, Account.Name, Account.Owner.Name FROM Contact WHERE Account.Name != null ORDER BY Name LIMIT 3',
    );
    assert.deepEqual(columns, ['Id', 'Name', 'Account.Name', 'Account.Owner.Name']);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assert.equal(row.length, 4);
      assert.ok(row[2] !== '' && row[3] !== '', JSON.stringify(row));
    }
  });

  test("a child subquery's records are counted and the first few spelled out in one cell", async () => {
    const { columns, rows } = await query(
      'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name LIMIT 2',
    );
    assert.deepEqual(columns, ['Name', 'Contacts']);
    for (const [, cell] of rows) {
      if (cell === '') continue; // an account without contacts: Salesforce answers null for it
      assert.match(cell, /^\d+ records?: [^;]+(; [^;]+){0,4}(; and \d+ more)?$/, cell);
    }
    assert.ok(
      rows.some(([, cell]) => cell !== ''),
      'some account has contacts',
    );
  });

  test('an empty SOQL box runs the sample query and says so, once', async () => {
    await postForm(stack, client, '/result', '/result/query', { soql: '  ' });
    const said = /The SOQL box was empty, so the sample query ran/;
    const page = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(page, said);
    assert.ok(page.includes(`>${stack.config.sampleQuery}</textarea>`), 'the box shows the query that ran');
    assert.doesNotMatch(
      await (await client.get(`${stack.appUrl}/result`)).text(),
      said,
      'a reload does not say it again',
    );
    await postForm(stack, client, '/result', '/result/query', { soql: 'SELECT Id FROM Account LIMIT 1' });
    assert.doesNotMatch(await (await client.get(`${stack.appUrl}/result`)).text(), said);
  });

  test('a query too long for an address once encoded gets the 414 and the card on its length', async () => {
    // 3,900 characters the form takes, each nine in the address (%E6%BC%A2): past Salesforce's 16,384 bytes.
    const soql = `SELECT Id FROM Account WHERE Name = '${'漢'.repeat(3_900)}'`;
    await postForm(stack, client, '/result', '/result/query', { soql });
    const html = unescapeHtml(await (await client.get(`${stack.appUrl}/result`)).text());
    assert.match(html, /request_too_long/);
    assert.match(html, /The address, or address and headers, were too long for Salesforce/);
    assert.match(html, /HTTP 414/);
    // The call was this app's server's: the browser's cookies never went with it, so the card does not send the
    // learner to clear them; it says the query in the address is what grew.
    const card = /<div class="error-box">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    assert.match(card, /This call was this app's server's/);
    assert.match(card, /The SOQL query goes in it/);
    assert.doesNotMatch(card, /clear the cookies|cookies it keeps for that host/);
  });
});
