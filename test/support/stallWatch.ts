// A watch on a test group's event loop: when the loop has not turned for a while (something synchronous is busy,
// which no test timeout can interrupt), a worker thread pauses the main thread through the inspector, prints the
// JavaScript stack it was running to stderr, and lets it go on. Used by test/support/group.ts.
import { Worker } from 'node:worker_threads';

/** Longer than any synchronous step a test takes on purpose (a key pair, a compile): seconds, not tens. */
export const STALL_SECONDS = 20;
/** test/run.ts looks for this line to show the report even when the group passes. */
export const STALL_MARK = 'event loop blocked';

/** Plain JavaScript, evaluated without the TypeScript loader the group runs with (it would cost a load). */
const WATCHER = `
const { workerData } = require('node:worker_threads');
const { Session } = require('node:inspector');
const { writeSync } = require('node:fs');
const beat = new Float64Array(workerData.beat);
let reported = 0;
function report(blockedS) {
  const session = new Session();
  session.connectToMainThread();
  // Enabling the debugger announces every script it knows: where each frame's script id points.
  const urls = new Map();
  session.on('Debugger.scriptParsed', ({ params }) => urls.set(params.scriptId, params.url));
  const line = ({ functionName, location }) =>
    '    at ' + (functionName || '(anonymous)') + ' (' + urls.get(location.scriptId) + ':' + (location.lineNumber + 1) + ':' + (location.columnNumber + 1) + ')';
  session.on('Debugger.paused', ({ params }) => {
    const stack = params.callFrames.slice(0, 40).map(line).join('\\n');
    writeSync(2, '\\n${STALL_MARK} for ' + blockedS.toFixed(0) + ' s; the main thread was running:\\n' + stack + '\\n');
    session.post('Debugger.resume', () => session.disconnect());
  });
  session.post('Debugger.enable', () => session.post('Debugger.pause'));
}
setInterval(() => {
  const blockedS = (Date.now() - beat[0]) / 1000;
  // Once per stall: the beat moves on when the loop turns again.
  if (blockedS > workerData.limitS && reported !== beat[0]) {
    reported = beat[0];
    report(blockedS);
  }
}, 2000);
`;

export function watchForStalls(): void {
  const beat = new Float64Array(new SharedArrayBuffer(8));
  const tick = () => (beat[0] = Date.now());
  tick();
  setInterval(tick, 1000).unref();
  const worker = new Worker(WATCHER, {
    eval: true,
    execArgv: [],
    workerData: { beat: beat.buffer, limitS: STALL_SECONDS },
  });
  worker.unref();
}
