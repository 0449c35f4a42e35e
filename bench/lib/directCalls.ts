// What the JWT flow asks of Salesforce, asked directly by the bench with the app's client and agent settings: sign
// an assertion, trade it for a token, then identity and the sample query side by side (the API version listed once,
// as the app keeps it); plus two trivial round trips standing for the browser's Run and result page. The flow's time
// over this is the app's own.
import type { KeyObject } from 'node:crypto';
import type https from 'node:https';
import fetch from 'node-fetch';
import { JWT_GRANT_TYPE } from '../../server/flows/jwtBearer.ts';
import { benchAssertion, parsedKey } from './assertion.ts';
import type { BenchContext } from './context.ts';
import { appLikeAgent, getText } from './context.ts';

interface Token {
  access_token: string;
  instance_url: string;
  id: string;
}

export class DirectCalls {
  private readonly agent: https.Agent;
  private readonly key: KeyObject;
  private version: string | undefined;

  constructor(private readonly ctx: BenchContext) {
    this.agent = appLikeAgent(ctx.root);
    this.key = parsedKey(ctx.stack.ready.jwtKeyFile);
  }

  async once(): Promise<void> {
    const { emulatorUrl, sampleQuery } = this.ctx.stack.ready;
    const token = (await this.json(`${emulatorUrl}/services/oauth2/token`, undefined, {
      grant_type: JWT_GRANT_TYPE,
      assertion: benchAssertion(this.ctx.stack.ready, this.key, 180),
    })) as Token;
    const auth = `Bearer ${token.access_token}`;
    if (!this.version) {
      const versions = (await this.json(`${token.instance_url}/services/data/`)) as { version: string }[];
      this.version = versions[versions.length - 1].version;
    }
    const q = new URLSearchParams({ q: sampleQuery });
    await Promise.all([
      this.json(token.id, auth),
      this.json(`${token.instance_url}/services/data/v${this.version}/query?${q}`, auth),
    ]);
    for (let i = 0; i < 2; i++) await getText(`${this.ctx.bare.ready.url}/ping`, this.agent);
  }

  close(): void {
    this.agent.destroy();
  }

  private async json(url: string, authorization?: string, form?: Record<string, string>): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (authorization) headers.authorization = authorization;
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      agent: this.agent,
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }
}
