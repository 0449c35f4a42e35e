// Starts Debian's redis-server on a free loopback port for a test (no persistence) and stops it by its PID.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import os from 'node:os';

const REDIS_PATHS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

export const NO_REDIS_MESSAGE =
  'No redis-server found: install it with `sudo apt-get install -y redis-server` to run the shared-session tests.';

export interface RedisServer {
  url: string;
  /** Its process, for a test that freezes it (SIGSTOP) to play a Redis that holds the connection and never answers. */
  pid: number;
  stop(): Promise<void>;
}

export function redisServerPath(): string | undefined {
  return [process.env.REDIS_SERVER_PATH, ...REDIS_PATHS].find((p): p is string =>
    Boolean(p && existsSync(p)),
  );
}

/** A port nothing listens on right now (for Redis to take, or for a connection that must be refused). */
export async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A running redis-server (on `port`, or a free one), or null when it is not installed. In CI a missing redis-server is an error, so a
 * run that silently skipped the shared-session tests cannot pass.
 */
export async function startRedis(port?: number): Promise<RedisServer | null> {
  const executable = redisServerPath();
  if (!executable) {
    if (process.env.CI === 'true') throw new Error(`CI=true but ${NO_REDIS_MESSAGE}`);
    return null;
  }
  port ??= await freePort();
  const child = spawn(
    executable,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', os.tmpdir()],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  while (!output.includes('Ready to accept connections')) {
    const [event] = await Promise.race([
      once(child.stdout, 'data').then(() => ['data']),
      once(child, 'exit').then(() => ['exit']),
    ]);
    if (event === 'exit') throw new Error(`redis-server did not start on port ${port}:\n${output}`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      process.kill(child.pid as number, 'SIGCONT');
      process.kill(child.pid as number, 'SIGTERM');
      await exited;
    },
  };
}
