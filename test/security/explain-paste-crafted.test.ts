// Crafted pastes against the explainer's readers: a shape that made one of them backtrack without end (a long run of
// spaces after nginx's <title>) must be read in one pass, not hold the app's only thread for minutes.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';

const READER = new URL('../../server/teaching/explainer/pasted.ts', import.meta.url).href;
/** The paste box's length: a longer paste is cut to it before it is read. */
const PASTE = 10_000;
/**
 * No measure of speed: the end of a read that would go on for minutes (a regular expression cannot be interrupted,
 * so the read runs in a worker thread that is stopped then). Read in one pass, each takes milliseconds.
 */
const GIVE_UP_MS = 30_000;

/** Plain JavaScript (an eval'd worker has no TypeScript loader): loads the reader through tsx's own import. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import('tsx/esm/api')
  .then(({ tsImport }) => tsImport(workerData.reader, __filename))
  .then(({ readPastedError }) => parentPort.postMessage(readPastedError(workerData.text) ?? null));
`;

/** What readPastedError makes of `text`, read in a worker thread; 'gave up' when it had not finished by the end. */
function readInWorker(text: string): Promise<unknown> {
  const worker = new Worker(WORKER, { eval: true, workerData: { reader: READER, text } });
  return new Promise((resolve, reject) => {
    const end = setTimeout(() => void worker.terminate().then(() => resolve('gave up')), GIVE_UP_MS);
    worker.once('message', (found) => {
      clearTimeout(end);
      void worker.terminate().then(() => resolve(found));
    });
    worker.once('error', (error) => {
      clearTimeout(end);
      reject(error);
    });
  });
}

describe('crafted pastes against the explainer', { timeout: 2 * GIVE_UP_MS }, () => {
  test("a <title> followed by a long run of spaces (nginx's page reader) is read once, not once per space", async () => {
    assert.equal(await readInWorker(`<title>${' '.repeat(PASTE - 8)}x`), null);
  });

  test("nginx's own 414 page is still read, its title's spaces trimmed", async () => {
    const page =
      '<html>\n<head><title>  414 Request-URI Too Large \n</title></head>\n<body>\n<center><h1>414 Request-URI Too Large</h1></center>\n<hr><center>nginx/1.25.3</center>\n</body>\n</html>';
    assert.deepEqual(await readInWorker(page), {
      error: 'request_too_long',
      error_description: '414 Request-URI Too Large',
      fromClient: true,
      proxy: 'nginx/1.25.3',
    });
  });
});
