// The Content Security Policy of both servers allows no inline style, no style or font from another origin, and no
// framing at all; and Chromium, running every flow under it, reports no violation (so nothing needs more).
// (npm test balances its browser groups on this file taking about 6 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { everyFlowBrowser, type EveryFlowBrowser } from '../support/flowDriver.ts';
import { TestClient } from '../support/http.ts';
import type { FlowName } from '../../server/attempts/attempt.ts';

/** Each directive of a CSP header, by name. */
function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

/** Violations reported in the page, as the browser's securitypolicyviolation events give them. */
async function watchViolations(ui: EveryFlowBrowser): Promise<string[]> {
  const seen: string[] = [];
  const context = ui.page.context();
  await context.exposeBinding('reportCspViolation', (_source, text: string) => seen.push(text));
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI} at ${event.documentURI}`,
      ),
    ),
  );
  return seen;
}

describe('a strict Content Security Policy', () => {
  const ui = everyFlowBrowser();
  const client = new TestClient();

  test('app and emulator answers allow no inline or foreign style or font, and no framing', async () => {
    const { appUrl, emulatorUrl } = ui.stack;
    const answers = [
      `${appUrl}/`,
      `${appUrl}/no/such/page`,
      `${appUrl}/css/app.css`,
      `${appUrl}/oauthcallback.html`,
      `${appUrl}/setup/jwt.crt`,
      `${emulatorUrl}/`,
      `${emulatorUrl}/setup`,
      `${emulatorUrl}/emulator-assets/emulator.css`,
      `${emulatorUrl}/services/oauth2/token`,
      `${emulatorUrl}/services/data/`,
    ];
    for (const url of answers) {
      const response = await client.get(url);
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy') ?? '';
      const policy = directives(csp);
      assert.doesNotMatch(csp, /unsafe-inline/, url);
      assert.equal(policy.get('style-src'), "'self'", `style-src of ${url}: ${csp}`);
      assert.equal(policy.get('font-src'), "'self'", `font-src of ${url}: ${csp}`);
      assert.equal(policy.get('frame-ancestors'), "'none'", `frame-ancestors of ${url}: ${csp}`);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', url);
    }
  });

  test('every flow, its result and the emulator pages on the way run without a CSP violation', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { page, flows, stack } = ui;
    const violations = await watchViolations(ui);
    const visit = async (target: Page, url: string) => {
      await target.goto(url);
      await target.waitForLoadState('load');
    };
    const order: FlowName[] = [
      'web-server',
      'refresh-token',
      'user-agent',
      'jwt',
      'client-credentials',
      'device',
      'username-password',
    ];
    for (const flow of order) {
      await visit(page, flows.flowUrl(flow));
      await flows.run(flow);
      assert.equal(new URL(page.url()).pathname, '/result', `${flow} ended at ${page.url()}`);
      // The transcript's legs opened, and the token revealed: what the page's scripts draw.
      for (const leg of await page.locator('.transcript > li').all())
        await leg.locator('summary').first().click();
      await page.getByRole('button', { name: 'Reveal the access token' }).click();
    }
    for (const path of ['/', '/setup', '/explain', '/no/such/page', '/oauthcallback.html'])
      await visit(page, `${stack.appUrl}${path}`);
    for (const path of ['/', '/setup', '/setup/connect']) await visit(page, `${stack.emulatorUrl}${path}`);
    assert.deepEqual(violations, []);
  });
});
