// Load with autocannon: a fixed number of connections for a fixed time (or number of requests), as requests per
// second. Any unexpected status fails the bench: a fast error page is not a fast page.
import autocannon from 'autocannon';

export interface Load {
  url: string;
  connections: number;
  /** Seconds of load, unless `amount` is given. */
  seconds?: number;
  /** Exactly this many requests. */
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The status every answer must have (default 200). */
  status?: number;
}

export async function requestsPerSecond(load: Load): Promise<number> {
  const expected = load.status ?? 200;
  let unexpected = 0;
  let firstUnexpected = '';
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    ...(load.amount ? { amount: load.amount } : { duration: load.seconds ?? 3 }),
    method: load.method ?? 'GET',
    headers: load.headers,
    body: load.body,
    setupClient: (client) => {
      client.on('response', (statusCode: number) => {
        if (statusCode === expected) return;
        unexpected += 1;
        firstUnexpected ||= String(statusCode);
      });
    },
  });
  if (unexpected > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${load.method ?? 'GET'} ${load.url}: ${unexpected} answers other than ${expected} (first: ${firstUnexpected}), ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result.requests.total / (result.duration || 1);
}

/** A few requests first, so the measured seconds see compiled code and open connections. */
export async function warm(load: Load): Promise<void> {
  await requestsPerSecond({ ...load, seconds: undefined, amount: load.connections * 20 });
}
