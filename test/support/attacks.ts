// Small steps shared by the attack tests: a page's CSRF token, posts with it, and their closing checks.
import assert from './assert.ts';
import type { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

/** The CSRF token a page hands its own forms (hidden field or meta tag). */
export async function csrfTokenOf(
  stack: TestStack,
  client: TestClient,
  page = '/flows/jwt',
): Promise<string> {
  const html = await (await client.get(`${stack.appUrl}${page}`)).text();
  const token = /name="_csrf" value="([^"]+)"|<meta name="csrf-token" content="([^"]+)">/.exec(html);
  assert.ok(token, `no CSRF token on ${page}`);
  return token[1] ?? token[2];
}

/** POSTs a JSON body (raw text, so it can be malformed or huge) with a CSRF header. */
export function postJson(client: TestClient, url: string, body: string, csrf: string) {
  return client.request(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
  });
}

/** The emulator's token endpoint calls so far: an attack that reaches none exchanged no code. */
export function tokenCalls(stack: TestStack) {
  return stack.emulator?.received.filter((request) => request.path === '/token') ?? [];
}

/** After an attack the process is alive and serving. */
export async function assertStillServing(stack: TestStack, client: TestClient): Promise<void> {
  const home = await client.get(`${stack.appUrl}/`);
  assert.equal(home.status, 200, 'GET / after the attack');
  assert.match(await home.text(), /<h1>/);
}

/** Visitor-controlled markup must arrive escaped: present as text, never as a tag or handler. */
export function assertEscaped(html: string, payload: string): void {
  const escaped = payload
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
  assert.ok(html.includes(escaped), `the payload is not shown escaped: ${escaped}`);
  assert.ok(!html.includes(payload), 'the payload is in the page unescaped');
  for (const script of html.match(/<script[^>]*>/gi) ?? []) {
    // Each from this app's own files, deferred; the send-once guard loads first, before any button (head.ejs).
    assert.match(
      script,
      /^<script src="\/js\/(?:forms\.js"|[a-z-]+\.js" defer)>$/,
      `an unexpected script tag: ${script}`,
    );
  }
  assert.doesNotMatch(html, /<[a-z]+[^>]*\son[a-z]+=/i, 'an event handler attribute in the page');
}
