// Sends one HTTPS request exactly as written: paths are not normalised (../, %2e%2e stay), for traversal and
// malformed-input tests that a URL-parsing client would clean up before sending.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { TEST_ROOT } from './stack.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawRequest(origin: string, rawPath: string, init: RawInit = {}): Promise<RawResponse> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port: Number(port),
        path: rawPath,
        method: init.method ?? 'GET',
        // As a browser at https://localhost:<port> sends it (127.0.0.1 would be sent on to localhost first).
        headers: { host: `localhost:${port}`, ...init.headers },
        ca: readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt')),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}
