// A throwaway HTTPS server standing for a host that collects tokens: it holds a certificate the app trusts,
// so any request the app sent it would arrive, and it records every connection and request it ever gets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listenHttps, type ListeningServer } from '../../server/https.ts';
import { testCertsFolder } from './stack.ts';

export interface EvilHost {
  /** https://localhost:<port> */
  url: string;
  /** TLS connections opened to it, answered or not. */
  connections: number;
  /** Each request as `METHOD path`, with the authorization header it carried. */
  requests: { line: string; authorization?: string }[];
  /** The server itself, for tests that tune it (its keep-alive timeout, say). */
  server: ListeningServer['server'];
  close(): Promise<void>;
}

export async function startEvilHost(): Promise<EvilHost> {
  const certs = await testCertsFolder();
  const listening = await listenHttps({
    port: 0,
    key: readFileSync(path.join(certs, 'server.key'), 'utf8'),
    cert: readFileSync(path.join(certs, 'server.crt'), 'utf8'),
  });
  const host: EvilHost = {
    url: listening.url,
    connections: 0,
    requests: [],
    server: listening.server,
    close: () => listening.close(),
  };
  listening.server.on('secureConnection', () => host.connections++);
  listening.server.on('request', (req, res) => {
    host.requests.push({ line: `${req.method} ${req.url}`, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"username":"attacker@evil.example"}');
  });
  return host;
}
