// `npm run bench`: starts the playground and a bare baseline server on free ports, measures what issue-sized work
// costs against a baseline taken in the same run, and prints one Markdown row per measure (exit 1 if a goal is
// missed). Not part of `npm test`: timings belong here, never in assertions. BENCH_ROUNDS sets the rounds (3).
import os from 'node:os';
import path from 'node:path';
import { ensureCertificates } from '../server/certs.ts';
import { npmStartOptions, startChild, type ServerChild } from './lib/children.ts';
import { cleanUp } from './lib/projectCopy.ts';
import { appLikeAgent, getText, type BenchContext, type StackReady } from './lib/context.ts';
import { formatRow, header, meets, type Row } from './lib/table.ts';
import { measureFlow, measureHandshakes } from './measures/flow.ts';
import { measureMemory } from './measures/memory.ts';
import { measureResultPage } from './measures/resultPage.ts';
import { measureSigning } from './measures/signing.ts';
import { measureStartup } from './measures/startup.ts';
import { measureEmulator, measureHome } from './measures/throughput.ts';
import { privateTempFolder } from '../test/support/privateFolder.ts';

const started = Date.now();
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`BENCH_ROUNDS must be a whole number from 1, not ${rounds}`);
/** Certificates are slow to make: every run shares one set under the OS temp folder. */
const root = privateTempFolder('sf-oauth-playground-bench-root');
await ensureCertificates(path.join(root, 'certs'));

const progress = (what: string) => process.stderr.write(`measuring ${what}…\n`);
const children: ServerChild<unknown>[] = [];
const stopAll = async () => {
  cleanUp();
  await Promise.all(children.map((child) => child.stop()));
};
// Ctrl-C or a kill: every server and copy this run started goes with it. So on any exit, a crash's included (the
// forked servers also stop when this process is gone; only a SIGKILL of it leaves the copy's servers running).
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(code)));
}
process.once('exit', cleanUp);

/** Rows by measure, printed in this order whatever order they were taken in. */
const ORDER = [
  'home',
  'flow',
  'emulator',
  'resultPage',
  'signing',
  'memory',
  'handshakes',
  'startup',
] as const;
const measured: Partial<Record<(typeof ORDER)[number], Row[]>> = {};
let failure: unknown;
const step = async (key: (typeof ORDER)[number], what: string, measure: () => Promise<Row | Row[]>) => {
  progress(what);
  measured[key] = ([] as Row[]).concat(await measure());
};
try {
  const stack = await startChild<StackReady>('stack', { BENCH_ROOT: root }, npmStartOptions());
  children.push(stack);
  const agent = appLikeAgent(root);
  const pageBytes = Buffer.byteLength(await getText(`${stack.ready.appUrl}/`, agent));
  agent.destroy();
  const bare = await startChild<{ url: string }>('bare', {
    BENCH_ROOT: root,
    BENCH_PAGE_BYTES: String(pageBytes),
  });
  children.push(bare);
  const ctx: BenchContext = { root, stack, bare, rounds };
  // First, while the app has not yet opened a connection to the emulator.
  await step('handshakes', 'TLS handshakes per 100 flows', () => measureHandshakes(ctx));
  await step('flow', 'the JWT flow', () => measureFlow(ctx));
  await step('resultPage', 'the result page after reloads', () => measureResultPage(ctx));
  await step('signing', 'RS256 signing', () => measureSigning(ctx));
  await step('home', 'GET / under load', () => measureHome(ctx, pageBytes));
  await step('emulator', 'the emulator under load', () => measureEmulator(ctx));
  await Promise.all([stack.stop(), bare.stop()]);
  await step('memory', 'memory after a flood of sessions', () => measureMemory(root));
  await step('startup', 'npm start to the first page', () => measureStartup(ctx));
} catch (error) {
  // What was measured before the failure is still printed.
  failure = error;
} finally {
  await stopAll();
}

const rows = ORDER.flatMap((key) => measured[key] ?? []);
const date = new Date().toISOString().slice(0, 10);
console.log(
  `npm run bench, ${date}: Node ${process.version}, ${os.cpus().length} cores, ${rounds} rounds (medians)\n`,
);
console.log(header());
for (const row of rows) console.log(formatRow(row));
const missed = rows.filter((row) => !meets(row));
const goals = rows.filter((row) => !('none' in row.goal));
console.log(
  `\n${goals.length - missed.length}/${goals.length} goals met in ${Math.round((Date.now() - started) / 1000)} s`,
);
if (failure)
  console.error(
    `\nThe bench stopped before its end: ${failure instanceof Error ? failure.stack : String(failure)}`,
  );
process.exitCode = missed.length > 0 || failure ? 1 : 0;
