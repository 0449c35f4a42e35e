// Holding requests at the emulator for the length of a race between two of the app's requests, then letting
// them go and restoring the emulator, whatever the race did.
import type { ListeningServer } from '../../server/https.ts';
import { EmulatorFaults } from './faults.ts';

/** Requests held at the emulator by whileHeld: when the first arrived (or was answered), and how to let them go. */
export interface HeldRequests {
  arrived: Promise<void>;
  release(): void;
  /** The emulator as it was: later requests to the path are served at once. */
  restore(): Promise<void>;
}

/**
 * Runs `race` while requests to `path` (on `host`, when given) wait at the emulator, or, with `answers`, are served
 * but their answers wait; whatever `race` does, they are let go and the emulator restored after it.
 */
export async function whileHeld(
  server: ListeningServer,
  path: string,
  race: (held: HeldRequests) => Promise<void>,
  { host, answers = false }: { host?: string; answers?: boolean } = {},
): Promise<void> {
  const faults = new EmulatorFaults(server);
  const hold = answers ? faults.holdAnswers(path) : faults.hold(path, host);
  const arrived = 'answered' in hold ? hold.answered : hold.arrived;
  try {
    await race({ arrived, release: hold.release, restore: () => faults.restore() });
  } finally {
    hold.release();
    await faults.restore();
  }
}
