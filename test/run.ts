// `npm test`: the type check, the linter and formatter check, and every test file, side by side on this machine's
// cores. Test files run in groups, each a single Node process (test/support/group.ts) that loads the server once
// instead of once per file. Each part's output is shown when it fails; a summary ends the run.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import path from 'node:path';
import { STALL_MARK } from './support/stallWatch.ts';

interface Job {
  name: string;
  command: string[];
  /** Which start first: the browser groups (the longest), then the other tests, then the checks. */
  phase: number;
  weight: number;
  /** Its niceness: above 0 it runs at a lower CPU priority, on what the browser groups leave. */
  priority: number;
}

interface Outcome {
  job: Job;
  code: number;
  output: string;
  seconds: number;
}

/**
 * One group of each kind on this 2-core machine, measured: every extra process loads the server and Playwright and
 * warms its JIT again, which cost more CPU than the parallelism gained (three and three groups: 117–146 s; one and
 * one, the other tests in the background: 90–104 s). The browser files are one chain of round trips through
 * Chromium, the longest part; everything else runs beside it at a lower priority, on the CPU that chain leaves free.
 */
const BROWSER_GROUPS = 1;
const NODE_GROUPS = 1;
const BACKGROUND_PRIORITY = 10;
/**
 * The checks lowest of all: on a first run, without their caches, they needed 35 CPU-s (about 12 since TypeScript 7
 * and oxlint). At the tests' priority they slowed the other tests until those ran alone at the end, one core idle
 * (first runs 104–107 s); below them, they use what is left and finish on the core the browser tests free (94–96 s,
 * alternated).
 */
const CHECKS_PRIORITY = 19;
const CACHE = 'node_modules/.cache/sf-oauth-playground';
const TYPESCRIPT_7 = 'node_modules/typescript-native/bin/tsc';

const files = readdirSync('test', { recursive: true })
  .map((file) => path.join('test', String(file)))
  .filter((file) => file.endsWith('.test.ts'))
  .sort();
if (files.length === 0) throw new Error('no test files found under test/');
/**
 * A rough cost for balancing the groups. A browser file states its own ("about N s alone", measured): its source
 * says little, since one loop can drive thirty flows. Otherwise the source's size, more for child processes.
 */
function weightOf(file: string): number {
  const source = readFileSync(file, 'utf8');
  const stated = /about (\d+) s alone/.exec(source);
  if (stated) return Number(stated[1]);
  const browser = source.includes('launchBrowser') ? 4 : 1;
  const children = /\bspawn\(|server-process|runToExit|startServer\(/.test(source) ? 3 : 1;
  return (source.length / 1000) * browser * children;
}

const jobs: Job[] = [
  {
    name: 'type check',
    phase: 2,
    // TypeScript 7, the native compiler: a whole check in 3.7 CPU-s against TypeScript 6's 13.1. Build mode, with
    // tsconfig.json's build info: when no file it reads changed since the last check, the packages' type
    // definitions included, it ends at once (0.2 CPU-s).
    command: [process.execPath, TYPESCRIPT_7, '--build'],
    weight: 10,
    priority: CHECKS_PRIORITY,
  },
  {
    name: 'lint',
    phase: 2,
    // oxlint (.oxlintrc.json: ESLint's recommended rules and typescript-eslint's): every file in 0.4 CPU-s, where
    // ESLint took 10.6 without its cache and 2.9 with it. Called directly: npx would cost as much as the lint.
    command: [process.execPath, 'node_modules/oxlint/bin/oxlint'],
    weight: 1,
    priority: CHECKS_PRIORITY,
  },
  {
    name: 'format check',
    phase: 2,
    // With a cache under node_modules/.cache: a second run re-checks only the files that changed.
    command: ['npx', 'prettier', '--check', '--cache', '--cache-location', `${CACHE}/prettier`, '.'],
    weight: 6,
    priority: CHECKS_PRIORITY,
  },
  ...groups(
    'browser tests',
    files.filter((f) => f.startsWith(path.join('test', 'e2e'))),
    BROWSER_GROUPS,
    0,
  ),
  ...groups(
    'tests',
    files.filter((f) => !f.startsWith(path.join('test', 'e2e'))),
    NODE_GROUPS,
    1,
  ),
];

/** Files spread over `count` groups, heaviest first into the lightest group. */
function groups(label: string, list: string[], count: number, phase: number): Job[] {
  const bins = Array.from({ length: count }, () => ({ files: [] as string[], weight: 0 }));
  for (const file of [...list].sort((a, b) => weightOf(b) - weightOf(a))) {
    const lightest = bins.reduce((a, b) => (b.weight < a.weight ? b : a));
    lightest.files.push(file);
    lightest.weight += weightOf(file);
  }
  return bins
    .filter((bin) => bin.files.length > 0)
    .map((bin, i) => ({
      name: `${label} ${i + 1}/${count} (${bin.files.length} files)`,
      command: [
        process.execPath,
        '--import',
        'tsx',
        '--test-reporter=spec',
        'test/support/group.ts',
        ...bin.files,
      ],
      phase,
      weight: bin.weight,
      priority: phase > 0 ? BACKGROUND_PRIORITY : 0,
    }));
}

function run(job: Job): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const [command, ...args] = job.command;
    const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: '0' } });
    // Its own children (servers, npx's compilers) inherit the priority. A child that already ended has none to set.
    if (job.priority > 0 && child.pid) {
      try {
        setPriority(child.pid, job.priority);
      } catch {
        // ended already: nothing to lower
      }
    }
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) =>
      resolve({ job, code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

/** By phase, the heaviest first within one; at most one more than the cores run at once (tests wait on I/O). */
async function runAll(list: Job[]): Promise<Outcome[]> {
  const queue = [...list].sort((a, b) => a.phase - b.phase || b.weight - a.weight);
  const outcomes: Outcome[] = [];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const outcome = await run(job);
      outcomes.push(outcome);
      console.log(
        `${outcome.code === 0 ? 'ok  ' : 'FAIL'} ${job.name} (${outcome.seconds.toFixed(1)} s)${counts(outcome.output)}`,
      );
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() + 1 }, worker));
  return outcomes;
}

/** The spec reporter's closing counts, when the job ran tests. */
function counts(output: string): string {
  const read = (name: string) => new RegExp(`ℹ ${name} (\\d+)`).exec(output)?.[1];
  const tests = read('tests');
  return tests
    ? `: ${tests} tests, ${read('pass')} passed, ${read('fail')} failed, ${read('skipped')} skipped`
    : '';
}

const started = performance.now();
console.log(
  `npm test: ${files.length} test files in ${BROWSER_GROUPS + NODE_GROUPS} groups, with the type check, lint and format check`,
);
const outcomes = await runAll(jobs);
for (const failed of outcomes.filter((outcome) => outcome.code !== 0)) {
  console.log(`\n===== ${failed.job.name} failed =====\n${failed.output}`);
}
// A group that passed can still have been stuck for a while: its stall report is worth reading.
for (const stalled of outcomes.filter((o) => o.code === 0 && o.output.includes(STALL_MARK))) {
  const report = stalled.output.slice(stalled.output.indexOf(STALL_MARK));
  console.log(`\n===== ${stalled.job.name} passed after a stall =====\n${report.split('\n\n')[0]}`);
}
const failures = outcomes.filter((outcome) => outcome.code !== 0).length;
console.log(
  `\n${failures === 0 ? 'All passed' : `${failures} part(s) failed`} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
process.exitCode = failures === 0 ? 0 : 1;
