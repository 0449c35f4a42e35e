// Whether another process is still there, for the locks that name their holder by process id.
import { readFileSync } from 'node:fs';

/** Alive, and not a zombie: a process killed outright stays one until reaped, and still answers kill(pid, 0). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: the state follows the command name in parentheses; Z (zombie) or X (dead) has ended.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return true; // no /proc (macOS): kill(pid, 0) is all there is
  }
}
