// Drives the app's JWT bearer flow as a browser does: Run (a form POST) and the result page it lands on.
import { BenchClient, csrfTokenOf } from './client.ts';
import type { BenchContext } from './context.ts';
import { appLikeAgent } from './context.ts';

export class JwtFlowDriver {
  readonly client: BenchClient;
  private csrf = '';

  constructor(
    /** The driver needs only the certificates (for its agent) and the playground's URL. */
    private readonly ctx: Pick<BenchContext, 'root' | 'stack'>,
    client?: BenchClient,
  ) {
    this.client = client ?? new BenchClient(appLikeAgent(ctx.root));
  }

  private url(pathname: string): string {
    return `${this.ctx.stack.ready.appUrl}${pathname}`;
  }

  /** The flow page once, for the first CSRF token. */
  async open(): Promise<void> {
    const page = await this.client.request(this.url('/flows/jwt'));
    this.csrf = csrfTokenOf(page.body);
  }

  /** Run → 303 → the result page; the page's own form gives the token for the next run. */
  async runToResult(): Promise<string> {
    const html = (await this.run(true)) as string;
    this.csrf = csrfTokenOf(html);
    return html;
  }

  /** Run without following to the result page: the visitor is signed in, the result page not yet shown. */
  async runOnly(): Promise<void> {
    await this.run(false);
    // A signed-in session has a new CSRF token; the flow page shows it without calling Salesforce.
    await this.open();
  }

  /** A form POST of the app with this session's CSRF token, answered by a 303 (not followed). */
  async post(pathname: string, form: Record<string, string>): Promise<void> {
    const answer = await this.client.request(this.url(pathname), 'POST', { _csrf: this.csrf, ...form });
    if (answer.status !== 303) throw new Error(`POST ${pathname} answered ${answer.status}`);
  }

  /** The result page of a working login: one whose token was refused (or its query) answers 200 too, faster. */
  async resultPage(): Promise<string> {
    const page = await this.client.request(this.url('/result'));
    if (page.status !== 200) throw new Error(`/result answered ${page.status}`);
    const title = /<title>([^<]*)<\/title>/.exec(page.body)?.[1] ?? '';
    if (!title.startsWith('Signed in') || title.includes('refused'))
      throw new Error(`/result is not a working login's page: "${title}"`);
    return page.body;
  }

  private async run(follow: boolean): Promise<string | undefined> {
    const posted = await this.client.request(this.url('/flows/jwt'), 'POST', { _csrf: this.csrf });
    if (posted.status !== 303 || posted.headers.location !== '/result') {
      throw new Error(`the JWT flow did not sign in: ${posted.status} to ${String(posted.headers.location)}`);
    }
    return follow ? this.resultPage() : undefined;
  }
}
