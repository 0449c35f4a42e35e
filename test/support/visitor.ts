// One visitor of the app in an integration test: its own cookies, pages read as text, flows run by their forms,
// and "break it" switches armed (checked on the page, so a switch that did not arm fails the test at once).
import assert from './assert.ts';
import type { Fault, FlowName } from '../../server/attempts/attempt.ts';
import { faultWords } from '../../server/teaching/faults.ts';
import { answerDeviceCode } from './device.ts';
import { postForm } from './flows.ts';
import { escapeHtml } from './html.ts';
import { TestClient } from './http.ts';
import { after, before } from 'node:test';
import { startTestStack, type TestStack } from './stack.ts';

export class Visitor {
  readonly client = new TestClient();

  /** `stack` is read at each call: tests start theirs in before(). */
  constructor(private readonly stack: () => TestStack) {}

  async page(path: string): Promise<string> {
    return (await this.client.get(`${this.stack().appUrl}${path}`)).text();
  }

  /** Posts a flow page's own form; returns where the app sent the browser. */
  async run(flowPath: string, form: Record<string, string> = {}): Promise<string | null> {
    return (await postForm(this.stack(), this.client, flowPath, flowPath, form)).headers.get('location');
  }

  /** The device page's "Check now": where the app sent the browser. */
  async pollDevice(): Promise<string | null> {
    const answer = await postForm(this.stack(), this.client, '/flows/device', '/flows/device/poll');
    return answer.headers.get('location');
  }

  /** The user on another screen: the code the device page shows, at the verification URL it links, allowed. */
  async allowDeviceCodeElsewhere(): Promise<void> {
    const stack = this.stack();
    const html = await this.page('/flows/device');
    const userCode = /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(html)?.[1] ?? '';
    const verificationUri = /Open <a href="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.equal(verificationUri, `${stack.emulatorUrl}/setup/connect`);
    assert.match((await answerDeviceCode(stack, verificationUri, userCode)).html, /You're connected/);
  }

  async arm(flowPath: string, flow: string, fault: string): Promise<void> {
    const armed = await postForm(this.stack(), this.client, flowPath, '/teaching/break-it', {
      flow,
      faults: fault,
    });
    assert.equal(armed.status, 303);
    // Back at the Run control, with what was armed said just above it (not at the top, out of sight).
    assert.equal(armed.headers.get('location'), `${flowPath}#run`);
    const [words] = faultWords(flow as FlowName, [fault as Fault]);
    const page = await this.page(flowPath);
    assert.ok(page.includes(`<strong>Next attempt will:</strong> ${escapeHtml(words)}.`), `armed ${fault}`);
    assert.match(
      page,
      /<form id="run" [^>]*>\s*<h2 class="visually-hidden">Run the flow<\/h2>\s*<p class="notice armed"/,
      'the notice opens the Run form',
    );
  }
}

/** The last request the emulator's token endpoint received. */
export const lastTokenCall = (stack: TestStack) =>
  stack.emulator?.received.filter((request) => request.path === '/token').at(-1);

/**
 * Inside a describe: a stack on a clock the tests move (`timed.clock += …`), started before its tests and closed
 * after, and one visitor of it.
 */
export function visitorOnClock(start = '2026-11-20T10:00:00Z') {
  const timed = { clock: Date.parse(start), stack: undefined as unknown as TestStack };
  const visitor = new Visitor(() => timed.stack);
  before(async () => {
    timed.stack = await startTestStack({}, { now: () => timed.clock });
  });
  after(() => timed.stack.close());
  return Object.assign(timed, { visitor });
}
