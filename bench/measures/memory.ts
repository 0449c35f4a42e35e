// Memory under a flood of new visitors: 50,000 requests that each create a session (starting the web server flow
// makes a pending transaction), against the same process idle. The server runs as `npm start` runs it (the compiled
// copy in a process of its own, in a copy of the project), so its idle figure is the one a user's machine shows.
import { requestsPerSecond } from '../lib/load.ts';
import { projectCopy, rssOf, runScript, startIn, type Started } from '../lib/projectCopy.ts';
import { mb, type Row } from '../lib/table.ts';
import { nodeOptionsOf } from '../../test/support/npm-script.ts';

const REQUESTS = 50_000;

export async function measureMemory(root: string): Promise<Row> {
  const copy = projectCopy(root);
  let server: Started | undefined;
  try {
    await runScript(copy.cwd, 'postinstall');
    // What `npm start` runs (package.json), without npm in between: its process is the one measured.
    server = await startIn(copy.cwd, ['node', ...nodeOptionsOf('start'), 'server/start.js']);
    await requestsPerSecond({ url: `${server.url}/`, connections: 10, amount: 200 });
    const idle = rssOf(server.pid);
    await requestsPerSecond({
      url: `${server.url}/flows/web-server/start?anyway=1`,
      connections: 50,
      amount: REQUESTS,
      status: 302,
    });
    const loaded = rssOf(server.pid);
    return {
      measure: `RSS after ${REQUESTS.toLocaleString('en-US')} session-creating requests (\`npm start\`'s server)`,
      figure: mb(loaded),
      baseline: `the same process idle: ${mb(idle)}`,
      ratio: loaded / idle,
      goal: { max: 1.5 },
      unit: '×',
    };
  } finally {
    server?.stop();
    copy.remove();
  }
}
