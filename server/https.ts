// Starts an HTTPS server on loopback and closes it cleanly; used by index.ts and by the tests (port 0).
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface ListeningServer {
  readonly server: https.Server;
  readonly port: number;
  /** https://localhost:<port>, the origin users and cookies see. */
  readonly url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  key: string;
  cert: string;
  host?: string;
}

/** Listens first and attaches the handler later, so an app can be built knowing its own port. */
export async function listenHttps(
  options: ListenOptions,
  handler?: RequestListener,
): Promise<ListeningServer> {
  const server = https.createServer({ key: options.key, cert: options.cert });
  if (handler) server.on('request', handler);
  server.listen(options.port, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `https://localhost:${port}`,
    close: () => closeServer(server),
  };
}

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold the process open; end them so shutdown is prompt.
    server.closeAllConnections();
  });
}
