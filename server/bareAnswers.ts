// Answers written by hand, before Express sees a request: plain HTTP on the HTTPS port, and requests Node cannot
// read (too long, malformed, too slow). Each carries the guard headers every Express answer has.
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

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
export function redirectPlainHttp(error: NodeJS.ErrnoException, socket: Socket, url: string): void {
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
 * what the server reads (maxHeaderSize), which Node answers with a bare 431.
 */
export function answerUnreadableRequest(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  maxHeaderSize: number,
): void {
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (socket.writable && !started) {
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      const body = `The request's address and headers are longer than this server reads (${maxHeaderSize / 1024} KB): shorten the address (its query string), or clear this site's cookies.\n`;
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
