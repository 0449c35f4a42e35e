// Memory under a flood of new visitors: 50,000 requests that each create a session (starting the web server flow
// makes a pending transaction), against the same process idle. A bounded session store keeps this flat.
import { startChild } from '../lib/children.ts';
import type { StackReady } from '../lib/context.ts';
import { requestsPerSecond } from '../lib/load.ts';
import { mb, type Row } from '../lib/table.ts';

const REQUESTS = 50_000;

export async function measureMemory(root: string): Promise<Row> {
  // A process of its own: the other measures' garbage would blur both figures.
  const stack = await startChild<StackReady>('stack', { BENCH_ROOT: root });
  try {
    await requestsPerSecond({ url: `${stack.ready.appUrl}/`, connections: 10, amount: 200 });
    const idle = (await stack.stats()).rss;
    await requestsPerSecond({
      url: `${stack.ready.appUrl}/flows/web-server/start?anyway=1`,
      connections: 50,
      amount: REQUESTS,
      status: 302,
    });
    const loaded = (await stack.stats()).rss;
    return {
      measure: `RSS after ${REQUESTS.toLocaleString('en-US')} session-creating requests`,
      figure: mb(loaded),
      baseline: `the same process idle: ${mb(idle)}`,
      ratio: loaded / idle,
      goal: { max: 1.5 },
      unit: '×',
    };
  } finally {
    await stack.stop();
  }
}
