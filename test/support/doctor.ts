// The setup doctor as a user runs it: "Check my setup" on the setup guide, then the report it shows.
import assert from './assert.ts';
import { postForm } from './flows.ts';
import { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

/** The report of one "Check my setup" on a stack. */
export async function doctorReport(stack: TestStack): Promise<string> {
  const client = new TestClient();
  if (stack.accessUrl) await client.get(stack.accessUrl);
  assert.equal((await postForm(stack, client, '/setup', '/setup/check')).status, 303);
  return (await client.get(`${stack.appUrl}/setup`)).text();
}
