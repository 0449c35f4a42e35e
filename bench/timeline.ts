// `npm run bench:timeline`: where the JWT flow's time goes. Starts the playground as `npm run bench` does (its own
// process, free ports), runs flows as the bench's browser does, and prints the mean of each gap between two
// consecutive marks inside the playground's process (see lib/timeline.ts), each with its share of the flow.
import path from 'node:path';
import { ensureCertificates } from '../server/certs.ts';
import { npmStartOptions, startChild } from './lib/children.ts';
import type { StackReady } from './lib/context.ts';
import { JwtFlowDriver } from './lib/jwtFlow.ts';
import { WARM_UP } from './measures/flow.ts';
import type { Segment } from './lib/timeline.ts';
import { privateTempFolder } from '../test/support/privateFolder.ts';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 1000);

const root = privateTempFolder('sf-oauth-playground-bench-root');
await ensureCertificates(path.join(root, 'certs'));
const stack = await startChild<StackReady>(
  'stack',
  { BENCH_ROOT: root, BENCH_TIMELINE: '1' },
  npmStartOptions(),
);
try {
  const driver = new JwtFlowDriver({ root, stack });
  await driver.open();
  for (let i = 0; i < WARM_UP; i++) await driver.runToResult();
  await stack.ask('timeline');
  const started = performance.now();
  for (let i = 0; i < FLOWS; i++) await driver.runToResult();
  const flowMs = (performance.now() - started) / FLOWS;
  const { segments } = await stack.ask<{ segments: Segment[] }>('timeline');
  console.log(`JWT flow, Run → result page: ${flowMs.toFixed(2)} ms on average over ${FLOWS} flows\n`);
  console.log('| from | to | mean ms | share | flows |\n|---|---|---|---|---|');
  // The marks of most flows come in one order; those in another (identity answered after the query, say) are few.
  const usual = segments.filter((s) => s.flows >= FLOWS / 2);
  for (const segment of usual) {
    const mean = segment.totalMs / segment.flows;
    const share = `${((100 * mean) / flowMs).toFixed(0)} %`;
    console.log(`| ${segment.from} | ${segment.to} | ${mean.toFixed(3)} | ${share} | ${segment.flows} |`);
  }
  const unusual = Math.max(0, FLOWS - Math.min(...usual.map((s) => s.flows)));
  if (unusual > 0) console.log(`\n${unusual} flows had their marks in another order: not in the table.`);
  console.log(
    '\nNot shown: the browser sending Run and reading the result page (before the first mark, after the last).' +
      '\nThe marks cost a little themselves: flows take somewhat longer here than in `npm run bench`.',
  );
} finally {
  await stack.stop();
}
