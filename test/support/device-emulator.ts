// The emulator's device flow tests' set-up: a stack on a clock the tests move, and the calls they make to it: start
// a device flow, poll with its code, and answer the code at the emulator's verification page.
import { after, before } from 'node:test';
import { answerDeviceCode } from './device.ts';
import { postToken } from './emulator-api.ts';
import { startTestStack, type TestStack } from './stack.ts';

export interface DeviceFlowStack {
  stack: TestStack;
  /** The emulator's time, in ms: a test moves it forward (`device.clock += 10_000`) to pass intervals and expiries. */
  clock: number;
  start(host?: string, scope?: string): ReturnType<typeof postToken>;
  poll(deviceCode: string, host?: string): ReturnType<typeof postToken>;
  enterCode(userCode: string, decision: 'allow' | 'deny'): ReturnType<typeof answerDeviceCode>;
}

/** Inside a describe: the stack, started before its tests (at 2026-11-20 10:00 UTC) and closed after. */
export function deviceFlowStack(): DeviceFlowStack {
  const device: DeviceFlowStack = {
    stack: undefined as unknown as TestStack,
    clock: Date.parse('2026-11-20T10:00:00Z'),
    start: (host = device.stack.emulatorUrl, scope = 'refresh_token web api openid') =>
      postToken(host, { response_type: 'device_code', client_id: device.stack.config.clientId, scope }),
    poll: (deviceCode, host = device.stack.emulatorUrl) =>
      postToken(host, { grant_type: 'device', client_id: device.stack.config.clientId, code: deviceCode }),
    enterCode: (userCode, decision) =>
      answerDeviceCode(device.stack, `${device.stack.emulatorUrl}/setup/connect`, userCode, decision),
  };
  before(async () => {
    device.stack = await startTestStack({}, { now: () => device.clock });
  });
  after(() => device.stack.close());
  return device;
}
