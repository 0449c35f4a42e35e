// Starts an HTTPS server on loopback and closes it cleanly; used by index.ts and by the tests (port 0). On request,
// plain http:// on the same port is answered with a redirect to https://, instead of a connection that dies.
import { once } from 'node:events';
import type { RequestListener } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import net, { type AddressInfo, type Socket } from 'node:net';

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
  const url = `https://localhost:${port}`;
  if (options.redirectHttp)
    server.on('tlsClientError', (error, socket) => redirectPlainHttp(error, socket, url));
  server.on('clientError', answerUnreadableRequest);
  return { server, port, url, close: () => closeServer(server) };
}

/**
 * What helmet gives every answer Express writes, for the few written here by hand: no type sniffing, nothing to run,
 * load or frame, and no Referer. Their bodies are fixed text, but every kind of answer keeps the same guards.
 */
const GUARD_HEADERS =
  "X-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n" +
  'X-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n';
/** An error answer is about one request, never one to keep. */
const ERROR_HEADERS = `${GUARD_HEADERS}Cache-Control: no-store\r\n`;

/**
 * OpenSSL recognises an HTTP request where a TLS handshake should be (ERR_SSL_HTTP_REQUEST); the connection under
 * the failed TLS socket can still carry a plain answer. The request's path was consumed, so the redirect is to /.
 */
function redirectPlainHttp(error: NodeJS.ErrnoException, socket: Socket, url: string): void {
  const raw = (socket as Socket & { _parent?: Socket })._parent;
  if (error.code !== 'ERR_SSL_HTTP_REQUEST' || !raw?.writable) return;
  const body = `This playground speaks HTTPS only: open ${url}/\n`;
  raw.end(
    `HTTP/1.1 308 Permanent Redirect\r\nLocation: ${url}/\r\n${GUARD_HEADERS}Content-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * What Node answers a request it cannot parse, with words for the one a visitor meets: an address (or cookies) past
 * the 16 KB Node reads, which Node answers with a bare 431.
 */
function answerUnreadableRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (socket.writable && !started) {
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      const body =
        "The request's address and headers are longer than this server reads (16 KB): shorten the address (its query string), or clear this site's cookies.\n";
      socket.write(
        `HTTP/1.1 431 Request Header Fields Too Large\r\n${ERROR_HEADERS}Content-Type: text/plain; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.write(`HTTP/1.1 408 Request Timeout\r\n${ERROR_HEADERS}Connection: close\r\n\r\n`);
    } else if (error.code !== 'ECONNRESET') {
      socket.write(`HTTP/1.1 400 Bad Request\r\n${ERROR_HEADERS}Connection: close\r\n\r\n`);
    }
  }
  socket.destroy();
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
