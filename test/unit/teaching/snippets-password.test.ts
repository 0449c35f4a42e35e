// A password this app never keeps, in the shell copy: checked, never set over the one the learner exported, and the
// command stops before sending when it is unset, even pasted into an interactive shell.
import assert from '../../support/assert.ts';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { curlSnippet, POSIX_SHELL_LINE } from '../../../server/teaching/snippets/curl.ts';
import { pythonSnippet } from '../../../server/teaching/snippets/python.ts';
import { legRequest } from '../../../server/teaching/snippets/request.ts';
import * as legs from './snippet-fixtures.ts';

describe('curl snippets: the password', () => {
  test('a password this app never kept is checked after Reveal, never set over the one the learner exported', () => {
    const text = curlSnippet(legRequest(legs.passwordGrant), { ...legs.EMULATOR, reveal: true });
    assert.ok(
      text.startsWith(
        `${POSIX_SHELL_LINE}\n` +
          '# Run it from the playground folder, where certs/ is.\n# Your own values where this app kept them, export the others yourself first: this app never keeps them.\n',
      ),
    );
    assert.match(text, /^export SF_CLIENT_SECRET=local-emulator-consumer-secret$/m);
    assert.ok(
      text.includes(
        `: "\${SF_PASSWORD:?is not set: read -rs SF_PASSWORD && export SF_PASSWORD first, then type the password followed by the security token}" &&\ncurl `,
      ),
    );
    assert.doesNotMatch(text, /^export SF_PASSWORD=/m);
    assert.ok(!text.includes('(not kept)'));
    // Run by bash: the exported password is the one sent; without it, curl never runs and the message says why.
    const run = (env: Record<string, string>) =>
      spawnSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }\n${text}`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...env },
      });
    const withPassword = run({ SF_PASSWORD: 'hunter2TOKEN' });
    assert.equal(withPassword.status, 0, withPassword.stderr);
    assert.match(withPassword.stdout, /^password=hunter2TOKEN$/m);
    const without = run({});
    assert.notEqual(without.status, 0);
    assert.equal(without.stdout, '');
    assert.match(
      without.stderr,
      /SF_PASSWORD: is not set: read -rs SF_PASSWORD && export SF_PASSWORD first, then type the password followed by the security token/,
    ); // Pasted into an interactive shell, which a failed check does not end: the && still keeps curl from running.
    for (const shell of [
      ['bash', '--norc', '--noprofile', '-i'],
      ['sh', '-i'],
    ]) {
      const pasted = spawnSync(shell[0], shell.slice(1), {
        input: `curl() { echo CURL-RAN; }\n${text}\necho PASTE-ENDED\n`,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      });
      // bash goes on to the next pasted line; dash ends the shell there. Neither runs curl.
      if (shell[0] === 'bash') assert.match(pasted.stdout, /PASTE-ENDED/);
      assert.doesNotMatch(pasted.stdout, /CURL-RAN/, shell[0]);
    }
    // Before Reveal too: the password is never set over the learner's own.
    const before = curlSnippet(legRequest(legs.passwordGrant), { ...legs.EMULATOR, reveal: false });
    assert.doesNotMatch(before, /^export SF_PASSWORD=/m);
    assert.match(before, /^: "\$\{SF_PASSWORD:\?is not set/m);
  });

  test('typed at read -rs as the copies say, a password with quotes and dollars reaches the request as typed', () => {
    const text = curlSnippet(legRequest(legs.passwordGrant), { ...legs.EMULATOR, reveal: true });
    const password = `pa$s wo'rd"!\\x TOKEN`;
    const typed = spawnSync(
      'bash',
      ['-c', `read -rs SF_PASSWORD && export SF_PASSWORD\ncurl() { printf '%s\\n' "$@"; }\n${text}`],
      { input: `${password}\n`, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    assert.equal(typed.status, 0, typed.stderr);
    assert.ok(typed.stdout.split('\n').includes(`password=${password}`), typed.stdout);
    // The Python copy, unset, stops with the same advice rather than a KeyError's traceback.
    const python = pythonSnippet(legRequest(legs.passwordGrant), { ...legs.EMULATOR, reveal: true });
    const withoutRequests =
      'import sys, types\nsys.modules["requests"] = types.ModuleType("requests")\nexec(sys.stdin.read())';
    const unset = spawnSync('python3', ['-c', withoutRequests], {
      input: python,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    assert.equal(unset.status, 1);
    assert.match(
      unset.stderr,
      /^SF_PASSWORD is not set: read -rs SF_PASSWORD && export SF_PASSWORD, then type the password/,
    );
    assert.doesNotMatch(unset.stderr, /Traceback/);
  });
});
