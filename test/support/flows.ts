// Runs the app's flows like a browser would: the app's start link, the emulator's pages, back to the callback.
import type { Fault } from '../../server/attempts/attempt.ts';
import { endsTheLogin, faultWords } from '../../server/teaching/faults.ts';
import { escapeHtml } from './html.ts';
import assert from './assert.ts';
import { followLogin, hiddenValue } from './emulator-login.ts';
import { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

export interface BrowserLogin {
  username?: string;
  decision?: 'allow' | 'deny';
  /** Run while the browser stands at Salesforce's login page, before it logs in. */
  meanwhile?: () => Promise<void>;
}

/** Follows a redirect flow from the app's start link to the URL Salesforce sends the browser back to. */
export async function authorizeViaApp(
  stack: TestStack,
  client: TestClient,
  startPath: string,
  login: BrowserLogin = {},
): Promise<string> {
  const start = await client.get(`${stack.appUrl}${startPath}`);
  assert.equal(start.status, 302, `start of ${startPath}`);
  await login.meanwhile?.();
  let response = await client.get(start.headers.get('location') ?? '');
  let html = await response.text();
  if (html.includes('name="password"')) {
    response = await client.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(html, 'request'),
      username: login.username ?? stack.config.username,
      password: stack.config.emulator.password,
    });
    response = await followLogin(client, stack.emulatorUrl, response);
    html = response.status === 200 ? await response.text() : '';
  }
  if (html.includes('name="decision"')) {
    response = await client.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
      request: hiddenValue(html, 'request'),
      decision: login.decision ?? 'allow',
    });
  }
  assert.equal(response.status, 302, `expected the redirect to the callback: ${html.slice(0, 200)}`);
  return response.headers.get('location') ?? '';
}

/** The web server flow to the end: returns where the app sent the browser after its callback. */
export async function runWebServerFlow(
  stack: TestStack,
  client: TestClient,
  login: BrowserLogin = {},
): Promise<{ callbackUrl: string; location: string }> {
  const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start', login);
  const callback = await client.get(callbackUrl);
  assert.equal(callback.status, 303);
  return { callbackUrl, location: callback.headers.get('location') ?? '' };
}

/** The user-agent flow: what the callback page's script does, done by hand (read the fragment, post it). */
export async function runUserAgentFlow(
  stack: TestStack,
  client: TestClient,
  login: BrowserLogin = {},
  tamper?: (fragment: string) => string,
): Promise<string> {
  const { fragment, csrf } = await openUserAgentCallback(stack, client, login);
  return postFragment(stack, client, tamper ? tamper(fragment) : fragment, csrf);
}

/** Logs in at the emulator and opens the user-agent callback page: its address, the fragment, its form token. */
export async function openUserAgentCallback(stack: TestStack, client: TestClient, login: BrowserLogin = {}) {
  const callbackUrl = await authorizeViaApp(stack, client, '/flows/user-agent/start', login);
  const [pageUrl, fragment = ''] = callbackUrl.split('#');
  const page = await client.get(pageUrl);
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(await page.text())?.[1] ?? '';
  return { pageUrl, fragment, csrf };
}

/** What the callback page's script does with the fragment: posts it, and reads where to go next. */
export async function postFragment(stack: TestStack, client: TestClient, fragment: string, csrf: string) {
  const posted = await client.request(`${stack.appUrl}/oauthcallback/fragment`, {
    method: 'POST',
    body: fragment,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
  });
  assert.equal(posted.status, 200);
  return ((await posted.json()) as { redirect: string }).redirect;
}

/** Pastes `text` into the paste-an-error page, as a new visitor: the page's HTML. */
export async function explainPasted(stack: TestStack, text: string): Promise<string> {
  const answer = await postForm(stack, new TestClient(), '/explain', '/explain', { text });
  assert.equal(answer.status, 200);
  return answer.text();
}

/** Posts a form of the app with the CSRF token found on `pagePath`. */
export async function postForm(
  stack: TestStack,
  client: TestClient,
  pagePath: string,
  action: string,
  form: Record<string, string> = {},
) {
  const page = await client.get(`${stack.appUrl}${pagePath}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  assert.ok(csrf, `no CSRF token on ${pagePath}`);
  return client.post(`${stack.appUrl}${action}`, { _csrf: csrf, ...form });
}

/** Loads /result and, like its owner clicking Reveal, fetches the session's access token. */
export async function resultWithToken(
  stack: TestStack,
  client: TestClient,
): Promise<{ page: string; token: string }> {
  const page = await (await client.get(`${stack.appUrl}/result`)).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1] ?? '';
  const answer = await client.request(`${stack.appUrl}/result/reveal`, {
    method: 'POST',
    headers: { 'x-csrf-token': csrf },
  });
  assert.equal(answer.status, 200);
  return { page, token: ((await answer.json()) as { access_token: string }).access_token };
}

/** A flow page after a failed attempt: the wire error, its explanation's title and, if armed, the switch. */
export function assertExplained(
  html: string,
  expected: { error: string; description: string; title: string; fault?: string },
): void {
  const { error, description, title, fault } = expected;
  assert.ok(html.includes(`<code>${error}</code>: <code>${description}</code>`), `${error}: ${description}`);
  // EJS writes an apostrophe as &#39;.
  assert.ok(html.includes(`<h3>${title.replaceAll("'", '&#39;')}</h3>`), title);
  if (fault) {
    const [words] = faultWords(undefined, [fault as Fault]);
    const notice = html.indexOf(`This attempt failed on purpose: it was armed to ${escapeHtml(words)}.`);
    assert.ok(notice > 0, fault);
    // Above the explanation, whose fix the switch's failure does not need.
    assert.ok(notice < html.indexOf(`<h3>${title.replaceAll("'", '&#39;')}</h3>`), `${fault}: notice first`);
    // What it leaves: nothing to change, except where the switch really ended the login's refresh token.
    assert.match(
      html,
      endsTheLogin([fault as Fault])
        ? /really ended the login's refresh token[^]*sign in again\s+before the next refresh/
        : /nothing here or in the app's settings needs changing/,
      fault,
    );
    if (endsTheLogin([fault as Fault])) assert.doesNotMatch(html, /the next attempt runs as usual/);
  }
}
