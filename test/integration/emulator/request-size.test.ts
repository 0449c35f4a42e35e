// Salesforce reads at most 16,384 bytes of a call's address and headers together: past it, a long address alone is
// 414 URI Too Long, address and headers together 431 (knowledge article 000386264). Node's own limit is 16 KB of
// both, which gave every such call a 431: the emulator now answers as Salesforce does.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { restStackForTests } from '../../support/rest.ts';

describe('emulator: the size of a call’s address and headers, as Salesforce limits it', () => {
  const made = restStackForTests();
  const http = new TestClient();
  const bearer = () => ({ authorization: `Bearer ${made.rest.token}` });
  /** A query whose address is `bytes` long, filled out by a parameter the query resource ignores. */
  const queryUrl = (bytes: number) => {
    const start = made.rest.url('/query?q=SELECT+Id+FROM+Account&pad=');
    return start + 'a'.repeat(bytes - (start.length - new URL(start).origin.length));
  };

  test('an address past 16,384 bytes is 414 URI Too Long; a long one within the limit is read', async () => {
    const within = await http.request(queryUrl(15_500), { headers: bearer() });
    assert.equal(within.status, 200, await within.clone().text());
    assert.ok(((await within.json()) as { totalSize: number }).totalSize > 0);
    const past = await http.request(queryUrl(16_385), { headers: bearer() });
    assert.equal(past.status, 414);
    assert.match(
      await past.text(),
      /^414 URI Too Long: The URI is 16385 bytes long; at most 16384 are read\./,
    );
    assert.equal(past.headers.get('cache-control'), 'no-store');
  });

  test('address and headers past 16,384 bytes together are 431, whichever is long', async () => {
    const padded = { ...bearer(), 'x-padding': 'p'.repeat(8_000) };
    const answer = await http.request(queryUrl(9_000), { headers: padded });
    assert.equal(answer.status, 431);
    assert.match(
      await answer.text(),
      /^431 Request Header Fields Too Large: The URI and headers are \d+ bytes/,
    );
    const shorter = await http.request(queryUrl(4_000), { headers: padded });
    assert.equal(shorter.status, 200, 'the same headers with a shorter address are read');
  });

  test('a header byte past ASCII counts once: 10,000 of them are within the limit', async () => {
    // Sent as one byte each (latin1), as Node and browsers send such header bytes: 10,000 bytes, not 20,000.
    const answer = await http.request(queryUrl(200), {
      headers: { ...bearer(), 'x-padding': 'é'.repeat(10_000) },
    });
    assert.equal(answer.status, 200, await answer.text());
  });

  test('many short headers count as their bytes: 3,000 of them (about 30,000 bytes) are 431', async () => {
    const many: Record<string, string> = bearer();
    for (let i = 0; i < 3_000; i++) many[`x-pad-${i}`] = 'y';
    const answer = await http.request(queryUrl(200), { headers: many });
    const text = await answer.text();
    assert.equal(answer.status, 431, text);
    assert.match(text, /The URI and headers are \d+ bytes long together/);
  });

  test('the OAuth endpoints keep the same limit', async () => {
    const { stack } = made;
    const authorize = `${stack.emulatorUrl}/services/oauth2/authorize?response_type=code&client_id=${stack.config.clientId}&state=${'s'.repeat(16_400)}`;
    assert.equal((await http.get(authorize)).status, 414);
  });
});
