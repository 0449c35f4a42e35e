// Starts an HTTPS server on loopback and closes it cleanly; used by index.ts and by the tests (port 0). On request,
// plain http:// on the same port is answered with a redirect to https://, instead of a connection that dies.
import { once } from 'node:events';
import type { RequestListener } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { answerUnreadableRequest, redirectPlainHttp } from './bareAnswers.ts';

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
  /** Answer plain HTTP on the same port with a redirect to HTTPS (the app's port, typed without https://). */
  redirectHttp?: boolean;
  /** Bytes of request line and headers read before a bare 431 (Node's default, 16 KB, unless said). */
  maxHeaderSize?: number;
  /** Headers of a request Node hands on; it drops the rest unseen (Node's default, 2,000, unless said). */
  maxHeadersCount?: number;
}

/** Node's own limit on a request's line and headers. */
const DEFAULT_MAX_HEADER_SIZE = 16 * 1024;

/** Listens first and attaches the handler later, so an app can be built knowing its own port. */
export async function listenHttps(
  options: ListenOptions,
  handler?: RequestListener,
): Promise<ListeningServer> {
  const { key, cert, maxHeaderSize = DEFAULT_MAX_HEADER_SIZE } = options;
  const server = https.createServer({ key, cert, maxHeaderSize });
  if (options.maxHeadersCount !== undefined) server.maxHeadersCount = options.maxHeadersCount;
  if (handler) server.on('request', handler);
  server.listen(options.port, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `https://localhost:${port}`;
  if (options.redirectHttp)
    server.on('tlsClientError', (error, socket) => redirectPlainHttp(error, socket, url));
  server.on('clientError', (error, socket) => answerUnreadableRequest(error, socket, maxHeaderSize));
  return { server, port, url, close: () => closeServer(server) };
}

/** How long a request under way at shutdown may take to finish before its connection is cut. */
const CLOSE_GRACE_MS = 2_000;

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    // Requests under way finish (their answer may be a login that must not be lost); idle keep-alive connections
    // would hold the process open, so they end now, and whatever still runs after the grace period is cut.
    const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** A port that cannot be opened, with the variable that chooses it. */
export class PortError extends Error {
  override name = 'PortError';
  constructor(
    readonly variable: string,
    readonly port: number,
    readonly code: string,
  ) {
    super(`Port ${port} (${variable}) cannot be opened: ${code}`);
  }
}

/** listenHttps, with a port that cannot be opened named by the variable that chose it. */
export async function listenOn(variable: string, options: ListenOptions): Promise<ListeningServer> {
  try {
    if (options.port !== 0 && (options.host ?? '127.0.0.1') === '127.0.0.1')
      await checkIpv6LoopbackFree(options.port);
    return await listenHttps(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new PortError(variable, options.port, code);
    throw error;
  }
}

/**
 * The URL printed says localhost, which a browser tries as ::1 first: a program on [::1]:port would get the
 * visitor (and the login's cookies) instead of this server. Such a port counts as in use. A machine without IPv6
 * has nothing there to fear.
 */
async function checkIpv6LoopbackFree(port: number): Promise<void> {
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '::1', () => resolve());
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw error;
  } finally {
    probe.close(() => undefined);
  }
}
