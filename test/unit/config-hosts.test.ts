// The hosts a configuration names: login hosts and what is refused in their place, the My Domain, the audience.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { hostKind, myDomainBehind } from '../../server/hostKinds.ts';
import { configError, ORG, ROOT } from '../support/config-env.ts';

/** Org mode with a secret: no public-client note among the warnings. */
const WITH_SECRET = { ...ORG, SF_CLIENT_SECRET: 'S3CRET' };

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
  });

  test('instance hosts start with a warning naming the fix; login hosts without one', () => {
    const instance = loadConfig({ ...WITH_SECRET, SF_LOGIN_URL: 'https://na139.salesforce.com' }, ROOT);
    assert.match(instance.warnings[0] ?? '', /is an instance host/);
    assert.deepEqual(loadConfig(WITH_SECRET, ROOT).warnings, []);
    assert.deepEqual(loadConfig({}, ROOT).warnings, []);
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

  test('the My Domain is known in emulator mode and derived from a My Domain login URL', () => {
    assert.equal(loadConfig({ EMULATOR_PORT: '9443' }, ROOT).myDomainUrl, 'https://127.0.0.1:9443');
    assert.equal(
      loadConfig({ ...ORG, SF_LOGIN_URL: 'https://acme.my.salesforce.com' }, ROOT).myDomainUrl,
      'https://acme.my.salesforce.com',
    );
    assert.equal(loadConfig(ORG, ROOT).myDomainUrl, undefined);
    assert.equal(
      loadConfig({ ...ORG, SF_MY_DOMAIN: 'https://acme.my.salesforce.com/' }, ROOT).myDomainUrl,
      'https://acme.my.salesforce.com',
    );
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

  test('SF_MY_DOMAIN set to a generic login host stops start-up; an instance host or site starts with a warning', () => {
    for (const [host, kind] of [
      ['https://login.salesforce.com', 'login'],
      ['https://test.salesforce.com/', 'test'],
    ]) {
      assert.equal(
        configError({ ...ORG, SF_MY_DOMAIN: host ?? '' }),
        `SF_MY_DOMAIN "${(host ?? '').replace(/\/$/, '')}" is the generic ${kind} host, not a My Domain: client credentials work only on your org's own domain, https://<your domain>.my.salesforce.com (Setup → My Domain shows it), or remove SF_MY_DOMAIN.`,
      );
    }
    const instance = loadConfig({ ...WITH_SECRET, SF_MY_DOMAIN: 'https://na139.salesforce.com' }, ROOT);
    assert.deepEqual(instance.warnings, [
      'SF_MY_DOMAIN https://na139.salesforce.com is an instance host, not a My Domain: Salesforce accepts client credentials only on https://<your domain>.my.salesforce.com (Setup → My Domain shows yours).',
    ]);
    const site = loadConfig({ ...WITH_SECRET, SF_MY_DOMAIN: 'https://acme.my.site.com' }, ROOT);
    assert.match(site.warnings[0] ?? '', /is an Experience Cloud site host, not a My Domain/);
    const local = loadConfig({ ...WITH_SECRET, SF_MY_DOMAIN: 'https://127.0.0.1:8443' }, ROOT);
    assert.deepEqual(local.warnings, [], 'the emulator playing an org');
  });

  test('an SF_AUDIENCE Salesforce would refuse (a My Domain, a path, the other org type) starts with a warning', () => {
    const config = loadConfig({ ...WITH_SECRET, SF_AUDIENCE: 'https://acme.my.salesforce.com' }, ROOT);
    assert.equal(
      config.audience,
      'https://acme.my.salesforce.com',
      'used as set: the lesson is in the warning',
    );
    assert.match(
      config.warnings[0] ?? '',
      /^SF_AUDIENCE https:\/\/acme\.my\.salesforce\.com is a My Domain: .*"audience is invalid"\. Fix: remove SF_AUDIENCE/,
    );
    const sandbox = { ...WITH_SECRET, SF_LOGIN_URL: 'https://acme--dev.sandbox.my.salesforce.com' };
    assert.deepEqual(
      loadConfig({ ...sandbox, SF_AUDIENCE: 'https://test.salesforce.com' }, ROOT).warnings,
      [],
    );
    const warned = (env: Record<string, string>) => loadConfig(env, ROOT).warnings[0] ?? '';
    assert.match(
      warned({ ...WITH_SECRET, SF_AUDIENCE: 'https://login.salesforce.com/services/oauth2/token' }),
      /^SF_AUDIENCE https:\/\/login\.salesforce\.com\/services\/oauth2\/token has a path: .*"audience is invalid"/,
    );
    assert.match(
      warned({ ...sandbox, SF_AUDIENCE: 'https://login.salesforce.com' }),
      /is the login host, but SF_LOGIN_URL .* is a sandbox, whose assertions need https:\/\/test\.salesforce\.com/,
    );
    assert.match(
      warned({ ...WITH_SECRET, SF_AUDIENCE: 'https://test.salesforce.com' }),
      /is the test host, but SF_LOGIN_URL https:\/\/login\.salesforce\.com is not a sandbox/,
    );
    assert.deepEqual(
      loadConfig({ ...WITH_SECRET, SF_AUDIENCE: 'https://community.acme.com/partners' }, ROOT).warnings,
      [],
      'a site on a custom domain has a path',
    );
    const site = { ...WITH_SECRET, SF_LOGIN_URL: 'https://acme.my.site.com/x' };
    assert.deepEqual(loadConfig({ ...site, SF_AUDIENCE: 'https://acme.my.site.com/x' }, ROOT).warnings, []);
  });

  test('org mode without SF_CLIENT_SECRET says once that the playground is a public client; set empty, it is quiet', () => {
    assert.deepEqual(loadConfig(ORG, ROOT).warnings, [
      'SF_CLIENT_SECRET is not set, so the playground acts as a public client that relies on PKCE: the web server and refresh token flows need "Require Secret for Web Server Flow" and "Require Secret for Refresh Token Flow" turned off in the app, and client credentials and username-password need the secret. Set SF_CLIENT_SECRET= (empty) to say that this is meant.',
    ]);
    assert.deepEqual(loadConfig({ ...ORG, SF_CLIENT_SECRET: '' }, ROOT).warnings, []);
    assert.deepEqual(loadConfig({}, ROOT).warnings, [], 'the emulator has its secret');
  });
});
