// The person on the other screen of a device flow: types the code at the verification page, logs in if asked, and
// answers the approval page, as in a browser.
import assert from './assert.ts';
import { followLogin, hiddenValue } from './emulator-login.ts';
import { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

export async function answerDeviceCode(
  stack: TestStack,
  verificationUri: string,
  userCode: string,
  decision: 'allow' | 'deny' = 'allow',
  browser = new TestClient(),
): Promise<{ status: number; html: string }> {
  const origin = new URL(verificationUri).origin;
  // The code, and then a login if there is none, each redirect to the approval page.
  const followed = (answer: Awaited<ReturnType<TestClient['get']>>) => followLogin(browser, origin, answer);
  let html = await (await followed(await browser.post(verificationUri, { user_code: userCode }))).text();
  if (html.includes('name="password"')) {
    const login = await browser.post(`${origin}/setup/connect/login`, {
      request: hiddenValue(html, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    html = await (await followed(login)).text();
  }
  assert.match(html, /Allow access\?/, 'the approval page');
  const answer = await browser.post(`${origin}/setup/connect/approve`, {
    request: hiddenValue(html, 'request'),
    decision,
  });
  return { status: answer.status, html: await answer.text() };
}
