// The overlapping-request tests' set-up: a stack whose client credentials flow runs as the admin, and readers of
// what one browser sees (a page, the token its result reveals, whether an answer hands a session id back).
import { ADMIN_ID, changeSettings } from './emulator-api.ts';
import type { TestClient } from './http.ts';
import { startTestStack, type TestStack } from './stack.ts';

export async function startRaceStack(): Promise<TestStack> {
  const stack = await startTestStack();
  await changeSettings(stack, { runAsUserId: ADMIN_ID });
  return stack;
}

export const sessionCookie = (answer: { headers: { get(name: string): string | null } }) =>
  /(^|, )__Host-playground\.sid=/.test(answer.headers.get('set-cookie') ?? '');

/** Readers bound to the stack a describe started (given as a function: it exists only once `before` ran). */
export function browserReaders(stackOf: () => TestStack) {
  const page = async (client: TestClient, path: string) =>
    (await client.get(`${stackOf().appUrl}${path}`)).text();
  /** The access token the result page's owner reveals. */
  const shownToken = async (client: TestClient) => {
    const html = await page(client, '/result');
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const answer = await client.request(`${stackOf().appUrl}/result/reveal`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrf },
    });
    return ((await answer.json()) as { access_token: string }).access_token;
  };
  return { page, shownToken };
}
