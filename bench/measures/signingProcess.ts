// Run by bench/measures/signing.ts in a process of its own: one RS256 assertion as the JWT flow signs it (its key
// read the way the flow reads it) against a bare signing loop over an input of the same length with the key parsed
// once. Batches of the two alternate, and each ratio compares neighbouring batches, so the machine's changing load
// weighs on both sides alike. Sends its row to the parent and ends.
import { createSign } from 'node:crypto';
import { signedRequest } from '../../server/flows/jwtBearer.ts';
import { parsedKey } from '../lib/assertion.ts';
import type { StackReady } from '../lib/context.ts';
import { median, perCallMs } from '../lib/stats.ts';
import { ms, type Row } from '../lib/table.ts';

const PAIRS_PER_ROUND = 15;
const BATCH = 25;
const WARM_UP_PAIRS = 20;

export interface SigningInput {
  ready: StackReady;
  rounds: number;
}

function signingRow({ ready, rounds }: SigningInput): Row {
  const { clientId, username, audience, jwtKeyFile } = ready;
  const config = { clientId, username, audience, jwtKeyFile };
  const sample = signedRequest(config, Date.now()).assertion;
  const input = Buffer.from(sample.slice(0, sample.lastIndexOf('.')));
  const key = parsedKey(jwtKeyFile);
  const app = () => signedRequest(config, Date.now());
  const bare = () => createSign('RSA-SHA256').update(input).sign(key);
  // Warmed alike before measuring: code not yet optimised would land on whichever side runs more of it.
  for (let i = 0; i < WARM_UP_PAIRS; i++) {
    perCallMs(1, BATCH, app);
    perCallMs(1, BATCH, bare);
  }
  const pairs: { app: number; bare: number }[] = [];
  for (let i = 0; i < rounds * PAIRS_PER_ROUND; i++) {
    pairs.push({ app: perCallMs(1, BATCH, app), bare: perCallMs(1, BATCH, bare) });
  }
  return {
    measure: 'RS256 sign (the JWT flow’s assertion)',
    figure: ms(median(pairs.map((p) => p.app))),
    baseline: `signing loop, key parsed once: ${ms(median(pairs.map((p) => p.bare)))}`,
    ratio: median(pairs.map((p) => p.app / p.bare)),
    goal: { max: 1.2 },
    unit: '×',
  };
}

process.once('message', (input: SigningInput) => {
  process.send?.({ type: 'row', row: signingRow(input) }, () => process.exit(0));
});
