// Where one JWT flow's time goes, seen from inside the playground's process: Node's HTTP diagnostics channels mark
// each request the app and the emulator receive and answer, and each call the app makes, and the gaps between
// consecutive marks are summed over many flows. Only the stack child started with BENCH_TIMELINE=1 records them.
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

/** One gap between two consecutive marks of a flow, summed over the flows that had it. */
export interface Segment {
  from: string;
  to: string;
  totalMs: number;
  flows: number;
}

/** A request's path without its query, ids shortened: the same mark in every flow. */
function shortPath(url: string): string {
  return url
    .split('?')[0]
    .replace(/^\/id\/.*/, '/id/…')
    .replace(/\/v\d+\.\d+\//, '/vNN/');
}

/**
 * Starts recording: a flow begins when the app receives the Run (POST /flows/jwt) and ends when it has answered
 * /result. Everything in between (the browser's redirect included) becomes a segment named by its two marks.
 */
export function recordTimeline(appPort: number): { segments(): Segment[]; reset(): void } {
  const sums = new Map<string, Segment>();
  let flow: { label: string; at: number }[] | undefined;
  const side = (request: IncomingMessage) => (request.socket.localPort === appPort ? 'app' : 'emulator');
  // Express rewrites `url` inside a mounted router (the emulator's REST API); `originalUrl` keeps the whole path.
  const pathOf = (request: IncomingMessage & { originalUrl?: string }) =>
    shortPath(request.originalUrl ?? request.url ?? '');

  const mark = (label: string, starts = false, ends = false) => {
    const at = performance.now();
    if (starts) flow = [];
    if (!flow) return;
    flow.push({ label, at });
    if (!ends) return;
    for (let i = 1; i < flow.length; i++) {
      const [from, to] = [flow[i - 1], flow[i]];
      // Keyed by position too: a flow whose calls answered in another order sums into segments of its own.
      const key = `${i} ${from.label} ${to.label}`;
      const sum = sums.get(key) ?? { from: from.label, to: to.label, totalMs: 0, flows: 0 };
      sum.totalMs += to.at - from.at;
      sum.flows++;
      sums.set(key, sum);
    }
    flow = undefined;
  };

  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    const path = pathOf(request);
    const isRun = side(request) === 'app' && request.method === 'POST' && path === '/flows/jwt';
    mark(`${side(request)} receives ${request.method} ${path}`, isRun);
  });
  diagnostics.subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage };
    const path = pathOf(request);
    mark(`${side(request)} has answered ${path}`, false, side(request) === 'app' && path === '/result');
  });
  diagnostics.subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    mark(`app sends ${request.method} ${shortPath(request.path)}`);
  });
  diagnostics.subscribe('http.client.response.finish', (message) => {
    const { request } = message as { request: ClientRequest };
    mark(`app has the answer to ${shortPath(request.path)}`);
  });

  return {
    segments: () => [...sums.values()],
    reset: () => sums.clear(),
  };
}
