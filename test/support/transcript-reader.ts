// A visitor's transcript as the page's scripts read it: a page's legs (id and name) and CSRF token, a leg's body
// as it loads when opened, and "new attempt and copy" (POST /teaching/fresh) for one leg.
import assert from './assert.ts';
import type { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

/** `stack` is read at each call: tests start theirs in before(). */
export function transcriptReader(stack: () => TestStack, client: TestClient) {
  return {
    /** The legs of a page's transcript (id and name), and its CSRF token, as a browser would read them. */
    async pageOf(path: string) {
      const html = await (await client.get(`${stack().appUrl}${path}`)).text();
      const legs = [...html.matchAll(/data-entry="([^"]+)" data-leg="([^"]+)"/g)].map(([, id, leg]) => ({
        id,
        leg,
      }));
      const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1] ?? '';
      return { html, legs, csrf };
    },
    /** What a leg holds, as the page's script asks for it when the leg is opened. */
    async legOf(id: string) {
      const answer = await client.get(`${stack().appUrl}/teaching/legs/${id}?part=body`);
      assert.equal(answer.status, 200);
      return answer.text();
    },
    fresh: (entryId: unknown, csrf: string) =>
      client.request(`${stack().appUrl}/teaching/fresh`, {
        method: 'POST',
        body: JSON.stringify({ entryId }),
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      }),
  };
}
