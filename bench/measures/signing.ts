// One RS256 assertion as the JWT flow signs it (its key read the way the flow reads it) against a bare signing loop
// over an input of the same length with the key parsed once.
import { createPrivateKey, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signedRequest } from '../../server/flows/jwtBearer.ts';
import type { BenchContext } from '../lib/context.ts';
import { median, perCallMs } from '../lib/stats.ts';
import { ms, type Row } from '../lib/table.ts';

export function measureSigning(ctx: BenchContext): Row {
  const { clientId, username, audience, jwtKeyFile } = ctx.stack.ready;
  const config = { clientId, username, audience, jwtKeyFile };
  const sample = signedRequest(config, Date.now()).assertion;
  const input = Buffer.from(sample.slice(0, sample.lastIndexOf('.')));
  const key = createPrivateKey(readFileSync(jwtKeyFile));
  const rounds: { app: number; bare: number }[] = [];
  for (let round = 0; round < ctx.rounds; round++) {
    const app = perCallMs(7, 60, () => signedRequest(config, Date.now()));
    const bare = perCallMs(7, 60, () => createSign('RSA-SHA256').update(input).sign(key));
    rounds.push({ app, bare });
  }
  return {
    measure: 'RS256 sign (the JWT flow’s assertion)',
    figure: ms(median(rounds.map((r) => r.app))),
    baseline: `signing loop, key parsed once: ${ms(median(rounds.map((r) => r.bare)))}`,
    ratio: median(rounds.map((r) => r.app / r.bare)),
    goal: { max: 1.2 },
    unit: '×',
  };
}
