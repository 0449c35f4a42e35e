// `npm start` and `npm run emulator`: runs the server from its compiled copy (server/compile.js), which skips the
// TypeScript loader at every start; `npm run dev` runs the sources through tsx instead, reloading on edits.
// Plain JavaScript, since Node runs it before anything can compile TypeScript. package.json gives Node two memory
// options: semi-spaces of 8 MB (half V8's default) and an old space that grows to 1.5 times what the last full
// collection kept (V8 allows 4 times when collecting is cheap). A flood of visitors then leaves the process about
// 1.3 times its idle size instead of 1.6 to 2, for a throughput cost within this machine's run-to-run noise
// (bench/README.md).
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { compiledServer } from './compile.js';

let compiled;
try {
  compiled = await compiledServer();
} catch (error) {
  // esbuild's messages name the file, line and problem; the first few say enough. One without a place in the
  // sources (a project folder this user cannot write to, say) is not the TypeScript's fault, and is said as such.
  const errors = error.errors ?? [];
  const reason = errors[0]?.text ?? error.message;
  const details = errors
    .slice(0, 5)
    .map((e) => `  ${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`);
  console.error(
    errors.some((e) => e.location)
      ? `Start-up failed: the server's TypeScript did not compile.\n${details.join('\n')}`
      : `Start-up failed: could not compile the server into .compiled/: ${reason}${
          /EACCES|EPERM|permission denied/i.test(reason)
            ? ' (the project folder must be writable by the user who starts it: chown -R it to yourself, or clone it again as this user)'
            : /E2BIG/.test(reason)
              ? overlongVariables()
              : ''
        }`,
  );
  // At `npm install` (--compile-only) this is only a warning: the next `npm start` compiles again and says the same.
  process.exit(process.argv.includes('--compile-only') ? 0 : 1);
}
if (process.argv.includes('--compile-only')) {
  console.log(`Compiled the server for a quick start: ${compiled}`);
} else {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(compiled).href);
}

/**
 * The compiler runs as a program of its own, and Linux hands a program at most 128 KB in one variable (name, = and
 * value): a longer one, from .env or the shell, fails the start with E2BIG. Names only, never values.
 */
function overlongVariables() {
  const names = Object.entries(process.env)
    .filter(([name, value]) => Buffer.byteLength(`${name}=${value ?? ''}`) >= 128 * 1024)
    .map(([name, value]) => `${name} (${(value ?? '').length.toLocaleString('en-US')} characters)`);
  return names.length > 0
    ? ` (a variable too long to hand to a program: ${names.join(', ')}; Linux hands a program at most 128 KB per variable, its name included. Shorten it in .env or the shell)`
    : '';
}
