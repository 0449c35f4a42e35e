// checkEnvFile reads .env beside what Node made of it: what Node's reader drops without a word (a value cut at #, a
// line it skips, a quote that runs on) stops start-up naming the variable; a shell value that beats the file's, a
// name set twice and a misspelt name are warnings. Never a value in a message: it may be a secret.
import assert from '../support/assert.ts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseEnv } from 'node:util';
import { checkEnvFile } from '../../server/envFile.ts';
import { VARIABLES } from '../../server/configVariables.ts';
import { loadConfig } from '../../server/config.ts';
import { tempFolders } from '../support/tempFolders.ts';

const tempDir = tempFolders('env-file-');

/** The report for this .env, with the environment as Node leaves it (the shell's values, then the file's). */
function report(text: string, shell: Record<string, string> = {}) {
  const file = path.join(tempDir(), '.env');
  writeFileSync(file, text);
  const { problem, warnings } = checkEnvFile(file, { ...parseEnv(text), ...shell });
  return {
    problem: problem?.replaceAll(file, '.env'),
    warnings: warnings.map((w) => w.replaceAll(file, '.env')),
  };
}

describe('checkEnvFile', () => {
  test('a # inside an unquoted value, which Node takes for a comment, stops start-up without the value', () => {
    const { problem } = report('PORT=0\r\nSF_CLIENT_SECRET=A1b2#c3D4   # from the app\r\n');
    assert.equal(
      problem,
      "SF_CLIENT_SECRET in .env (line 2) has a # inside its value, where Node's .env reader starts a comment and drops the rest: put the value in single quotes, SF_CLIENT_SECRET='…'",
    );
    assert.ok(!problem?.includes('A1b2'));
    assert.match(
      report('EMULATOR_PASSWORD=#secret\n').problem ?? '',
      /^EMULATOR_PASSWORD in .env \(line 1\) has a #/,
    );
    // A value holding a single quote (a SOQL text literal) is given quotes it does not hold: in single quotes, Node
    // would end it at its own first '.
    const query = "SELECT Id FROM Account WHERE Name = 'Acme#1'";
    const { problem: quoted } = report(`SF_SAMPLE_QUERY=${query}\n`);
    assert.match(quoted ?? '', /put the value in double quotes, SF_SAMPLE_QUERY="…"$/);
    assert.equal(parseEnv(`SF_SAMPLE_QUERY="${query}"`).SF_SAMPLE_QUERY, query, 'the advice works');
    const both = `SELECT Id FROM Contact WHERE Name = 'The "No#1"'`;
    assert.match(report(`SF_SAMPLE_QUERY=${both}\n`).problem ?? '', /in backquotes, SF_SAMPLE_QUERY=`…`$/);
    assert.equal(parseEnv(`SF_SAMPLE_QUERY=\`${both}\``).SF_SAMPLE_QUERY, both, 'the advice works');
    // After a space but inside a text literal the value opens: no comment either (Node cuts the query there).
    const literal = "SELECT Id FROM Account WHERE Name = 'Acme #1'";
    assert.equal(
      parseEnv(`SF_SAMPLE_QUERY=${literal}`).SF_SAMPLE_QUERY,
      "SELECT Id FROM Account WHERE Name = 'Acme",
    );
    assert.match(
      report(`SF_SAMPLE_QUERY=${literal}\n`).problem ?? '',
      /has a # inside its value.*in double quotes/,
    );
    assert.equal(
      report("SF_USERNAME=o'brien@acme.com # mine\n").problem,
      undefined,
      'an apostrophe, then a comment',
    );
    // A comment after a space, a quoted #, an empty value with a comment, CRLF line ends: all as meant.
    const fine = report(
      'SF_LOGIN_URL=https://login.salesforce.com   # production\r\nSF_CLIENT_SECRET=\'a#b\'\r\nSF_SCOPES="api #x"\r\nSF_CLIENT_ID= # none\r\n',
    );
    assert.deepEqual(fine, { problem: undefined, warnings: [] });
  });

  test('a line Node skips (set NAME=, lower case, a colon, no =, a tab) stops start-up naming the variable', () => {
    for (const line of [
      'set SF_LOGIN_URL=https://login.salesforce.com',
      'sf_login_url=https://login.salesforce.com',
      'SF_LOGIN_URL: https://login.salesforce.com',
      'SF_LOGIN_URL https://login.salesforce.com',
      'export  SF_LOGIN_URL=https://login.salesforce.com',
      // Tabs: Node's reader trims spaces around the name, not tabs, which then belong to the name.
      '\tSF_LOGIN_URL=https://login.salesforce.com',
      'SF_LOGIN_URL\t= https://login.salesforce.com',
    ]) {
      const { problem } = report(`PORT=0\n${line}\n`);
      // Node 22 and later may read some of these after all; then nothing is lost, and nothing is said.
      if (parseEnv(`${line}\n`).SF_LOGIN_URL !== undefined) continue;
      assert.equal(
        problem,
        'line 2 of .env is meant to set SF_LOGIN_URL, but Node does not read it so: write SF_LOGIN_URL=value (the name in capitals, nothing before it but "export ", no tabs, then =)',
        line,
      );
    }
    assert.deepEqual(report('export SF_LOGIN_URL=https://login.salesforce.com\n').problem, undefined);
    // A line inside a quoted value that runs over several lines is part of it, whatever it looks like.
    const query = 'SF_SAMPLE_QUERY="SELECT Id FROM Account\nport = 3\nLIMIT 5"\nSF_SCOPES=api\n';
    assert.equal(parseEnv(query).SF_SAMPLE_QUERY, 'SELECT Id FROM Account\nport = 3\nLIMIT 5');
    assert.deepEqual(report(query), { problem: undefined, warnings: [] });
  });

  test('a quote that closes only on a later line stops start-up, naming the variables it swallowed', () => {
    const text = 'SF_CLIENT_SECRET="A1b2c3\nSF_USERNAME="me@acme.com"\n';
    // Left to the configuration, which names what was read into the value (and never the value itself).
    assert.equal(report(text).problem, undefined);
    assert.throws(
      () => loadConfig({ SF_LOGIN_URL: 'https://login.salesforce.com', ...parseEnv(text) }, tempDir()),
      {
        message:
          'SF_CLIENT_SECRET runs over the lines after it in .env: SF_USERNAME was read as part of its value, as happens when a quote opens it and is not closed on its line. Close the quote there (or remove it), then start again.',
      },
    );
  });

  test('a shell value that beats the file, a name set twice, a misspelt name: warnings', () => {
    const { problem, warnings } = report(
      'SF_USERNAME=file@acme.com\nPORT=8081\nPORT=9000\nSF_LOGIN_URI=https://x.my.salesforce.com\nSF_CONSUMER_KEY=3MVG9x\nSF_ORG_ALIAS=dev\n',
      { SF_USERNAME: 'shell@acme.com' },
    );
    assert.equal(problem, undefined);
    assert.deepEqual(warnings, [
      '.env sets SF_LOGIN_URI, which the playground does not read: did you mean SF_LOGIN_URL?',
      '.env sets SF_CONSUMER_KEY, which the playground does not read: did you mean SF_CLIENT_ID?',
      "SF_USERNAME is set both in the shell and in .env: the shell's value counts, as Node never lets a .env file replace a variable already set. Unset it in the shell (unset SF_USERNAME) to use .env's",
      'PORT is set 2 times in .env (lines 2, 3): the last one counts',
    ]);
  });

  test('a .env saved as .env.txt (Notepad) stops start-up; no .env at all is fine', () => {
    const dir = tempDir();
    assert.deepEqual(checkEnvFile(path.join(dir, '.env'), {}), { warnings: [] });
    writeFileSync(path.join(dir, '.env.txt'), 'PORT=0\n');
    assert.match(
      checkEnvFile(path.join(dir, '.env'), {}).problem ?? '',
      /\.env\.txt but no .*\.env: rename it/,
    );
  });

  test('no .env, but settings in .env.example edited in place or in server/.env: a warning each', () => {
    const dir = tempDir();
    const file = path.join(dir, '.env');
    writeFileSync(
      path.join(dir, '.env.example'),
      '# Copy to .env\n# SF_LOGIN_URL=https://login.salesforce.com\n',
    );
    assert.deepEqual(checkEnvFile(file, {}), { warnings: [] }, 'the example as shipped: all commented out');
    writeFileSync(
      path.join(dir, '.env.example'),
      '# Copy to .env\nSF_LOGIN_URL=https://login.salesforce.com\nSF_CLIENT_ID=3MVG9x\nOTHER=1\n',
    );
    mkdirSync(path.join(dir, 'server'));
    writeFileSync(path.join(dir, 'server', '.env'), 'PORT=9000\n');
    assert.deepEqual(checkEnvFile(file, {}).warnings, [
      `${path.join(dir, '.env.example')} sets SF_LOGIN_URL, SF_CLIENT_ID, but the playground reads only ${file}: copy .env.example to .env and keep your values there`,
      `there is a .env in server/, where the playground does not look: move it to ${file}`,
    ]);
  });

  test('VARIABLES names exactly the variables .env.example explains', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const named = [...example.matchAll(/^# ([A-Z_]+)=/gm)].map((m) => m[1]);
    assert.deepEqual([...new Set(named)].sort(), [...VARIABLES].sort());
  });
});
