// Take it home, in Chromium: every call of a real result page, copied after Reveal, runs in a shell against the
// emulator and answers as its transcript says; the final token's jsforce and Python snippets print the query rows.
// (npm test balances its browser groups on this file taking about 11 s alone.)
import assert from '../support/assert.ts';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, NO_BROWSER_MESSAGE, openEveryDetails, releaseBrowser } from '../support/browser.ts';
import { revealedCopies, signInAtEmulator } from '../support/pages.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

/** Debian's interpreter, the one python3-requests installs into (a pyenv python3 on PATH may lack it). */
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);

interface Answer {
  status: number;
  body: string;
}

describe('copied requests run as copied', () => {
  let stack: TestStack;
  let browser: Browser | null;
  let page: Page;
  /** Where snippets run: the playground's folder as a learner has it (certs/ and node_modules/ there). */
  let workDir: string;

  before(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    workDir = mkdtempSync(path.join(os.tmpdir(), 'take-home-'));
    symlinkSync(path.join(TEST_ROOT, 'certs'), path.join(workDir, 'certs'));
    symlinkSync(path.resolve('node_modules'), path.join(workDir, 'node_modules'));
    if (!browser) return;
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Clicks a copy control and returns what landed on the clipboard, once the page says it copied. */
  const copy = async (box: Locator, button: Locator): Promise<string> => {
    const status = box.locator('.copy-status');
    await status.evaluate((element) => (element.textContent = ''));
    // The element itself: a renewing control changes its name once it has renewed.
    const control = await button.elementHandle();
    assert.ok(control, 'the copy control');
    await control.click();
    await assert.doesNotReject(
      status.filter({ hasText: /^Copied the / }).waitFor(),
      'the page says it copied',
    );
    assert.ok(await control.evaluate((element) => element === document.activeElement), 'focus stays on it');
    return page.evaluate(() => navigator.clipboard.readText());
  };

  /** Runs a copied curl command as a shell would, with curl reporting the status after the body. */
  const curl = async (script: string): Promise<Answer> => {
    const report = `curl() { command curl --silent --show-error --write-out '\\n%{http_code}' "$@"; }\n`;
    const { stdout } = await run('bash', ['-c', report + script], { cwd: workDir });
    const cut = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
  };

  const save = (name: string, text: string) => {
    writeFileSync(path.join(workDir, name), text);
    return name;
  };

  /** What each leg of a result page must answer when its copied curl command runs again. */
  const expectations = (spentCode: boolean): Record<string, (answer: Answer) => void> => ({
    'pre-flight': ({ status, body }) => {
      assert.equal(status, 200);
      assert.match(body, /<button type="submit">Log In<\/button>/);
    },
    token: ({ status, body }) => {
      if (spentCode) {
        assert.equal(status, 400);
        assert.deepEqual(JSON.parse(body), {
          error: 'invalid_grant',
          error_description: 'expired authorization code',
        });
      } else {
        assert.equal(status, 200);
        assert.equal(JSON.parse(body).instance_url, stack.instanceUrl);
      }
    },
    discovery: ({ status, body }) => {
      assert.equal(status, 200);
      assert.equal(JSON.parse(body).issuer, stack.emulatorUrl);
    },
    jwks: ({ status, body }) => {
      assert.equal(status, 200);
      assert.equal(JSON.parse(body).keys[0].kty, 'RSA');
    },
    identity: ({ status, body }) => {
      assert.equal(status, 200);
      assert.equal(JSON.parse(body).username, stack.config.username);
    },
    versions: ({ status, body }) => {
      assert.equal(status, 200);
      assert.equal(JSON.parse(body).at(-1).version, '68.0');
    },
    query: ({ status, body }) => {
      assert.equal(status, 200);
      assert.ok(JSON.parse(body).records.some((record: { Name: string }) => record.Name === 'Acme Inc.'));
    },
  });

  /**
   * Every call on the result page: Reveal, copy as curl, run. The commands run together, but a spent code runs
   * last: replaying it revokes the tokens it gave, as the page warns.
   */
  const runEveryCall = async (spentCode: boolean): Promise<string[]> => {
    const expected = expectations(spentCode);
    await openEveryDetails(page, '.transcript details');
    const calls = await page
      .locator('.transcript > li')
      .filter({ has: page.locator('[data-snippets]') })
      .all();
    const copied: { name: string; script: string; spent: boolean }[] = [];
    for (const leg of calls) {
      const name = (await leg.getAttribute('data-leg')) ?? '';
      assert.ok(expected[name], `a leg this test does not know: ${name}`);
      await leg.getByRole('button', { name: /^Reveal secrets of / }).click();
      await leg.getByRole('button', { name: /^Hide secrets of / }).waitFor();
      const box = leg.locator('[data-snippets]');
      // A spent code's copy control starts a new login (its own test): the spent request is read as shown.
      const renewsByLogin = (await box.getAttribute('data-fresh')) === 'code';
      const script = renewsByLogin
        ? await box.locator('pre[data-snippet="curl"]').evaluate((pre) => pre.textContent ?? '')
        : await copy(box, box.getByRole('button', { name: /request as curl/ }));
      assert.ok(!script.includes('•') && !script.includes('<the '), `${name}: real values only`);
      const fresh = await box.getAttribute('data-fresh');
      const spent = (await leg.locator('.spent').count()) > 0 && (!fresh || renewsByLogin);
      copied.push({ name, script, spent });
    }
    const runAll = (which: typeof copied) =>
      Promise.all(which.map(async ({ name, script }) => expected[name](await curl(script))));
    await runAll(copied.filter((call) => !call.spent));
    await runAll(copied.filter((call) => call.spent));
    return [...copied.filter((call) => !call.spent), ...copied.filter((call) => call.spent)].map(
      (call) => call.name,
    );
  };

  test('before Reveal a copy says it holds placeholders, and copies them with the lines that set them', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/flows/web-server/start`);
    await signInAtEmulator(page, stack);
    await page.waitForURL(`${stack.appUrl}/result`);
    // The words around the token say what Reveal does, and name the tutorial they mention.
    const tutorial = page.getByRole('link', { name: 'JitendraZaa/JWTDemo' });
    assert.equal(await tutorial.getAttribute('href'), 'https://github.com/JitendraZaa/JWTDemo');
    assert.match(
      await page.locator('dd', { hasText: 'kept in your session only' }).innerText(),
      /only Reveal on the token request below shows it, to you/,
    );
    const box = page.locator('#take-home-token');
    await box.locator('summary').click();
    const button = box.getByRole('button', {
      name: 'Copy query with the access token as curl, with placeholders',
    });
    assert.match(
      await box.locator('.copy-note').innerText(),
      /^Copies placeholders \(\$SF_ACCESS_TOKEN\) with the lines that set them/,
    );
    const script = await copy(box, button);
    assert.match(script, /^export SF_ACCESS_TOKEN='<the access token>'$/m);
    assert.match(script, /^ {2}-H "Authorization: Bearer \$SF_ACCESS_TOKEN" \\$/m);
    assert.match(script, /^curl --cacert certs\/server\.crt --get /m);
    const answer = await curl(script);
    assert.equal(answer.status, 401, 'a placeholder is no token');
  });

  test('the final token as curl, jsforce and Python prints the same query rows', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const hasRequests = spawnSync(PYTHON, ['-c', 'import requests']).status === 0;
    assert.ok(hasRequests, `${PYTHON} cannot import requests: apt-get install -y python3-requests`);
    await page.getByRole('button', { name: 'Reveal the access token' }).click();
    await page.getByRole('button', { name: 'Hide the access token' }).waitFor();
    const box = page.locator('#take-home-token');
    const copyAs = (label: string) =>
      copy(
        box,
        box.getByRole('button', { name: `Copy query with the access token as ${label}, with your values` }),
      );

    const answer = await curl(await copyAs('curl'));
    assert.equal(answer.status, 200);
    const rows = (JSON.parse(answer.body).records as Record<string, unknown>[]).map(
      ({ attributes: _attributes, ...row }) => row,
    );
    assert.ok(rows.some((row) => row.Name === 'Acme Inc.'));

    const jsforce = await copyAs('jsforce');
    assert.match(jsforce, /^https\.globalAgent\.options\.ca = readFileSync\('certs\/server\.crt'\);$/m);
    // No NODE_EXTRA_CA_CERTS: the snippet trusts the emulator's certificate by itself.
    const node = await run(process.execPath, [save('query.mjs', jsforce)], {
      cwd: workDir,
      env: { PATH: '' },
    });
    assert.deepEqual(
      node.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
      rows,
    );

    const python = await copyAs('Python');
    assert.match(python, /^ {4}verify=CA_FILE,$/m);
    const script = await run(PYTHON, [save('query.py', python)], { cwd: workDir, env: { PATH: '' } });
    assert.deepEqual(
      script.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
      rows,
    );
  });

  test("web server flow: the spent code's copy control logs in again, and the handed-over exchange gets a token once", async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const token = page.locator('.transcript > li[data-leg="token"]');
    await token.locator('summary').first().click();
    assert.match(await token.locator('summary').first().innerText(), / · spent authorization code$/);
    const box = await revealedCopies(token, 'token request');
    await box
      .getByRole('button', { name: 'New login, then copy token request as curl, with your values' })
      .click();
    // Signed in at the emulator and approved already: Salesforce sends the browser straight back.
    await page.waitForURL(`${stack.appUrl}/flows/web-server#handed-over`);
    // Placeholders in the page, as everywhere: Reveal brings the code and the app's own values.
    await page.getByRole('button', { name: 'Reveal secrets of the code exchange' }).click();
    await page.getByRole('button', { name: 'Hide secrets of the code exchange' }).waitFor();
    const handedOver = page.locator('#take-home-handed-over-exchange');
    const script = await copy(
      handedOver,
      handedOver.getByRole('button', { name: 'Copy code exchange as curl, with your values' }),
    );
    const answer = await curl(script);
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).instance_url, stack.instanceUrl);
    assert.equal((await curl(script)).status, 400, 'a code works once');
    // Back to the earlier sign-in, unchanged, with its token revealed again for the next test.
    await page.goto(`${stack.appUrl}/result`);
    await page.getByRole('button', { name: 'Reveal the access token' }).click();
    await page.getByRole('button', { name: 'Hide the access token' }).waitFor();
    await page.locator('#take-home-token summary').click();
  });

  test('web server flow: every call, copied as curl after Reveal, answers as the transcript says', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const query = await page.locator('#take-home-token pre[data-snippet="curl"]').innerText();
    const ran = await runEveryCall(true);
    assert.deepEqual(ran, ['pre-flight', 'discovery', 'jwks', 'identity', 'versions', 'query', 'token']);
    assert.equal(
      (await curl(query)).status,
      401,
      'the replayed code took its tokens back, as the page warned',
    );
  });

  test('JWT bearer: the spent assertion is renewed by one click and the copy gets a token', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/flows/jwt`);
    await page.getByRole('button', { name: 'Run the JWT bearer flow' }).click();
    await page.waitForURL(`${stack.appUrl}/result`);
    const token = page.locator('.transcript > li[data-leg="token"]');
    await token.locator('summary').first().click();
    assert.match(await token.locator('summary').first().innerText(), / · spent assertion$/);
    const box = await revealedCopies(token, 'token request');
    assert.match(await box.locator('.spent').innerText(), /^Spent assertion\. This app already sent/);
    const renew = box.getByRole('button', {
      name: 'New attempt and copy token request as curl, with your values',
    });
    const spent = await box.locator('pre[data-snippet="curl"]').innerText();
    const script = await copy(box, renew);
    assert.notEqual(script, spent);
    assert.match(await box.locator('.copy-note').innerText(), /^A new assertion, signed just now/);
    const answer = await curl(script);
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).instance_url, stack.instanceUrl);
    // Renewed once: the controls copy the new request from now on.
    await box.getByRole('button', { name: 'Copy token request as curl, with your values' }).waitFor();
  });
});
