// Bench servers run in processes of their own, so the load generator and the server under test never share an
// event loop; they report their URLs when ready and answer questions (memory, TLS handshakes) over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serversDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../servers');

export interface Stats {
  rss: number;
  handshakes: number;
  /** CPU time used so far (user + system), in microseconds. */
  cpuUs: number;
}

export interface ServerChild<Ready> {
  readonly ready: Ready;
  readonly pid: number;
  stats(): Promise<Stats>;
  /** Any other question the child answers (a message of that type back, with the same id). */
  ask<Answer>(type: string): Promise<Answer>;
  stop(): Promise<void>;
}

/**
 * Forks bench/servers/<name>.ts under tsx and waits for its `ready` message. With BENCH_PROFILE=<folder>, each
 * server writes a CPU profile there when it stops (open it in Chrome DevTools, or bench/profile.ts summarises it).
 */
export async function startChild<Ready>(
  name: string,
  env: Record<string, string>,
): Promise<ServerChild<Ready>> {
  const profile = process.env.BENCH_PROFILE;
  const child = fork(path.join(serversDir, `${name}.ts`), [], {
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await firstMessage<Ready & { type: string }>(child, 'ready');
  let asked = 0;
  const ask = <Answer>(type: string): Promise<Answer> => {
    const id = ++asked;
    child.send({ type, id });
    return firstMessage<Answer & { type: string; id: number }>(child, type, id);
  };
  return {
    ready,
    pid: child.pid as number,
    stats: () => ask<Stats>('stats'),
    ask,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The child's first message of this type (and id), or an error if it ends before sending one. */
export function firstMessage<T extends { type: string }>(
  child: ChildProcess,
  type: string,
  id?: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T & { id?: number }) => {
      if (message.type !== type || (id !== undefined && message.id !== id)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench server exited (${code}) before answering "${type}"`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** What a bench server does on a stats question: its resident memory and TLS handshakes accepted so far. */
export function answerStats(handshakes: () => number): void {
  process.on('message', (message: { type?: string; id?: number }) => {
    if (message.type !== 'stats') return;
    const { user, system } = process.cpuUsage();
    const rss = process.memoryUsage().rss;
    process.send?.({ type: 'stats', id: message.id, rss, handshakes: handshakes(), cpuUs: user + system });
  });
}
