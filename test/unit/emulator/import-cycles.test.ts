// Guards the one-way imports of server/: no module may reach itself again through its imports (type-only included).
import assert from '../../support/assert.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

const SERVER = path.resolve(import.meta.dirname, '../../../server');
const IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)'/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importGraph(files: string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(IMPORT)].map((match) => path.resolve(path.dirname(file), match[1]));
      return [file, targets];
    }),
  );
}

/** The first cycle found by a depth-first walk, as a list of paths relative to server/, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (onPath.includes(file)) return [...onPath.slice(onPath.indexOf(file)), file];
    if (done.has(file) || !graph.has(file)) return undefined;
    onPath.push(file);
    for (const target of graph.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle.map((f) => path.relative(SERVER, f));
  }
  return undefined;
}

describe('server imports', () => {
  test('the walker finds a cycle when there is one', () => {
    const graph = new Map([
      ['/a.ts', ['/b.ts']],
      ['/b.ts', ['/c.ts']],
      ['/c.ts', ['/a.ts']],
    ]);
    assert.deepEqual(findCycle(graph)?.length, 4);
  });

  test('no module under server/ imports itself through a cycle, type-only imports included', () => {
    const files = sourceFiles(SERVER);
    assert.ok(files.some((file) => file.endsWith(path.join('emulator', 'context.ts'))));
    const cycle = findCycle(importGraph(files));
    assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' -> ')}`);
  });
});
