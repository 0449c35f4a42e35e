// The accessibility browser tests' set-up: a stack and a page with axe-core in it, and the sweep each page gets at
// 320, 375 and 1280 px, light and dark, with every <details> and tooltip open: sideways scrolling, tables cut off,
// broken names, axe. The org's username is a long one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openEveryDetails, releaseBrowser } from './browser.ts';
import { signInAtEmulator } from './pages.ts';
import { startTestStack, type TestStack } from './stack.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * One full axe run per page (1280 px, light); the other three combinations run only the rules whose outcome they can
 * change. The dark theme changes colours only (custom properties in both style sheets): contrast. The phone width
 * restyles some text (claim meanings turn muted) and changes what overflows, what scrolls and target sizes: contrast
 * in both themes, the size rules in one, since no theme changes a size.
 */
const WIDTH_RULES = ['color-contrast', 'scrollable-region-focusable', 'target-size'];
const COMBINATIONS = [
  { width: 1280, colorScheme: 'light', rules: undefined },
  { width: 1280, colorScheme: 'dark', rules: ['color-contrast'] },
  { width: 375, colorScheme: 'dark', rules: WIDTH_RULES },
  { width: 320, colorScheme: 'light', rules: ['color-contrast'] },
] as const;

/** A username as long as real ones get, one word that cannot break at a space. */
const LONG_USERNAME = 'jonathan.richardson-integration@examplecorp.com.fullcopy';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

export interface A11yBrowser {
  stack: TestStack;
  /** null when Chromium is missing (the tests then skip, except in CI). */
  browser: Browser | null;
  page: Page;
  /**
   * Opens every <details> and shows every tooltip, then for each combination measures the page's width against
   * the screen's (320 and 375 px: the narrowest WCAG 1.4.10 asks for, and a common phone), looks for table names
   * broken across lines, and runs axe. Returns the problems, each naming the page and the combination.
   */
  problemsOf(name: string): Promise<string[]>;
  /** Goes to `url` and returns `problemsOf` it, named by its path unless named otherwise. */
  visit(url: string, name?: string): Promise<string[]>;
}

/**
 * Inside a describe: the stack and page above, started before its tests and closed after. With `signedIn`, the page
 * then signs in through the web server flow and stays on its result, as the earlier tests of a learner's visit leave it.
 */
export function a11yBrowser({ signedIn = false } = {}): A11yBrowser {
  const ui = {
    browser: null,
    problemsOf: async (name: string): Promise<string[]> => {
      const page = ui.page;
      await openEveryDetails(page);
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = '.tooltip { display: block !important; }';
        document.head.append(style);
      });
      const problems: string[] = [];
      for (const { width, colorScheme, rules } of COMBINATIONS) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        const where = `${name} at ${width} px, ${colorScheme}`;
        const { overflow, violations, broken, cut } = await page.evaluate(async (only) => {
          type Axe = { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> };
          const axe = (window as unknown as { axe: Axe }).axe;
          const runOnly = only ? { runOnly: { type: 'rule', values: only } } : {};
          // Without selectors axe skips naming elements uniquely (a sixth of this sweep's CPU, measured); a violation
          // to report is named by a second run, with them.
          const options = { ...runOnly, resultTypes: ['violations'] };
          let found = await axe.run(document, { ...options, selectors: false });
          if (found.violations.length > 0) found = await axe.run(document, options);
          // Claim and parameter names, and the headers above them, are read on one line, never a letter a line; so
          // are the flows named by the Setup guide's table of setting names.
          const names =
            '.claims thead th, .claims tbody th code, .params thead th, .params tbody th code, .settings-map th';
          const broken = [...document.querySelectorAll(names)].filter((element) => {
            if (element.getBoundingClientRect().width <= 1) return false; // visually hidden, for screen readers
            const range = document.createRange();
            range.selectNodeContents(element);
            return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
          });
          // A table of the page's own text fits its box: a column cut off at the edge hides on a phone what the
          // reader came for. (A query result is the org's data, as wide as it is: its box scrolls on purpose.)
          const cut = [...document.querySelectorAll('.table-wrap:not(.query-result)')]
            .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
            .map((wrap) => wrap.getAttribute('aria-label') ?? wrap.className);
          return {
            cut,
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            violations: found.violations as AxeViolation[],
            broken: broken.map((element) => element.textContent ?? ''),
          };
        }, rules);
        if (width < 1280 && overflow > 0) problems.push(`${where}: ${overflow} px wider than the screen`);
        for (const table of width < 1280 ? cut : [])
          problems.push(`${where}: "${table}" is cut off at its edge`);
        for (const name of broken) problems.push(`${where}: "${name}" breaks across lines`);
        // Every impact counts, moderate and minor too: the pages have none, and a new one is cheaper to fix at once.
        for (const v of violations) {
          const nodes = v.nodes.map((node) => node.target.join(' ')).join(', ');
          problems.push(`${where}: ${v.id} (${v.impact}) ${v.help} at ${nodes}`);
        }
      }
      return problems;
    },
    visit: async (url: string, name = url.replace(/^https:\/\/[^/]+/, '')) => {
      await ui.page.goto(url);
      return ui.problemsOf(name);
    },
  } as A11yBrowser;

  before(async () => {
    // A real org's username is often this long (a sandbox's adds its name): every page is swept with one.
    ui.stack = await startTestStack({ SF_USERNAME: LONG_USERNAME });
    ui.browser = await launchBrowser();
    if (!ui.browser) return;
    // axe comes into every page as a script, which the pages' CSP would rightly refuse.
    const context = await ui.browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true });
    await context.addInitScript(axeSource);
    ui.page = await context.newPage();
    if (!signedIn) return;
    await ui.page.goto(`${ui.stack.appUrl}/flows/web-server/start`);
    await signInAtEmulator(ui.page, ui.stack);
    await ui.page.waitForURL(`${ui.stack.appUrl}/result`);
  });
  after(async () => {
    await releaseBrowser(ui.browser);
    await ui.stack?.close();
  });
  return ui;
}
