// The RS256 signing row, measured in a fresh process (signingProcess.ts): in the bench's own, the garbage of the
// measures before it (a hundred result pages, thousands of requests) was collected during the timed batches and
// fell mostly on the side that allocates more, the app's, which moved the ratio by up to 0.15 from run to run.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstMessage } from '../lib/children.ts';
import type { BenchContext } from '../lib/context.ts';
import type { Row } from '../lib/table.ts';
import type { SigningInput } from './signingProcess.ts';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'signingProcess.ts');

export async function measureSigning(ctx: BenchContext): Promise<Row> {
  const measurer = fork(child, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const input: SigningInput = { ready: ctx.stack.ready, rounds: ctx.rounds };
  try {
    measurer.send(input);
    // Its answer takes as long as its rounds: about a second each on a busy machine, given ten times that.
    const { row } = await firstMessage<{ type: string; row: Row }>(
      measurer,
      'row',
      undefined,
      ctx.rounds * 10_000 + 30_000,
    );
    return row;
  } finally {
    if (measurer.exitCode === null && measurer.signalCode === null) measurer.kill();
  }
}
