// Compiles server/index.ts and everything it imports into one JavaScript module with esbuild, named after a
// fingerprint of the sources: an edited file means one new compile, an unchanged tree means none. Used by start.js.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Inside the project (git-ignored), so that the compiled server finds views/ and public/ beside it. */
const COMPILED_DIR = path.join(SERVER_DIR, '..', '.compiled');

/** Names, sizes and modification times of the sources: a stat per file, far cheaper than reading them. */
function sourceFingerprint() {
  const hash = createHash('sha256');
  const files = readdirSync(SERVER_DIR, { recursive: true })
    .map(String)
    .filter((file) => /\.[jt]s$/.test(file))
    .sort();
  for (const file of files) {
    const { size, mtimeMs } = statSync(path.join(SERVER_DIR, file));
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The compiled server's path, compiling first when the sources changed since the last compile. */
export async function compiledServer() {
  const compiled = path.join(COMPILED_DIR, `index-${sourceFingerprint()}.mjs`);
  if (existsSync(compiled)) return compiled;
  const { build } = await import('esbuild');
  mkdirSync(COMPILED_DIR, { recursive: true });
  const partial = `${compiled}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(SERVER_DIR, 'index.ts')],
    outfile: partial,
    bundle: true,
    // Packages stay in node_modules, loaded by Node as usual: bundling them made start-up slower, not faster.
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    keepNames: true,
    // Stack traces name server/*.ts lines (start.js turns source maps on); the sources themselves stay out.
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
  });
  // Earlier compiles go; never this one's name, which another start may be importing at this moment.
  for (const old of readdirSync(COMPILED_DIR)) {
    if (/^index-.*\.mjs$/.test(old) && old !== path.basename(compiled))
      rmSync(path.join(COMPILED_DIR, old), { force: true });
  }
  // A rename is atomic: a start running at the same moment imports the whole file or compiles its own.
  renameSync(partial, compiled);
  return compiled;
}
