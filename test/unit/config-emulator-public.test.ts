// EMULATOR_PUBLIC_URL: an https origin where a browser reaches the emulator's login host, refused with its fix when it
// is anything else, and used only for what a browser opens.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { browserLoginUrl, forBrowser } from '../../server/configPublic.ts';
import { configError, ORG, ROOT } from '../support/config-env.ts';

const PUBLIC = 'https://demo-8443.app.github.dev';
const APP = { SF_CALLBACK_URL: 'https://demo-8081.app.github.dev/oauthcallback.html' };

describe('EMULATOR_PUBLIC_URL', () => {
  test('unset, the browser opens the login host itself', () => {
    const config = loadConfig({}, ROOT);
    assert.equal(config.emulatorPublicUrl, undefined);
    assert.equal(browserLoginUrl(config), 'https://localhost:8443');
  });

  test('an origin is kept as the URL parser writes it, and only the login host moves there', () => {
    const config = loadConfig({ ...APP, EMULATOR_PUBLIC_URL: 'https://Demo-8443.app.github.dev/' }, ROOT);
    assert.equal(config.emulatorPublicUrl, PUBLIC);
    assert.equal(config.loginUrl, 'https://localhost:8443', 'the app still calls the emulator here');
    assert.equal(browserLoginUrl(config), PUBLIC);
    assert.equal(
      forBrowser(config, 'https://localhost:8443/services/oauth2/authorize?client_id=x'),
      `${PUBLIC}/services/oauth2/authorize?client_id=x`,
    );
    // Nothing else moves: not My Domain, nor a URL that merely starts like the login host.
    for (const other of ['https://127.0.0.1:8443/services/data', 'https://localhost:84430/x']) {
      assert.equal(forBrowser(config, other), other);
    }
    assert.deepEqual(
      config.warnings.filter((w) => w.startsWith('EMULATOR_PUBLIC_URL')),
      [],
      'with the app public too, nothing to warn about',
    );
  });

  test('anything but an https origin stops start-up, naming the variable and the fix', () => {
    const cases: [string, RegExp][] = [
      [
        'demo-8443.app.github.dev',
        /^EMULATOR_PUBLIC_URL "demo-8443.app.github.dev" is not a URL: set it to /,
      ],
      ['http://demo-8443.app.github.dev', /^EMULATOR_PUBLIC_URL ".*" must use https: set it to /],
      [
        `${PUBLIC}/services/oauth2/authorize`,
        /has a path: set it to the host only, https:\/\/demo-8443\.app\.github\.dev/,
      ],
      [`${PUBLIC}/?x=1`, /has a query: set it to the host only/],
      [
        'https://me:pw@demo-8443.app.github.dev',
        /"https:\/\/me:\*\*\*@demo.*" holds a user name or password/,
      ],
      [` ${PUBLIC}`, /has spaces around it: remove them/],
      ['https://[::1]:9443', /is an IPv6 address, which a page's Content-Security-Policy cannot name/],
      ['https://127.0.0.1:8443', /is the emulator's My Domain, not an address of its login host/],
      ['https://localhost:8081', /is the playground's own address \(PORT or SF_CALLBACK_URL\)/],
    ];
    for (const [value, message] of cases) {
      const error = configError({ EMULATOR_PUBLIC_URL: value });
      assert.match(error, message, value);
      assert.ok(error.includes('EMULATOR_PUBLIC_URL'), value);
      assert.ok(!error.includes(':pw@'), 'a password is never shown');
    }
    // The app's own public address (the callback's origin) is not the emulator's either.
    assert.match(
      configError({ ...APP, EMULATOR_PUBLIC_URL: 'https://demo-8081.app.github.dev' }),
      /is the playground's own address/,
    );
  });

  test('said at start-up where it cannot help: org mode, or a callback the same browser cannot reach', () => {
    const org = loadConfig({ ...ORG, EMULATOR_PUBLIC_URL: PUBLIC }, ROOT);
    assert.equal(org.emulatorPublicUrl, undefined, 'org mode: the browser opens SF_LOGIN_URL');
    assert.ok(org.warnings.some((w) => /^EMULATOR_PUBLIC_URL is ignored in org mode/.test(w)));
    const local = loadConfig({ EMULATOR_PUBLIC_URL: PUBLIC }, ROOT);
    assert.equal(local.emulatorPublicUrl, PUBLIC);
    assert.ok(
      local.warnings.some((w) =>
        /^EMULATOR_PUBLIC_URL is set, but SF_CALLBACK_URL is this playground's own address/.test(w),
      ),
    );
    // npm run emulator: no app of this playground, nothing to say about its callback.
    const alone = loadConfig({ EMULATOR_PUBLIC_URL: PUBLIC }, ROOT, { emulatorOnly: true });
    assert.equal(alone.emulatorPublicUrl, PUBLIC);
    assert.ok(!alone.warnings.some((w) => w.startsWith('EMULATOR_PUBLIC_URL')));
  });

  test("on 127.0.0.1 at another port it works, and start-up says its cookies are My Domain's too", () => {
    const config = loadConfig({ ...APP, EMULATOR_PUBLIC_URL: 'https://127.0.0.1:9443' }, ROOT);
    assert.equal(config.emulatorPublicUrl, 'https://127.0.0.1:9443');
    assert.ok(
      config.warnings.some((w) =>
        /^EMULATOR_PUBLIC_URL names 127\.0\.0\.1, the host of the emulator's My Domain: browsers keep cookies by host, not by port/.test(
          w,
        ),
      ),
      config.warnings.join('\n'),
    );
    const named = loadConfig({ ...APP, EMULATOR_PUBLIC_URL: PUBLIC }, ROOT);
    assert.ok(!named.warnings.some((w) => w.startsWith('EMULATOR_PUBLIC_URL')));
    // With the default callback too: each warning said, the callback's not hiding the cookies'.
    const both = loadConfig({ EMULATOR_PUBLIC_URL: 'https://127.0.0.1:9443' }, ROOT).warnings;
    assert.deepEqual(
      both.filter((w) => w.startsWith('EMULATOR_PUBLIC_URL')).map((w) => w.slice(0, 40)),
      ['EMULATOR_PUBLIC_URL is set, but SF_CALLB', 'EMULATOR_PUBLIC_URL names 127.0.0.1, the'],
    );
  });
});
