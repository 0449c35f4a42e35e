// What a function of the server says about a file this user may not read. Made unreadable with chmod 000: for any
// user but root, that is enough; root reads everything through its DAC capabilities, so as root the call runs in a
// process of its own without them (setpriv, from util-linux), on the repository it can still read as the owner.
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');

/** Calls `exported(...args)` of `module` (a path from the repository's root): the error's message, or 'passed'. */
export async function messageWhenUnreadable(
  file: string,
  module: string,
  exported: string,
  args: unknown[],
): Promise<string> {
  const source = path.join(REPO, module);
  chmodSync(file, 0);
  if (process.getuid?.() !== 0) {
    const call = ((await import(source)) as Record<string, (...values: unknown[]) => unknown>)[exported];
    try {
      call(...args);
      return 'passed';
    } catch (error) {
      return (error as Error).message;
    }
  }
  const code = `import { ${exported} } from ${JSON.stringify(source)};
    try { ${exported}(...${JSON.stringify(args)}); console.log('passed'); } catch (error) { console.log(error.message); }`;
  const child = spawnSync(
    'setpriv',
    [
      '--bounding-set=-dac_override,-dac_read_search',
      '--',
      process.execPath,
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      code,
    ],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (child.error)
    throw new Error(`setpriv could not run the check without root's file access: ${child.error.message}`);
  return child.stdout.trim() || child.stderr;
}
