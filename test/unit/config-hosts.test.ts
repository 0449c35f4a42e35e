// The login host a configuration names, what is refused in its place, and the public-client note. The My Domain
// and the audience: config-my-domain.test.ts.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { hostKind, myDomainBehind } from '../../server/hostKinds.ts';
import { configError, ORG, ROOT, WITH_SECRET } from '../support/config-env.ts';

describe('the hosts of a configuration', () => {
  test('a login URL with a path is refused, naming the host to use instead', () => {
    assert.equal(
      configError({ ...ORG, SF_LOGIN_URL: 'https://login.salesforce.com/services/oauth2/token' }),
      'SF_LOGIN_URL "https://login.salesforce.com/services/oauth2/token" has a path: set it to the host only, https://login.salesforce.com (the playground adds /services/oauth2/... itself).',
    );
    assert.match(
      configError({ ...ORG, SF_LOGIN_URL: 'https://login.salesforce.com/?x=1' }),
      /^SF_LOGIN_URL "https:\/\/login\.salesforce\.com\?…" has a query: set it to the host only, https:\/\/login\.salesforce\.com /,
    );
    const site = loadConfig({ ...ORG, SF_LOGIN_URL: 'https://acme.my.site.com/customers' }, ROOT);
    assert.equal(
      site.loginUrl,
      'https://acme.my.site.com/customers',
      'an Experience Cloud site keeps its path',
    );
    assert.equal(site.audience, 'https://acme.my.site.com/customers', "and its URL is its users' audience");
    // A page of the site copied from the browser, or an endpoint, is refused with the site's own URL.
    for (const [pasted, fix] of [
      ['https://acme.my.site.com/customers/s/login/', 'https://acme.my.site.com/customers'],
      ['https://acme.my.site.com/customers/services/oauth2/token', 'https://acme.my.site.com/customers'],
      ['https://acme.my.site.com/s/login', 'https://acme.my.site.com'],
      ['https://acme.my.site.com/services/oauth2/authorize', 'https://acme.my.site.com'],
    ]) {
      const refused = configError({ ...ORG, SF_LOGIN_URL: pasted });
      assert.ok(refused.startsWith('SF_LOGIN_URL "'), refused);
      assert.ok(refused.includes(`set it to the site's URL, ${fix} (its host and path prefix`), refused);
    }
  });

  test("the playground's own address as SF_LOGIN_URL is refused, naming the emulator's port as the fix", () => {
    for (const [loginUrl, port] of [
      ['https://localhost:8081', undefined],
      ['https://127.0.0.1:18281', '18281'],
    ] as const) {
      assert.match(
        configError({ ...WITH_SECRET, SF_LOGIN_URL: loginUrl, ...(port ? { PORT: port } : {}) }),
        /^SF_LOGIN_URL "[^"]+" is this playground itself \(PORT \d+\), not an org: .*EMULATOR_PORT/,
      );
    }
    // The emulator on this machine, at its own port, is an org.
    assert.equal(
      loadConfig({ ...WITH_SECRET, SF_LOGIN_URL: 'https://localhost:8443' }, ROOT).loginUrl,
      'https://localhost:8443',
    );
  });

  test('instance hosts start with a warning naming the fix; login hosts without one', () => {
    const instance = loadConfig({ ...WITH_SECRET, SF_LOGIN_URL: 'https://na139.salesforce.com' }, ROOT);
    assert.match(instance.warnings[0] ?? '', /is an instance host/);
    assert.deepEqual(loadConfig(WITH_SECRET, ROOT).warnings, []);
    assert.deepEqual(loadConfig({}, ROOT).warnings, []);
    // A sandbox's instance (cs…) and a sandbox My Domain from before enhanced domains: the sandbox login host and
    // audience, as for today's --name.sandbox names.
    const sandbox = loadConfig({ ...WITH_SECRET, SF_LOGIN_URL: 'https://cs42.salesforce.com' }, ROOT);
    assert.match(
      sandbox.warnings[0] ?? '',
      /is an instance host: .* Use your My Domain or https:\/\/test\.salesforce\.com\.$/,
    );
    assert.equal(sandbox.audience, 'https://test.salesforce.com');
    for (const url of ['https://acme--uat.my.salesforce.com', 'https://acme--uat.cs42.my.salesforce.com'])
      assert.equal(
        loadConfig({ ...WITH_SECRET, SF_LOGIN_URL: url }, ROOT).audience,
        'https://test.salesforce.com',
        url,
      );
    assert.equal(
      loadConfig({ ...WITH_SECRET, SF_LOGIN_URL: 'https://acme.my.salesforce.com' }, ROOT).audience,
      'https://login.salesforce.com',
    );
  });

  test('a Lightning or Setup host stops start-up naming the My Domain behind it, whole address or host alone', () => {
    const lightning = (url: string) =>
      `^SF_LOGIN_URL "${url.replace(/[./?]/g, (c) => `\\${c}`)}" is on a Lightning host, where Salesforce's pages live, which serve neither OAuth nor the API: use your My Domain, https:\\/\\/acme\\.my\\.salesforce\\.com, or https:\\/\\/login\\.salesforce\\.com\\.$`;
    for (const url of [
      'https://acme.lightning.force.com/lightning/page/home',
      'https://acme.lightning.force.com',
    ]) {
      assert.match(configError({ ...ORG, SF_LOGIN_URL: url }), new RegExp(lightning(url)));
    }
    assert.match(
      configError({ ...ORG, SF_LOGIN_URL: 'https://acme--dev.sandbox.lightning.force.com' }),
      /use your My Domain, https:\/\/acme--dev\.sandbox\.my\.salesforce\.com, or https:\/\/test\.salesforce\.com\.$/,
    );
    assert.match(
      configError({ ...ORG, SF_MY_DOMAIN: 'https://acme.lightning.force.com/lightning/page/home' }),
      /^SF_MY_DOMAIN ".*" is on a Lightning host, .* use your My Domain, https:\/\/acme\.my\.salesforce\.com\.$/,
    );
    assert.match(
      configError({ ...ORG, SF_MY_DOMAIN: 'https://acme.my.salesforce-setup.com' }),
      /^SF_MY_DOMAIN "https:\/\/acme\.my\.salesforce-setup\.com" is on a Setup host, .* https:\/\/acme\.my\.salesforce\.com\.$/,
    );
  });

  test('messages about a URL never repeat its query, which can hold a session id', () => {
    for (const url of [
      'https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=00Dx0000SECRET',
      'https://acme.lightning.force.com/one/one.app?sid=00Dx0000SECRET',
    ]) {
      const message = configError({ ...ORG, SF_LOGIN_URL: url });
      assert.doesNotMatch(message, /SECRET|sid=/, message);
      assert.match(message, /\?…"/, message);
    }
  });

  test('Visualforce and file hosts are refused like Lightning, naming the My Domain behind them', () => {
    const behind: Record<string, string> = {
      'https://acme--c.vf.force.com/apex/Page': 'https://acme.my.salesforce.com',
      'https://acme--dev--c.sandbox.vf.force.com': 'https://acme--dev.sandbox.my.salesforce.com',
      'https://acme.file.force.com': 'https://acme.my.salesforce.com',
      'https://acme--dev.sandbox.file.force.com': 'https://acme--dev.sandbox.my.salesforce.com',
      'https://acme--c.visualforce.com': 'https://acme.my.salesforce.com',
      'https://acme--c.documentforce.com': 'https://acme.my.salesforce.com',
    };
    for (const [url, domain] of Object.entries(behind)) {
      assert.equal(hostKind(url), 'Visualforce or content', url);
      assert.equal(myDomainBehind(url), domain, url);
      const message = configError({ ...ORG, SF_LOGIN_URL: url });
      assert.match(message, /is on a Visualforce or content host, .* serve neither OAuth nor the API/, url);
      assert.ok(message.includes(`use your My Domain, ${domain}, or https://`), message);
    }
    assert.match(
      configError({ ...ORG, SF_LOGIN_URL: 'https://acme--dev--c.sandbox.vf.force.com' }),
      /, or https:\/\/test\.salesforce\.com\.$/,
    );
    assert.equal(
      myDomainBehind('https://c.na139.visual.force.com'),
      'https://<your domain>.my.salesforce.com',
    );
    for (const site of ['https://acme.my.site.com', 'https://acme.force.com/customers']) {
      assert.equal(hostKind(site), 'Experience Cloud site', site);
    }
  });

  test('an SF_LOGIN_URL is kept as the URL parser writes it: host in lower case, no default port', () => {
    assert.equal(
      loadConfig({ ...ORG, SF_LOGIN_URL: 'https://ACME.My.Salesforce.com:443/' }, ROOT).loginUrl,
      'https://acme.my.salesforce.com',
    );
    assert.equal(
      loadConfig({ ...ORG, SF_LOGIN_URL: 'https://Acme.my.site.com/Customers' }, ROOT).loginUrl,
      'https://acme.my.site.com/Customers',
      "a site's path keeps its case",
    );
  });

  test('org mode without SF_CLIENT_SECRET says once that the playground is a public client; set empty, it is quiet', () => {
    assert.deepEqual(loadConfig(ORG, ROOT).warnings, [
      'SF_CLIENT_SECRET is not set, so the playground acts as a public client that relies on PKCE: the web server and refresh token flows need "Require Secret for Web Server Flow" and "Require Secret for Refresh Token Flow" turned off in the app, and client credentials and username-password need the secret. Set SF_CLIENT_SECRET= (empty) to say that this is meant.',
    ]);
    assert.deepEqual(loadConfig({ ...ORG, SF_CLIENT_SECRET: '' }, ROOT).warnings, []);
    assert.deepEqual(loadConfig({}, ROOT).warnings, [], 'the emulator has its secret');
    // Emptied in emulator mode: the emulator's app still requires the secret, and start-up says where to change that.
    const [note] = loadConfig({ SF_CLIENT_SECRET: '' }, ROOT).warnings;
    assert.match(
      note,
      /^SF_CLIENT_SECRET is empty, so the playground acts as a public client: .*Require Secret for Refresh Token Flow/,
    );
    assert.match(note, /its Setup page \(https:\/\/localhost:8443\/setup\)\.$/);
    // A secret of one's own in emulator mode: the emulator adopts it, so a wrong one is never refused; said once.
    assert.match(
      loadConfig({ SF_CLIENT_SECRET: 'copied-from-an-org' }, ROOT).warnings.join('\n'),
      /^SF_CLIENT_SECRET is set: the emulator's app takes it as its own secret, so a wrong one is never refused here/,
    );
    assert.deepEqual(loadConfig({ SF_CLIENT_SECRET: 'local-emulator-consumer-secret' }, ROOT).warnings, []);
    // Alone (npm run emulator) it is the secret an app in org mode must send: that app is refused a wrong one.
    assert.deepEqual(
      loadConfig({ SF_CLIENT_SECRET: 'copied-from-an-org' }, ROOT, { emulatorOnly: true }).warnings,
      [],
    );
  });
});
