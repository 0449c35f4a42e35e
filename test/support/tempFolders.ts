// Folders a test file makes under the OS temp folder for the files its tests point the server at, all removed when
// the file's tests end.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/** Call at the file's top level: returns a maker of new, empty folders named `<prefix>XXXXXX`. */
export function tempFolders(prefix: string): () => string {
  const made: string[] = [];
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    made.push(mkdtempSync(path.join(os.tmpdir(), prefix)));
    return made[made.length - 1];
  };
}
