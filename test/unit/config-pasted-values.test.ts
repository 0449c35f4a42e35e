// Values pasted where a path or a key belongs, as people write them in .env: a PEM key itself instead of its file
// (refused without printing it), a path starting with ~ or $HOME (which only a shell expands), and quote marks that
// stayed part of a key, secret or username.
import assert from '../support/assert.ts';
import os from 'node:os';
import { describe, test } from 'node:test';
import { configError, ORG, WITH_SECRET } from '../support/config-env.ts';

/** A made-up key body: what matters is that no line of it may reach a message. */
const BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
const LABEL = ['PRIVATE', 'KEY'].join(' ');
const pem = (label: string, breaks: string) =>
  `-----BEGIN ${label}-----${breaks}${BODY}${breaks}-----END ${label}-----`;

describe('loadConfig: values pasted in place of a path', () => {
  test('a PEM key given as SF_JWT_KEY_FILE is refused in one line that never shows it', () => {
    // Real line breaks (a quoted .env value), the two characters \n (a single line), and a trailing line break.
    for (const value of [pem(LABEL, '\n'), pem(LABEL, '\\n'), `${pem(LABEL, '\n')}\n`]) {
      const message = configError({ SF_JWT_KEY_FILE: value });
      assert.equal(
        message,
        'SF_JWT_KEY_FILE holds a PEM key or certificate itself, not the path of a file: save it in a file (e.g. certs/my-jwt.key) and set SF_JWT_KEY_FILE to that path.',
      );
      assert.ok(!message.includes(BODY), 'the key is never printed');
    }
  });

  test('a PEM certificate given as NODE_EXTRA_CA_CERTS is refused in one line', () => {
    const message = configError({ ...WITH_SECRET, NODE_EXTRA_CA_CERTS: pem('CERTIFICATE', '\n') });
    assert.match(
      message,
      /^NODE_EXTRA_CA_CERTS holds a PEM key or certificate itself, not the path of a file/,
    );
    assert.ok(!message.includes(BODY));
  });

  test('a path starting with ~ or $HOME is refused with the full path, not made a folder named "~"', () => {
    const home = os.homedir();
    assert.equal(
      configError({ EMULATOR_DATA_DIR: '~/sf-data' }),
      `EMULATOR_DATA_DIR "~/sf-data" starts with ~, which only a shell expands (Node does not, in .env or elsewhere): write the whole path, ${home}/sf-data.`,
    );
    assert.match(
      configError({ SF_JWT_KEY_FILE: '~/keys/jwt.key' }),
      /^SF_JWT_KEY_FILE "~\/keys\/jwt\.key" starts with ~, .*: write the whole path, .*\/keys\/jwt\.key\.$/,
    );
    for (const value of ['$HOME/keys/jwt.key', '${HOME}/keys/jwt.key']) {
      assert.equal(
        configError({ SF_JWT_KEY_FILE: value }),
        `SF_JWT_KEY_FILE "${value}" starts with a shell variable, which Node does not expand in .env: write the whole path, ${home}/keys/jwt.key.`,
      );
    }
    assert.match(
      configError({ ...WITH_SECRET, NODE_EXTRA_CA_CERTS: '~/proxy-root.pem' }),
      /^NODE_EXTRA_CA_CERTS "~\/proxy-root\.pem" starts with ~/,
    );
  });
});

describe('loadConfig: quote marks kept in a value', () => {
  // A quote that does not close on its line is kept by Node's .env reader as part of the value.
  test('a consumer key, secret or username with a quote mark at either end is refused', () => {
    assert.match(
      configError({ ...ORG, SF_CLIENT_ID: '"3MVG9abc' }),
      /^SF_CLIENT_ID starts or ends with a quote mark, which is then part of the value: /,
    );
    const secret = configError({ ...ORG, SF_CLIENT_SECRET: "'ABCDEF0123" });
    assert.match(secret, /^SF_CLIENT_SECRET starts or ends with a quote mark/);
    assert.ok(!secret.includes('ABCDEF0123'), 'the secret is never printed');
    assert.match(
      configError({ ...WITH_SECRET, SF_USERNAME: 'me@acme.com"' }),
      /^SF_USERNAME starts or ends with a quote mark/,
    );
  });
});
