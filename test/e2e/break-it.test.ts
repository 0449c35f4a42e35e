// Every "break it" switch of every flow in Chromium, armed beside Run, to its explained error, with checks that
// agree with that error; the flows' successful runs are in every-flow.test.ts.
// (npm test balances its browser groups on this file taking about 19 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { FlowName } from '../../server/attempts/attempt.ts';
import { FAULTS } from '../../server/teaching/faults.ts';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { everyFlowBrowser } from '../support/flowDriver.ts';

/** What each switch must end on: the explanation's title, and checks whose state must agree with it. */
const EXPECTED: Record<string, { title: string; checks?: Record<string, 'pass' | 'fail' | 'skipped'> }> = {
  'jwt wrong-aud': { title: 'Wrong aud in the assertion' },
  'jwt expired-exp': { title: 'The assertion had already expired' },
  'jwt other-key': { title: 'Salesforce could not verify the assertion' },
  'jwt admin-approved-no-profile': { title: 'The user has not approved this app' },
  'jwt ip-restricted': {
    title: "The JWT bearer login came from an IP address the user's profile does not allow",
  },
  'web-server wrong-redirect-uri': {
    title: 'The redirect_uri of the exchange differs from the authorize request',
    checks: { state: 'pass', pkce: 'pass' },
  },
  'web-server replay-code': { title: 'The code was already used or is too old', checks: { state: 'pass' } },
  'web-server missing-verifier': {
    title: 'The PKCE verifier does not match the challenge',
    checks: { state: 'pass', pkce: 'skipped' },
  },
  'web-server tampered-state': {
    title: 'The callback did not come from a login this browser started',
    checks: { state: 'fail' },
  },
  'web-server callback-mismatch': { title: 'The callback URL does not match the app' },
  'web-server require-secret': {
    title: 'The app requires a client secret, and none was sent',
    checks: { state: 'pass', pkce: 'pass' },
  },
  'web-server require-pkce': { title: 'The app requires PKCE' },
  'web-server admin-approved-no-profile': { title: 'The user is not assigned to this admin-approved app' },
  'web-server app-blocked': { title: 'An administrator blocked this app' },
  'web-server ip-restricted': { title: 'The login came from an IP address the org does not allow' },
  'user-agent tampered-state': {
    title: 'The callback did not come from a login this browser started',
    checks: { state: 'fail' },
  },
  'user-agent user-agent-blocked': { title: 'The org most likely does not allow the user-agent flow' },
  'user-agent callback-mismatch': { title: 'The callback URL does not match the app' },
  'user-agent app-blocked': { title: 'An administrator blocked this app' },
  'client-credentials login-host': { title: 'The client credentials flow must call your My Domain' },
  'client-credentials wrong-secret': { title: 'The client secret is wrong' },
  'client-credentials no-run-as': { title: 'The app has no Run As user for client credentials' },
  'refresh-token reuse-refresh-token': { title: 'That refresh token no longer works' },
  'refresh-token revoked-refresh-token': { title: 'That refresh token no longer works' },
  'refresh-token wrong-secret': { title: 'The client secret is wrong' },
  'refresh-token no-secret': { title: 'The app requires the client secret to refresh, and none was sent' },
  'device poll-too-fast': { title: 'Polling too fast', checks: { interval: 'fail' } },
  'device rfc-grant-type': { title: "Salesforce's device flow has its own grant_type" },
  'device device-blocked': { title: 'The device flow is blocked for this app' },
  'username-password no-security-token': { title: 'Salesforce refused the username-password login' },
  'username-password wrong-password': { title: 'Salesforce refused the username-password login' },
};

/**
 * What the flow page shows after an attempt, read in one call inside the page: a locator per fact would cost a round
 * trip each, and these tests read eight facts on thirty-one pages.
 */
function shownAfterAttempt(page: Page) {
  return page.evaluate(() => {
    const checks: Record<string, string | null> = {};
    for (const check of document.querySelectorAll('[data-check]')) {
      checks[check.getAttribute('data-check') ?? ''] ??= check.getAttribute('data-state');
    }
    return {
      path: location.pathname,
      titles: [...document.querySelectorAll<HTMLElement>('.error-box h3')].map((title) => title.innerText),
      text: document.body.innerText,
      steps: [...document.querySelectorAll('.diagram-step')].map((step) => step.getAttribute('data-state')),
      checks,
      armed: document.querySelectorAll('.armed').length,
    };
  });
}

/**
 * Arms one switch as its form does (its box ticked, the form submitted) in one call inside the page, and returns the
 * box's label; teaching.test.ts opens the switches and presses Arm as a person does.
 */
function armInPage(page: Page, id: string) {
  return page.evaluate((value) => {
    const box = document.querySelector<HTMLInputElement>(`form.break-it input[value="${value}"]`);
    if (!box?.form) return undefined;
    box.checked = true;
    box.form.requestSubmit();
    return box.closest('label')?.textContent?.trim();
  }, id);
}

describe('every break-it switch in Chromium', () => {
  const ui = everyFlowBrowser();

  for (const [flow, options] of Object.entries(FAULTS) as [FlowName, (typeof FAULTS)[FlowName]][]) {
    for (const fault of options) {
      const expected = EXPECTED[`${flow} ${fault.id}`];
      test(`break it on ${flow}: ${fault.label}`, { timeout: 30_000 }, async (t) => {
        if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
        const { page, flows } = ui;
        assert.ok(expected, `an expectation for ${flow} ${fault.id}`);
        if (flow === 'refresh-token') {
          // A login with a refresh token, refreshed once so that rotation has replaced one.
          await page.goto(flows.flowUrl('web-server'));
          await flows.run('web-server');
          await page.goto(flows.flowUrl('refresh-token'));
          await flows.run('refresh-token');
        }
        // The previous switch of this flow ended on this page, as a person trying the next one would be.
        const here = new URL(page.url());
        if (`${here.origin}${here.pathname}` !== flows.flowUrl(flow)) await page.goto(flows.flowUrl(flow));
        assert.equal(await armInPage(page, fault.id), fault.label);
        // Arming lands on the Run control: the notice is in view, and the next Tab goes into the Run form. (Loaded
        // first: the browser scrolls to #run once the style sheets, checked on every load, are in.)
        await page.waitForURL((url) => url.hash === '#run', { waitUntil: 'load' });
        assert.match(await page.locator('.armed').innerText(), /Next attempt will:/);
        assert.ok(await page.locator('.armed').isVisible());
        assert.ok(await page.locator('.armed').evaluate((notice) => notice.getBoundingClientRect().top >= 0));
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => Boolean(document.activeElement?.closest('#run'))), true);
        // Polling too fast: two checks in a row before anyone allowed access.
        await flows.run(flow, { approve: fault.id !== 'poll-too-fast' });
        if (fault.id === 'poll-too-fast') {
          await page.getByRole('button', { name: 'Check now' }).click();
          await page.getByRole('button', { name: 'Check now' }).click();
          // The second check's page read once it has loaded, not while its head is still arriving.
          await page.waitForLoadState('load');
        }
        // Every switch ends on an explained error: its box is waited for, so a page still on its way (a device poll's
        // answer can navigate twice) is never read.
        await page.locator('.error-box h3').first().waitFor();
        const shown = await shownAfterAttempt(page);
        assert.equal(shown.path, `/flows/${flow}`);
        assert.ok(shown.titles.includes(expected.title), `${expected.title} in ${shown.titles.join(' | ')}`);
        assert.doesNotMatch(shown.text, /The last attempt succeeded/);
        // The panel says the failure was asked for, and the diagram marks where the flow stopped. A device flow told
        // to slow down goes on: armed, not failed.
        assert.match(
          shown.text,
          fault.id === 'poll-too-fast'
            ? /This attempt is still going[^]*This attempt was armed to \S+/
            : /This attempt failed on purpose: it was armed to \S+/,
        );
        assert.ok(shown.steps.includes('failed'), `a failed step in ${shown.steps.join(', ')}`);
        // The page opens on what happened: the error is on screen, not below the fold.
        if (fault.id !== 'poll-too-fast') {
          const errorTop = await page
            .locator('.error-box')
            .first()
            .evaluate((box) => box.getBoundingClientRect().top);
          const height = await page.evaluate(() => window.innerHeight);
          assert.ok(
            errorTop >= 0 && errorTop < height,
            `the error box at ${errorTop} px, the screen ${height} px high`,
          );
        }
        // On a phone the error's long codes and URLs wrap inside the page.
        const size = page.viewportSize();
        await page.setViewportSize({ width: 375, height: 700 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (size) await page.setViewportSize(size);
        assert.ok(overflow <= 0, `${overflow} px wider than a 375 px screen`);
        for (const [id, state] of Object.entries(expected.checks ?? {})) {
          assert.equal(shown.checks[id], state, id);
        }
        assert.equal(shown.armed, 0, 'the fault applied once');
      });
    }
  }
});
