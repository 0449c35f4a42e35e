// Runs several test files in this one process (node:test runs every test they register, file after file): the
// server is loaded once per group instead of once per file. Used by test/run.ts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) {
  await import(pathToFileURL(path.resolve(file)).href);
}
