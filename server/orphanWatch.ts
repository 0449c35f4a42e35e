// `npm start` runs Node under `sh -c`: a SIGTERM sent to npm alone (a process manager, `kill <npm's pid>`) ends npm
// and the shell but never reaches Node, which ran on with nobody to stop it, holding its ports and the emulator's
// data folder. Started by npm, Node takes the loss of its parent as the stop it was meant to be.

/** How often the parent is looked at: the stop follows npm's within about a second. */
const EVERY_MS = 1_000;

/** Calls `stop` once when the process that started this one under npm goes away (never outside npm). */
export function stopWhenOrphaned(stop: () => void, env: NodeJS.ProcessEnv = process.env): void {
  if (!env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, EVERY_MS).unref();
}
