// The set-up of a describe whose tests make the emulator misbehave: a stack and its faults, made before the tests,
// the faults undone and the stack closed after.
import { after, before } from 'node:test';
import { EmulatorFaults } from './faults.ts';
import { startTestStack, type TestStack } from './stack.ts';

export interface FaultyStack {
  stack: TestStack;
  faults: EmulatorFaults;
}

/** Inside a describe: its stack and faults, filled in before its tests run. */
export function faultyStack(...options: Parameters<typeof startTestStack>): FaultyStack {
  const made = {} as FaultyStack;
  before(async () => {
    made.stack = await startTestStack(...options);
    made.faults = new EmulatorFaults(made.stack.emulatorServer!);
  });
  after(async () => {
    await made.faults.restore();
    await made.stack.close();
  });
  return made;
}
