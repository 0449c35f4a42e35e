// The JWT flow's floor, timed as one piece as the flow is: one RS256 signature of an assertion-sized input with a
// key parsed once, then four trivial HTTPS round trips one after another, one for each call a first sign-in makes
// (token, identity, versions, query), with the app's client (node-fetch) and agent settings.
import { createSign, type KeyObject } from 'node:crypto';
import type https from 'node:https';
import fetch from 'node-fetch';
import { parsedKey } from './assertion.ts';
import { appLikeAgent, type BenchContext } from './context.ts';

export const ROUND_TRIPS = 4;

export class Floor {
  private readonly agent: https.Agent;
  private readonly key: KeyObject;
  private readonly input = Buffer.alloc(260, 'e');
  private readonly url: string;

  constructor(ctx: Pick<BenchContext, 'root' | 'stack' | 'bare'>) {
    this.agent = appLikeAgent(ctx.root);
    this.key = parsedKey(ctx.stack.ready.jwtKeyFile);
    this.url = `${ctx.bare.ready.url}/ping`;
  }

  async once(): Promise<void> {
    createSign('RSA-SHA256').update(this.input).sign(this.key);
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const answer = await fetch(this.url, { agent: this.agent });
      if (!answer.ok) throw new Error(`${this.url} answered ${answer.status}`);
      await answer.text();
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
