// The playground's app and emulator in one process as `npm start` runs them, from the TypeScript sources (under tsx)
// on free ports, with a throwaway emulator data folder. It counts the TLS handshakes the emulator accepts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '../../server/stack.ts';
import { answerStats } from '../lib/children.ts';
import { recordTimeline } from '../lib/timeline.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-data-'));
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
const stack = await startStack({
  env: {
    ...process.env,
    PORT: '0',
    EMULATOR_PORT: '0',
    EMULATOR_DATA_DIR: dataDir,
    SESSION_SECRET: 'bench-session-secret-of-32-characters',
  },
  rootDir: process.env.BENCH_ROOT,
});
// The demo user approved the app once (as the web server flow's Allow would): the JWT flow may sign in.
const emulator = stack.emulator?.context;
const demoUser = emulator?.users.find((user) => user.username === stack.config.username);
if (demoUser) emulator?.state.approve(demoUser.id);
let handshakes = 0;
stack.emulatorServer?.server.on('secureConnection', () => handshakes++);
answerStats(() => handshakes);
if (process.env.BENCH_TIMELINE === '1' && stack.app) {
  const timeline = recordTimeline(Number(new URL(stack.app.url).port));
  // Each question is answered with the segments so far, which then start again from zero.
  process.on('message', (message: { type?: string; id?: number }) => {
    if (message.type !== 'timeline') return;
    process.send?.({ type: 'timeline', id: message.id, segments: timeline.segments() });
    timeline.reset();
  });
}

process.send?.({
  type: 'ready',
  appUrl: stack.app?.url,
  emulatorUrl: stack.emulatorServer?.url,
  instanceUrl: stack.emulator?.context.myDomainUrl,
  clientId: stack.config.clientId,
  username: stack.config.username,
  audience: stack.config.audience,
  jwtKeyFile: stack.config.jwtKeyFile,
  sampleQuery: stack.config.sampleQuery,
});

// Asked to stop, interrupted with the bench (Ctrl-C reaches the whole group), or left by a bench that died: the
// stack closes and its folder goes. A state that could not be saved is of no use to a bench either way.
let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  void stack
    .close()
    .catch((error: unknown) => console.error(`bench stack: ${String(error)}`))
    .finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, shutdown);
process.once('disconnect', shutdown);
