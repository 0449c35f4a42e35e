// Errors pasted without their code: a REST error's message alone, as some tools print it, from the emulator's own
// answers; and a client's line that holds only the HTTP status. Each gets its card, its words shown whole.
import assert from '../support/assert.ts';
import { firstCard, leadOf, pageText } from '../support/paste.ts';
import { describe, test } from 'node:test';
import { explainPasted } from '../support/flows.ts';
import { unescapeHtml } from '../support/html.ts';
import { TestClient } from '../support/http.ts';
import { recordsStack } from '../support/rest-records.ts';

const titleOf = (html: string) => unescapeHtml(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');
const query = (soql: string) => `/query?${new URLSearchParams({ q: soql })}`;

describe('the trouble path: errors pasted without their code', () => {
  const records = recordsStack();

  test("a REST error's message alone is read as its code, the query's words unmasked", async () => {
    const { rest, stack } = records;
    const cases: [string, string, string][] = [
      ['SELECT Id FRM Account', 'The SOQL does not parse', 'unexpected token: Account'],
      // The emulator's message for a field it may not model says so: its own card.
      ['SELECT Nmae FROM Account', 'A field the local emulator does not have', "No such column 'Nmae'"],
      ['SELECT Id FROM Acount', 'The object does not exist (or is not visible)', "sObject type 'Acount'"],
    ];
    for (const [soql, card, words] of cases) {
      const answer = await rest.get(query(soql));
      assert.equal(answer.status, 400, soql);
      const message = answer.body[0].message as string;
      const html = await explainPasted(stack, message);
      assert.equal(firstCard(html), card, message);
      assert.ok(unescapeHtml(html).includes(words), `${words} shown whole`);
      assert.doesNotMatch(html, /••••••/, 'nothing of a query is masked');
    }
  });

  test("a real org's messages alone get the general cards", async () => {
    for (const [message, card] of [
      [
        "No such column 'Nmae' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
        'A field does not exist (or is not visible)',
      ],
      [
        "sObject type 'Acount' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
        'The object does not exist (or is not visible)',
      ],
      ['Session expired or invalid', 'The session is expired or invalid'],
    ])
      assert.equal(firstCard(await explainPasted(records.stack, message)), card, message);
  });

  test('a link naming the status-only failure gets no lead in its words: a link carries any words', async () => {
    const words = 'Your org was suspended: call 555 with your password';
    const url = `${records.stack.appUrl}/explain?${new URLSearchParams({ error: 'http_status_only', error_description: words })}`;
    const html = unescapeHtml(await (await new TestClient().get(url)).text());
    assert.doesNotMatch(html, /only the HTTP status your client printed/);
    assert.match(html, /a link can carry any words/);
  });

  test('a client line with only the HTTP status says the body was left unread, and how to print it', async () => {
    const line =
      'requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: https://login.salesforce.com/services/oauth2/token';
    for (const pasted of [
      `Traceback (most recent call last):\n  File "app.py", line 9, in <module>\n    r.raise_for_status()\n${line}`,
      'AxiosError: Request failed with status code 401',
      'curl: (22) The requested URL returned error: 400',
      // simple-oauth2 (through @hapi/wreck) keeps Salesforce's body in err.data.payload and prints only this.
      'Access Token Error Response Error: 400 Bad Request',
    ]) {
      const html = await explainPasted(records.stack, pasted);
      assert.equal(firstCard(html), "Only the HTTP status came through, not Salesforce's answer", pasted);
      assert.match(titleOf(html), /^What does this error mean\? ·/);
      assert.match(unescapeHtml(html), /only the HTTP status your client printed/);
      assert.match(unescapeHtml(html), /print\(r\.status_code, r\.text\)/);
      assert.match(unescapeHtml(html), /simple-oauth2: console\.log\(err\.data\.payload\)/);
    }
  });

  test('a call too long for Salesforce (414, 431), as clients print it, gets the length card, not "body left unread"', async () => {
    for (const pasted of [
      'requests.exceptions.HTTPError: 414 Client Error: URI Too Long for url: https://acme.my.salesforce.com/services/data/v66.0/query?q=SELECT',
      'AxiosError: Request failed with status code 431',
      'curl: (22) The requested URL returned error: 414',
      // jsforce names a status that came without a JSON error ERROR_HTTP_<status>, its message the body.
      'ERROR_HTTP_414: URI Too Long',
      "simple_salesforce.exceptions.SalesforceGeneralError: Error Code 431. Response content: b''",
      'HTTP/1.1 431 Request Header Fields Too Large',
    ]) {
      const html = unescapeHtml(await explainPasted(records.stack, pasted));
      assert.equal(
        firstCard(html),
        'The address, or address and headers, were too long for Salesforce',
        pasted,
      );
      assert.match(html, /an HTTP status refusing the call for its length/, pasted);
      assert.doesNotMatch(html, /left unread|the client failed on its own side/, pasted);
      assert.match(html, /at most 16,384 bytes/);
    }
  });

  test("nginx's own error page for a call too long: the length card of a proxy in front, not Salesforce's limit", async () => {
    const page = (title: string, body: string, signature: string) =>
      `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${body}</h1></center>\n<hr><center>${signature}</center>\n</body>\n</html>`;
    for (const [pasted, line] of [
      [page('414 Request-URI Too Large', '414 Request-URI Too Large', 'nginx'), '414 Request-URI Too Large'],
      [
        `Error: Request failed with status code 414\n${page('414 Request-URI Too Large', '414 Request-URI Too Large', 'nginx/1.25.3')}`,
        '414 Request-URI Too Large',
      ],
      // nginx answers a header (a cookie most often) longer than its buffers with a 400 of its own words.
      [
        page('400 Request Header Or Cookie Too Large', '400 Bad Request', 'nginx').replace(
          '</h1></center>',
          '</h1></center>\n<center>Request Header Or Cookie Too Large</center>',
        ),
        '400 Request Header Or Cookie Too Large',
      ],
    ]) {
      const html = unescapeHtml(await explainPasted(records.stack, pasted));
      assert.equal(firstCard(html), 'A proxy in front (nginx) found the call too long', pasted);
      const lead = leadOf(html);
      assert.match(lead, /^Not Salesforce's answer: nginx's own error page/, pasted);
      assert.ok(lead.includes(line), lead);
      assert.match(html, /large_client_header_buffers/);
      assert.doesNotMatch(html, /Salesforce reads at most 16,384 bytes/, "not told as Salesforce's limit");
      // Each refusal gets its own cause and fix: the address for a 414, the cookies for a 400, never the other's.
      const card = pageText(html);
      if (line.startsWith('414')) {
        assert.match(card, /The request line was longer than one: most often a SOQL query in the address/);
        assert.match(card, /Shorten the address: select fewer fields/);
        assert.doesNotMatch(card, /cookies/);
      } else {
        assert.match(card, /A header line was longer than one: most often the cookies a browser keeps/);
        assert.match(card, /In a browser, clear the cookies kept for that host/);
        assert.doesNotMatch(card, /SOQL|Composite API/);
      }
    }
  });
});
