// What a function of the server says about a file this user may not read. Root reads everything, so as root the
// call runs in a process of another user (nobody) on root's file; as anyone else, here, after chmod 000.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');
const NOBODY = 65534;

/**
 * Makes `file` unreadable to whoever calls `exported(...args)` of `module` (a path from the repository's root), and
 * gives `folder`, which holds it, to that caller. Returns the error's message, or 'passed'.
 */
export async function messageWhenUnreadable(
  file: string,
  folder: string,
  module: string,
  exported: string,
  args: unknown[],
): Promise<string> {
  const source = path.join(REPO, module);
  if (process.getuid?.() !== 0) {
    chmodSync(file, 0);
    const call = ((await import(source)) as Record<string, (...values: unknown[]) => unknown>)[exported];
    try {
      call(...args);
      return 'passed';
    } catch (error) {
      return (error as Error).message;
    }
  }
  chmodSync(file, 0o600);
  chownSync(folder, NOBODY, NOBODY);
  const code = `import { ${exported} } from ${JSON.stringify(source)};
    try { ${exported}(...${JSON.stringify(args)}); console.log('passed'); } catch (error) { console.log(error.message); }`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: REPO,
    uid: NOBODY,
    gid: NOBODY,
    encoding: 'utf8',
  });
  return child.stdout.trim() || child.stderr;
}
