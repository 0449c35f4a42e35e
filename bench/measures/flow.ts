// The JWT bearer flow end to end (Run → result page) against its floor (lib/floor.ts: one RS256 signature with a
// parsed key plus four keep-alive round trips, one for each call a first sign-in makes). Later sign-ins list the
// versions no more and ask identity and the query at once: the floor is kept as the goal was set. Also the TLS
// handshakes from the app to the emulator per 100 flows.
import { appLikeAgent, getText, type BenchContext } from '../lib/context.ts';
import { DirectCalls } from '../lib/directCalls.ts';
import { Floor, ROUND_TRIPS } from '../lib/floor.ts';
import { JwtFlowDriver } from '../lib/jwtFlow.ts';
import { median, medianMs } from '../lib/stats.ts';
import { ms, type Row } from '../lib/table.ts';

const FLOWS_PER_ROUND = 60;
/**
 * V8 optimises the server's code as it runs it: on this machine the median of 50 flows fell from 14–16 ms for the
 * first 50 after start to 8.3–8.8 ms after about 450, and then held. The rounds measure that steady state (a server
 * that has served a while), the flow, its floor and the direct calls alike after this many of each.
 */
export const WARM_UP = 500;

/**
 * Two rows: the flow against the floor the goal is set on, and, to read that one by, the flow against the same calls
 * to Salesforce made directly (the emulator's own answer time and the browser's two round trips included): what
 * the app itself adds. Each is timed whole, 60 times a round, in an order that turns each round.
 */
export async function measureFlow(ctx: BenchContext): Promise<Row[]> {
  const driver = new JwtFlowDriver(ctx);
  const direct = new DirectCalls(ctx);
  const floor = new Floor(ctx);
  await driver.open();
  for (let i = 0; i < WARM_UP; i++) {
    await driver.runToResult();
    await direct.once();
    await floor.once();
  }
  const measures = {
    flow: () => driver.runToResult(),
    floor: () => floor.once(),
    direct: () => direct.once(),
  };
  const names = Object.keys(measures) as (keyof typeof measures)[];
  const rounds: Record<keyof typeof measures, number>[] = [];
  for (let round = 0; round < ctx.rounds; round++) {
    const times = {} as Record<keyof typeof measures, number>;
    // Turned each round, so that none is always the one timed first (or right after the flow's garbage).
    const first = round % names.length;
    for (const name of [...names.slice(first), ...names.slice(0, first)])
      times[name] = await medianMs(FLOWS_PER_ROUND, measures[name]);
    rounds.push(times);
  }
  direct.close();
  floor.close();
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
