// Requests per second under load: the home page against a bare Express 5 HTTPS server serving a page of the same
// size, and the emulator's token endpoint and REST query against the emulator's cheapest JSON route. Target and
// baseline run back to back in each round (their order alternating), so each ratio is taken within one round.
import { JWT_GRANT_TYPE } from '../../server/flows/jwtBearer.ts';
import { benchAssertion, parsedKey } from '../lib/assertion.ts';
import { BenchClient } from '../lib/client.ts';
import { appLikeAgent, type BenchContext } from '../lib/context.ts';
import { requestsPerSecond, warm, type Load } from '../lib/load.ts';
import { median } from '../lib/stats.ts';
import { perSecond, type Row } from '../lib/table.ts';

const SECONDS = 3;
const TOKENS_STORED = 2000;

/** Medians over the rounds of target, baseline and the ratio of the two (measured in alternating order). */
async function compare(ctx: BenchContext, target: Load, baseline: Load) {
  await warm(target);
  await warm(baseline);
  const rounds: { target: number; baseline: number }[] = [];
  for (let round = 0; round < ctx.rounds; round++) {
    const order = round % 2 === 0 ? [target, baseline] : [baseline, target];
    const [first, second] = [await requestsPerSecond(order[0]), await requestsPerSecond(order[1])];
    rounds.push(round % 2 === 0 ? { target: first, baseline: second } : { target: second, baseline: first });
  }
  return {
    target: median(rounds.map((r) => r.target)),
    baseline: median(rounds.map((r) => r.baseline)),
    ratio: median(rounds.map((r) => r.target / r.baseline)),
  };
}

export async function measureHome(ctx: BenchContext, pageBytes: number): Promise<Row> {
  const load = { connections: 50, seconds: SECONDS };
  const result = await compare(
    ctx,
    { ...load, url: `${ctx.stack.ready.appUrl}/` },
    { ...load, url: `${ctx.bare.ready.url}/` },
  );
  return {
    measure: 'GET / req/s, 50 connections',
    figure: perSecond(result.target),
    baseline: `bare Express 5 over HTTPS, same-size page (${pageBytes.toLocaleString('en-US')} B): ${perSecond(result.baseline)}`,
    ratio: result.ratio,
    goal: { min: 0.7 },
  };
}

export async function measureEmulator(ctx: BenchContext): Promise<Row[]> {
  const { emulatorUrl, instanceUrl, sampleQuery } = ctx.stack.ready;
  const connections = 10;
  const cheapest: Load = { url: `${emulatorUrl}/services/data/`, connections, seconds: SECONDS };
  const key = parsedKey(ctx.stack.ready.jwtKeyFile);
  const token: Load = {
    url: `${emulatorUrl}/services/oauth2/token`,
    connections,
    seconds: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: JWT_GRANT_TYPE,
      assertion: benchAssertion(ctx.stack.ready, key, 600),
    }).toString(),
  };
  // The store holds its full 2,000 tokens before the endpoint is measured.
  await requestsPerSecond({ ...token, seconds: undefined, amount: TOKENS_STORED });
  const tokenResult = await compare(ctx, token, cheapest);
  // The store keeps the newest 2,000 tokens: the query's token is taken after the token endpoint's load.
  const agent = appLikeAgent(ctx.root);
  const client = new BenchClient(agent);
  const answer = await client.request(token.url, 'POST', Object.fromEntries(new URLSearchParams(token.body)));
  const accessToken = (JSON.parse(answer.body) as { access_token: string }).access_token;
  const versions = JSON.parse((await client.request(cheapest.url)).body) as { version: string }[];
  agent.destroy();
  const version = versions[versions.length - 1].version;
  const query: Load = {
    url: `${instanceUrl}/services/data/v${version}/query?${new URLSearchParams({ q: sampleQuery })}`,
    connections,
    seconds: SECONDS,
    headers: { authorization: `Bearer ${accessToken}` },
  };
  const queryResult = await compare(ctx, query, cheapest);
  const baseline = (rate: number) =>
    `the emulator's cheapest JSON route (GET /services/data/): ${perSecond(rate)}`;
  return [
    {
      measure: `emulator token endpoint, JWT grant, ${TOKENS_STORED.toLocaleString('en-US')} tokens stored`,
      figure: perSecond(tokenResult.target),
      baseline: baseline(tokenResult.baseline),
      ratio: tokenResult.ratio,
      goal: { min: 0.5 },
    },
    {
      measure: `emulator REST query (${sampleQuery})`,
      figure: perSecond(queryResult.target),
      baseline: baseline(queryResult.baseline),
      ratio: queryResult.ratio,
      goal: { min: 0.6 },
    },
  ];
}
