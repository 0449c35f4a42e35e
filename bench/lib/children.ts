// Bench servers run in processes of their own, so the load generator and the server under test never share an
// event loop; they report their URLs when ready and answer questions (memory, TLS handshakes) over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeOptionsOf } from '../../test/support/npm-script.ts';

const serversDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../servers');
/** A server that does not stop within this is killed: its clean-up is lost, the bench goes on. */
const STOP_TIMEOUT_MS = 10_000;
/** A question (ready, stats, timeline) is answered at once by a working server; a start takes a few seconds. */
const ANSWER_TIMEOUT_MS = 60_000;

/**
 * The environment bench servers run in: this shell's, without the settings that would change what is measured
 * (an org instead of the emulator, sessions in Redis, NODE_ENV's view cache, a port, a data folder).
 */
export function benchEnv(): NodeJS.ProcessEnv {
  const changesTheApp = /^(SF_|EMULATOR_|REDIS_URL$|NODE_ENV$|PORT$|SESSION_SECRET$|NODE_EXTRA_CA_CERTS$)/;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !changesTheApp.test(name)));
}

/**
 * The memory options `npm start` gives Node (package.json), for the playground's stack; not its .env, which could
 * point the app at an org. The bare baseline keeps Node's defaults.
 */
export function npmStartOptions(): string[] {
  return nodeOptionsOf('start').filter((option) => !option.startsWith('--env-file'));
}

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
  nodeOptions: string[] = [],
): Promise<ServerChild<Ready>> {
  const profile = process.env.BENCH_PROFILE;
  const child = fork(path.join(serversDir, `${name}.ts`), [], {
    execArgv: [
      ...nodeOptions,
      '--import',
      'tsx',
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ],
    env: { ...benchEnv(), ...env },
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
      // Exited, or killed by a signal (Ctrl-C reaches the whole group): its exit event has already come.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const stuck = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(stuck);
    },
  };
}

/** The child's first message of this type (and id), or an error if it ends or stays silent before sending one. */
export function firstMessage<T extends { type: string }>(
  child: ChildProcess,
  type: string,
  id?: number,
  timeoutMs = ANSWER_TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T & { id?: number }) => {
      if (message.type !== type || (id !== undefined && message.id !== id)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`bench server exited (${code ?? signal}) before answering "${type}"`));
    };
    const silent = setTimeout(() => {
      cleanup();
      reject(new Error(`bench server did not answer "${type}" within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(silent);
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
