// Summarises a V8 CPU profile (node --cpu-prof, or BENCH_PROFILE=<folder> npm run bench): the functions with the
// most self time, and the time spent under each of the project's own files (inclusive).
// Usage: node --import tsx bench/profile.ts <file.cpuprofile> [how many rows]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/profile.ts <file.cpuprofile> [rows]');
const rows = Number(rowsArg ?? 25);
if (!Number.isInteger(rows)) throw new Error(`rows must be a number, not ${rowsArg}`);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);

const where = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^.*\/node_modules\//, '~/').replace(/^.*\/(server|bench)\//, '$1/');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
};
const percent = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;

const self = new Map<string, number>();
for (const [id, us] of selfUs) {
  const key = where(byId.get(id) as ProfileNode);
  self.set(key, (self.get(key) ?? 0) + us);
}
console.log(`total ${(total / 1000).toFixed(0)} ms sampled\n\nself time:`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${percent(us)}  ${key}`);

/** A project file, a package, or Node's own code. */
const owner = (url: string) =>
  /\/(server|bench)\//.test(url)
    ? url.replace(/^.*\/(server|bench)\//, '$1/')
    : (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node' : '(native)'));

/** Node's own and native time is charged to the nearest project file or package that called it. */
const selfByOwner = new Map<string, number>();
for (const [id, us] of selfUs) {
  let key = owner((byId.get(id) as ProfileNode).callFrame.url);
  for (
    let at = parent.get(id);
    (key === 'node' || key === '(native)') && at !== undefined;
    at = parent.get(at)
  ) {
    const caller = owner((byId.get(at) as ProfileNode).callFrame.url);
    if (caller !== 'node' && caller !== '(native)') key = caller;
  }
  selfByOwner.set(key, (selfByOwner.get(key) ?? 0) + us);
}
console.log('\nself time per file or package (with the Node and native code it called):');
for (const [key, us] of [...selfByOwner].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
  console.log(`${percent(us)}  ${key}`);
}

/** Inclusive time per project file or package: each sample counted once per file on its stack. */
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = owner((byId.get(at) as ProfileNode).callFrame.url);
    if (key !== 'node' && key !== '(native)' && !seen.has(key)) {
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
}
console.log('\ninclusive time per file or package:');
for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${percent(us)}  ${key}`);
