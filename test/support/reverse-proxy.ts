// A reverse proxy on this machine in front of the app, as a remote set-up puts one: Codespaces' port forwarding, a
// tunnel (ngrok, cloudflared) or an SSH forward, playing the browser's origin while the app listens elsewhere.
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { testCertsFolder } from './stack.ts';

export interface ProxyOptions {
  /** The loopback address it listens on: 127.0.0.2 plays another host, 127.0.0.1 a port-different localhost. */
  host?: string;
  /** The name the browser uses for it (the URL given back); defaults to `host`. */
  name?: string;
  /** Send X-Forwarded-Host/Proto/For, as Codespaces and ngrok do; an SSH forward sends none. */
  forwardedHeaders?: boolean;
  /**
   * Replace Host with the app's own (Codespaces, ngrok's --host-header=rewrite), or with the given one (nginx's
   * default, the proxy_pass address, e.g. 127.0.0.1:8081); else pass the browser's on.
   */
  rewriteHost?: boolean | string;
}

export interface ReverseProxy {
  /** The origin the browser uses, e.g. https://127.0.0.2:40123. */
  url: string;
  /** Where it forwards to: set once the app listens (the proxy starts first, so the callback can name it). */
  target: string;
  /** The Host and X-Forwarded-* headers of each request it passed on. */
  seen: Record<string, string | undefined>[];
  close(): Promise<void>;
}

export async function startReverseProxy(options: ProxyOptions = {}): Promise<ReverseProxy> {
  const host = options.host ?? '127.0.0.2';
  const certs = await testCertsFolder();
  const proxy: ReverseProxy = {
    url: '',
    target: '',
    seen: [],
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  const server = https.createServer(
    {
      key: readFileSync(path.join(certs, 'server.key')),
      cert: readFileSync(path.join(certs, 'server.crt')),
    },
    (req, res) => {
      const target = new URL(proxy.target);
      const headers = { ...req.headers };
      const browserHost = req.headers.host ?? '';
      if (options.rewriteHost) {
        headers.host =
          typeof options.rewriteHost === 'string' ? `${options.rewriteHost}:${target.port}` : target.host;
      }
      if (options.forwardedHeaders) {
        headers['x-forwarded-host'] = browserHost;
        headers['x-forwarded-proto'] = 'https';
        headers['x-forwarded-for'] = req.socket.remoteAddress;
      }
      proxy.seen.push({
        host: headers.host,
        'x-forwarded-host': headers['x-forwarded-host'] as string | undefined,
        path: req.url,
      });
      const upstream = https.request(
        {
          host: '127.0.0.1',
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          // The app's certificate names localhost; the proxy, like Codespaces', does not check it.
          rejectUnauthorized: false,
          servername: 'localhost',
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    },
  );
  server.listen(0, host);
  await once(server, 'listening');
  proxy.url = `https://${options.name ?? host}:${(server.address() as AddressInfo).port}`;
  return proxy;
}
