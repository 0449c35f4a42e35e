// Take it home, in Chromium: the final token's copies. Before Reveal they hold placeholders, read from the shell;
// after it, curl, jsforce and Python run in a shell against the emulator and print the same query rows.
// (npm test balances its browser groups on this file taking about 6 s alone.)
import assert from '../support/assert.ts';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { signInAtEmulator } from '../support/pages.ts';
import { run, takeHomeBrowser } from '../support/take-home.ts';

/** Debian's interpreter, the one python3-requests installs into (a pyenv python3 on PATH may lack it). */
const PYTHON = '/usr/bin/python3';

describe('copied requests run as copied', () => {
  const home = takeHomeBrowser();
  const { copy, curl } = home;

  const save = (name: string, text: string) => {
    writeFileSync(path.join(home.workDir, name), text);
    return name;
  };

  test('before Reveal a copy says it holds placeholders, read from the shell, and stops when one is unset', async (t) => {
    const { browser, page, stack } = home;
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
      name: 'Copy query with the access token as curl, with variables from your shell',
    });
    assert.match(
      await box.locator('.copy-note').innerText(),
      /^Copies variables read from your shell \(\$SF_ACCESS_TOKEN\): export them first/,
    );
    const script = await copy(box, button);
    assert.match(
      script,
      /^: "\$\{SF_ACCESS_TOKEN:\?is not set: read -rs SF_ACCESS_TOKEN && export SF_ACCESS_TOKEN first, then paste the access token, Reveal on the playground shows it\}" &&$/m,
    );
    assert.match(script, /^ {2}-H "Authorization: Bearer \$SF_ACCESS_TOKEN" \\$/m);
    assert.match(script, /^curl --cacert certs\/server\.crt --get /m);
    // Run as copied: unset, the shell stops it before curl; exported, it is what goes (here no live token).
    await assert.rejects(curl(script), /SF_ACCESS_TOKEN: is not set/);
    const answer = await curl(`export SF_ACCESS_TOKEN=not-a-live-token\n${script}`);
    assert.equal(answer.status, 401, 'the exported value went, not a placeholder over it');
  });

  test('the final token as curl, jsforce and Python prints the same query rows', async (t) => {
    const { browser, page, workDir } = home;
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
});
