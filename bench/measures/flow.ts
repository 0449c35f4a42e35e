// The JWT bearer flow end to end (Run → result page) against its floor: one RS256 signature with a parsed key
// plus four keep-alive round trips, one for each call a first sign-in makes (token, identity, versions, query),
// each a trivial HTTPS round trip with the app's agent settings. (Later sign-ins list the versions no more and ask
// identity and the query at once: the floor is kept as the goal was set.) Also the TLS handshakes from the app to
// the emulator per 100 flows.
import { createPrivateKey, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fetch from 'node-fetch';
import { appLikeAgent, getText, type BenchContext } from '../lib/context.ts';
import { DirectCalls } from '../lib/directCalls.ts';
import { JwtFlowDriver } from '../lib/jwtFlow.ts';
import { median, medianMs, perCallMs } from '../lib/stats.ts';
import { ms, type Row } from '../lib/table.ts';

const FLOWS_PER_ROUND = 60;
const ROUND_TRIPS = 4;
/**
 * V8 optimises the server's code as it runs it: on this machine the median of 50 flows fell from 14–16 ms for the
 * first 50 after start to 8.3–8.8 ms after about 450, and then held. The rounds measure that steady state (a server
 * that has served a while), the flow and the direct calls alike after this many of each.
 */
const WARM_UP = 500;

/** What one trivial HTTPS round trip costs with the app's client and agent settings (node-fetch, keep-alive). */
export async function roundTripMs(ctx: BenchContext, times: number): Promise<number> {
  const agent = appLikeAgent(ctx.root);
  const url = `${ctx.bare.ready.url}/ping`;
  const once = async () => (await fetch(url, { agent })).text();
  await once();
  const result = await medianMs(times, once);
  agent.destroy();
  return result;
}

/** One RS256 signature of an assertion-sized input with a key parsed once. */
export function parsedKeySignMs(keyFile: string): number {
  const key = createPrivateKey(readFileSync(keyFile));
  const input = Buffer.alloc(260, 'e');
  return perCallMs(9, 100, () => createSign('RSA-SHA256').update(input).sign(key));
}

/**
 * Two rows: the flow against the floor the goal is set on, and, to read that one by, the flow against the same calls
 * to Salesforce made directly (the emulator's own answer time and the browser's two round trips included): what
 * the app itself adds. Both are taken in each round, alternating with the flow.
 */
export async function measureFlow(ctx: BenchContext): Promise<Row[]> {
  const driver = new JwtFlowDriver(ctx);
  const direct = new DirectCalls(ctx);
  await driver.open();
  for (let i = 0; i < WARM_UP; i++) {
    await driver.runToResult();
    await direct.once();
  }
  const rounds: { flow: number; floor: number; direct: number }[] = [];
  for (let round = 0; round < ctx.rounds; round++) {
    const flow = await medianMs(FLOWS_PER_ROUND, () => driver.runToResult());
    const floor = parsedKeySignMs(ctx.stack.ready.jwtKeyFile) + ROUND_TRIPS * (await roundTripMs(ctx, 100));
    rounds.push({ flow, floor, direct: await medianMs(FLOWS_PER_ROUND, () => direct.once()) });
  }
  direct.close();
  const flows = median(rounds.map((r) => r.flow));
  return [
    {
      measure: 'JWT flow, Run → result page (median)',
      figure: ms(flows),
      baseline: `floor, 1 RS256 sign + ${ROUND_TRIPS} keep-alive round trips: ${ms(median(rounds.map((r) => r.floor)))}`,
      ratio: median(rounds.map((r) => r.flow / r.floor)),
      goal: { max: 2 },
      unit: '×',
    },
    {
      measure: 'JWT flow, what the app adds (to read the row above by; no goal of its own)',
      figure: ms(flows),
      baseline: `the same calls to the emulator made directly, + 2 trivial round trips: ${ms(median(rounds.map((r) => r.direct)))}`,
      ratio: median(rounds.map((r) => r.flow / r.direct)),
      goal: { none: true },
      unit: '×',
    },
  ];
}

/**
 * Keep-alive holds when 100 flows open as few connections to Salesforce as 100 trivial round trips to the same two
 * hosts do: the login host (token, identity) and My Domain (versions, query), each its own connection.
 */
export async function measureHandshakes(ctx: BenchContext): Promise<Row> {
  const driver = new JwtFlowDriver(ctx);
  await driver.open();
  const before = (await ctx.stack.stats()).handshakes;
  for (let i = 0; i < 100; i++) await driver.runToResult();
  const flows = (await ctx.stack.stats()).handshakes - before;
  const agent = appLikeAgent(ctx.root);
  const hosts = [ctx.bare.ready.url, ctx.bare.ready.url.replace('localhost', '127.0.0.1')];
  const bareBefore = (await ctx.bare.stats()).handshakes;
  for (let i = 0; i < 100; i++) await getText(`${hosts[i % 2]}/ping`, agent);
  const trips = (await ctx.bare.stats()).handshakes - bareBefore;
  agent.destroy();
  return {
    measure: 'TLS handshakes app → Salesforce per 100 flows',
    figure: String(flows),
    baseline: `100 trivial round trips to the same two hosts, same agent settings: ${trips}`,
    ratio: flows / Math.max(trips, 1),
    goal: { max: 1.5 },
    unit: '×',
  };
}
