// The Node options `npm start` and `npm run emulator` run the server with (package.json), so the start-up tests and
// the bench start it exactly as a user does: a memory option this Node refused would fail their starts too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = 'server/start.js';

/** The words between `node` and server/start.js in package.json's script `name`. */
export function nodeOptionsOf(name: 'start' | 'emulator'): string[] {
  const scripts = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).scripts ?? {};
  const words = String(scripts[name] ?? '')
    .trim()
    .split(/\s+/);
  const entryAt = words.indexOf(ENTRY);
  if (words[0] !== 'node' || entryAt < 0)
    throw new Error(`package.json's "${name}" script no longer runs "node … ${ENTRY}": ${scripts[name]}`);
  return words.slice(1, entryAt);
}
