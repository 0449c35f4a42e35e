// Runs several test files in this one process (node:test runs every test they register, file after file): the
// server is loaded once per group instead of once per file, and the browser files (test/e2e) share one Chromium.
// Used by test/run.ts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { watchForStalls } from './stallWatch.ts';

watchForStalls();

const files = process.argv.slice(2).map((file) => path.resolve(file));
// Only a group of browser files loads Playwright: loading it costs more than a second of CPU.
if (files.some((file) => file.includes(`${path.sep}e2e${path.sep}`))) {
  const { shareBrowserAcrossFiles } = await import('./browser.ts');
  shareBrowserAcrossFiles();
}
for (const file of files) {
  await import(pathToFileURL(file).href);
}
