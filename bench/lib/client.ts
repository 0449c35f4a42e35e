// A browser-like HTTPS client for the bench: one keep-alive connection pool, a cookie jar, redirects by hand.
import https from 'node:https';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class BenchClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly agent: https.Agent) {}

  request(url: string, method = 'GET', form?: Record<string, string>): Promise<Answer> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const headers: Record<string, string> = {};
    if (body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers, agent: this.agent }, (res) => {
        for (const line of res.headers['set-cookie'] ?? []) {
          const [pair] = line.split(';');
          const eq = pair.indexOf('=');
          this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Posts a form and follows the 303 the app answers with, as a browser does: the final page. */
  async submit(url: string, form: Record<string, string>): Promise<Answer> {
    const posted = await this.request(url, 'POST', form);
    if (posted.status !== 303) throw new Error(`POST ${url} answered ${posted.status}, not 303`);
    return this.request(new URL(String(posted.headers.location), url).toString());
  }
}

/** The CSRF token of the first form on a page. */
export function csrfTokenOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no form with a CSRF token on the page');
  return token;
}
