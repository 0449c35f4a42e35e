// The setup doctor as a user runs it: "Check my setup" on the setup guide, then the report it shows.
import assert from './assert.ts';
import { postForm } from './flows.ts';
import { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

/** The report of one "Check my setup" on a stack. */
export async function doctorReport(stack: TestStack): Promise<string> {
  const client = new TestClient();
  if (stack.accessUrl) await client.get(stack.accessUrl);
  const checked = await postForm(stack, client, '/setup', '/setup/check');
  assert.equal(checked.status, 303);
  // Landing on the report, not on its section's top, where the settings list kept it below the fold.
  assert.equal(checked.headers.get('location'), '/setup#doctor-result');
  return (await client.get(`${stack.appUrl}/setup`)).text();
}
