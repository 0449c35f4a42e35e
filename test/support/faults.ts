// Makes the emulator's own HTTPS server misbehave on purpose, on its real port: down, hanging, answering 5xx or an
// HTML page, or presenting a certificate the app does not trust. restore() undoes it. Races: held-requests.ts.
import { once } from 'node:events';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import https from 'node:https';
import selfsigned from 'selfsigned';
import type { ListeningServer } from '../../server/https.ts';

type Listener = (...args: unknown[]) => void;

export class EmulatorFaults {
  private readonly server: https.Server;
  private readonly port: number;
  private readonly handlers: Listener[];
  private impostor?: https.Server;
  private closed = false;
  private readonly held: ServerResponse[] = [];
  /** Requests that reached the server while it misbehaved, as `METHOD path` (cleared by restore). */
  readonly seen: string[] = [];

  constructor(listening: ListeningServer) {
    this.server = listening.server;
    this.port = listening.port;
    this.handlers = this.server.listeners('request') as Listener[];
  }

  /** Nothing listens on the port: connections are refused. */
  async down(): Promise<void> {
    await this.closeOriginal();
  }

  /**
   * Accepts every request and never answers it. Resolves `waiting` when the first one arrives; `openAtArrival`
   * says, for each request in turn, how many earlier ones the client was still waiting on when it came (requests
   * sent one after another find none: the client gave up on the earlier one first).
   */
  hang(): { waiting: Promise<void>; openAtArrival: number[] } {
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    const openAtArrival: number[] = [];
    this.replaceHandler((_req, res) => {
      openAtArrival.push(this.held.filter((earlier) => !earlier.socket?.destroyed).length);
      this.held.push(res);
      arrived();
    });
    return { waiting, openAtArrival };
  }

  /** Answers every request (or only those to `onlyPath`) with this status, type and body. */
  answer(status: number, contentType: string, body: string, onlyPath?: string): void {
    this.replaceHandler(
      (_req, res) => res.writeHead(status, { 'content-type': contentType }).end(body),
      onlyPath,
    );
  }

  /**
   * Holds each request to `onlyPath` (on `onlyHost`, when given) until `release()`, then serves it as usual; other
   * requests are served at once.
   */
  hold(onlyPath: string, onlyHost?: string): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    const held: [IncomingMessage, ServerResponse][] = [];
    this.replaceHandler((req, res) => {
      if (onlyHost && req.headers.host !== onlyHost) {
        for (const original of this.handlers) original(req, res);
        return;
      }
      held.push([req, res]);
      arrived();
    }, onlyPath);
    const release = () => {
      for (const [req, res] of held.splice(0)) for (const original of this.handlers) original(req, res);
    };
    return { arrived: waiting, release };
  }

  /**
   * Serves each request to `onlyPath` at once (its effects happen: a token is issued) but holds back its answer
   * until `release()`: a slow network on the way back.
   */
  holdAnswers(onlyPath: string): { answered: Promise<void>; release: () => void } {
    let answered!: () => void;
    const waiting = new Promise<void>((resolve) => (answered = resolve));
    const pending: (() => void)[] = [];
    let released = false;
    this.replaceHandler((req, res) => {
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        if (released) return end(...args);
        pending.push(() => end(...args));
        answered();
        return res;
      }) as ServerResponse['end'];
      for (const original of this.handlers) original(req, res);
    }, onlyPath);
    const release = () => {
      released = true;
      for (const send of pending.splice(0)) send();
    };
    return { answered: waiting, release };
  }

  /** The same port and the emulator's own handlers, behind a fresh self-signed certificate nobody trusts. */
  async untrustedCertificate(): Promise<void> {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName' as const, altNames: [{ type: 2 as const, value: 'localhost' }] }],
    });
    await this.closeOriginal();
    this.impostor = https.createServer({ key: pems.private, cert: pems.cert });
    for (const handler of this.handlers) this.impostor.on('request', handler);
    this.impostor.on('request', (req: IncomingMessage) => this.seen.push(`${req.method} ${req.url}`));
    this.impostor.listen(this.port, '127.0.0.1');
    await once(this.impostor, 'listening');
  }

  /** The real emulator again, on the same port, with its own handlers and certificate. */
  async restore(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.seen.length = 0;
    this.server.removeAllListeners('request');
    for (const handler of this.handlers) this.server.on('request', handler);
    if (this.impostor) {
      await closeServer(this.impostor);
      this.impostor = undefined;
    }
    if (this.closed) {
      this.server.listen(this.port, '127.0.0.1');
      await once(this.server, 'listening');
      this.closed = false;
    }
  }

  private replaceHandler(handler: RequestListener, onlyPath?: string): void {
    this.server.removeAllListeners('request');
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (onlyPath && new URL(req.url ?? '/', 'https://localhost').pathname !== onlyPath) {
        for (const original of this.handlers) original(req, res);
        return;
      }
      this.seen.push(`${req.method} ${req.url}`);
      handler(req, res);
    });
  }

  private async closeOriginal(): Promise<void> {
    await closeServer(this.server);
    this.closed = true;
  }
}

function closeServer(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would otherwise keep the port's old behaviour alive for the app.
    server.closeAllConnections();
  });
}
