// What every measure gets: the two servers under test (the playground and the bare baseline), how many rounds to
// take medians over, and an HTTPS agent set up like the app's own agent towards Salesforce.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { ServerChild } from './children.ts';

export interface StackReady {
  appUrl: string;
  emulatorUrl: string;
  instanceUrl: string;
  clientId: string;
  username: string;
  audience: string;
  jwtKeyFile: string;
  sampleQuery: string;
}

export interface BenchContext {
  /** Certificates under <root>/certs, shared by every bench server. */
  root: string;
  stack: ServerChild<StackReady>;
  bare: ServerChild<{ url: string }>;
  /** Rounds per measure: figures and ratios are medians over them. */
  rounds: number;
}

/** The settings server/salesforce/http.ts gives its agent: keep-alive, 16 sockets, the idle timeout, the local certificate. */
export function appLikeAgent(root: string): https.Agent {
  return new https.Agent({
    keepAlive: true,
    maxSockets: 16,
    timeout: 30_000,
    ca: readFileSync(path.join(root, 'certs', 'server.crt')),
  });
}

/** GET with the given agent, the whole body as text (node:https, as the app calls Salesforce). */
export function getText(url: string, agent: https.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
