// A hostile or garbled .env value against start-up's own output: a configuration error stays one readable line, whose
// quoted value can neither drive the terminal (escape sequences, line breaks) nor fill it (a file pasted in).
import assert from '../support/assert.ts';
import { test } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { configError, ROOT } from '../support/config-env.ts';

const ESCAPES = '\u001b[2J\u001b]0;owned\u0007';

test("a value's control characters are written out, never sent to the terminal", () => {
  for (const env of <Record<string, string>[]>[
    { SF_SCOPES: `api ${ESCAPES}openid` },
    { EMULATOR_PUBLIC_URL: `${ESCAPES}https://example.com` },
    { PORT: `80${ESCAPES}` },
  ]) {
    const message = configError(env);
    // oxlint-disable-next-line no-control-regex -- the characters looked for
    assert.doesNotMatch(message, /[\u0000-\u001f\u007f-\u009f]/, message);
    assert.match(message, /\\u001b\[2J/, 'the escape is shown as text');
  }
});

test('a huge value is cut in the message, which still names the variable and ends with the fix', () => {
  for (const [env, fix] of [
    [
      { SF_SCOPES: `api|${'x'.repeat(1_000_000)}` },
      /separated by spaces, e\.g\. api refresh_token openid\.$/,
    ],
    [{ EMULATOR_PUBLIC_URL: `ftp://${'x'.repeat(1_000_000)}` }, /\.$/],
  ] as const) {
    const message = configError(env);
    assert.ok(message.length < 2000, `${message.length} characters`);
    assert.match(message, /^(SF_SCOPES|EMULATOR_PUBLIC_URL) "/);
    assert.match(message, fix);
  }
});

test('SF_SCOPES separated by tabs, line breaks or no-break spaces is sent with single spaces', () => {
  // The device flow sends SF_SCOPES as it is: a no-break space (copied from a web page) made one unknown scope.
  assert.equal(
    loadConfig({ SF_SCOPES: 'api\u00a0refresh_token\topenid' }, ROOT).scopes,
    'api refresh_token openid',
  );
  assert.equal(loadConfig({ SF_SCOPES: ' api  refresh_token ' }, ROOT).scopes, 'api refresh_token');
});
