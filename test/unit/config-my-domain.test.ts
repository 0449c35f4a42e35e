// The hosts a configuration names besides the login host: the My Domain (known, derived or refused) and the
// audience of JWT assertions, with the warnings for values Salesforce would refuse.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { configError, ORG, ROOT, WITH_SECRET } from '../support/config-env.ts';

describe('the hosts of a configuration', () => {
  test('the My Domain is known in emulator mode and derived from a My Domain login URL', () => {
    assert.equal(loadConfig({ EMULATOR_PORT: '9443' }, ROOT).myDomainUrl, 'https://127.0.0.1:9443');
    // A value meant for a real org is ignored in emulator mode, and start-up says so.
    const ignored = loadConfig(
      { EMULATOR_PORT: '9443', SF_MY_DOMAIN: 'https://acme.my.salesforce.com' },
      ROOT,
    );
    assert.equal(ignored.myDomainUrl, 'https://127.0.0.1:9443');
    assert.ok(ignored.warnings.some((warning) => /^SF_MY_DOMAIN is ignored in emulator mode/.test(warning)));
    assert.ok(
      !loadConfig({ EMULATOR_PORT: '9443' }, ROOT).warnings.some((w) => w.startsWith('SF_MY_DOMAIN')),
    );
    const itsOwn = loadConfig({ EMULATOR_PORT: '9443', SF_MY_DOMAIN: 'https://127.0.0.1:9443' }, ROOT);
    assert.ok(
      !itsOwn.warnings.some((w) => w.startsWith('SF_MY_DOMAIN')),
      "the emulator's own value is no mistake",
    );
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

  test('SF_MY_DOMAIN of a sandbox with the production login host (or the reverse) starts with a warning', () => {
    // A sandbox's users log in at test.salesforce.com or its own My Domain: at login.salesforce.com they are unknown,
    // and the JWT audience derived from it is production's.
    const sandboxDomain = 'https://acme--dev.sandbox.my.salesforce.com';
    assert.deepEqual(loadConfig({ ...WITH_SECRET, SF_MY_DOMAIN: sandboxDomain }, ROOT).warnings, [
      `SF_MY_DOMAIN ${sandboxDomain} is a sandbox's, but SF_LOGIN_URL https://login.salesforce.com is a production org's login host: the two name different orgs. Fix: point both at one org: a sandbox logs in at https://test.salesforce.com or its My Domain (…--<sandbox>.sandbox.my.salesforce.com), a production org at https://login.salesforce.com or its My Domain.`,
    ]);
    const test = { ...WITH_SECRET, SF_LOGIN_URL: 'https://test.salesforce.com' };
    assert.match(
      loadConfig({ ...test, SF_MY_DOMAIN: 'https://acme.my.salesforce.com' }, ROOT).warnings[0] ?? '',
      /^SF_MY_DOMAIN https:\/\/acme\.my\.salesforce\.com is a production org's, but SF_LOGIN_URL https:\/\/test\.salesforce\.com is a sandbox's login host: the two name different orgs/,
    );
    assert.deepEqual(loadConfig({ ...test, SF_MY_DOMAIN: sandboxDomain }, ROOT).warnings, []);
    const legacy = { ...test, SF_MY_DOMAIN: 'https://acme--uat.my.salesforce.com' };
    assert.deepEqual(
      loadConfig(legacy, ROOT).warnings,
      [],
      'a sandbox My Domain from before enhanced domains',
    );
    // A My Domain with a word of its own before .my.salesforce.com (acme.scratch…, acme.develop…): the wire reference
    // gives it no org type, so nothing is said of it.
    for (const [login, domain] of [
      ['https://test.salesforce.com', 'https://acme-1234-dev-ed.scratch.my.salesforce.com'],
      ['https://login.salesforce.com', 'https://acme-dev-ed.develop.my.salesforce.com'],
      ['https://test.salesforce.com', 'https://acme-dev-ed.develop.my.salesforce.com'],
      ['https://acme-1234-dev-ed.scratch.my.salesforce.com', sandboxDomain],
    ]) {
      const unknown = { ...WITH_SECRET, SF_LOGIN_URL: login, SF_MY_DOMAIN: domain };
      assert.deepEqual(loadConfig(unknown, ROOT).warnings, [], `${login} with ${domain}`);
    }
    const local = { ...WITH_SECRET, SF_LOGIN_URL: 'https://localhost:8443', SF_MY_DOMAIN: sandboxDomain };
    assert.ok(
      !loadConfig(local, ROOT).warnings.some((w) => w.startsWith('SF_MY_DOMAIN')),
      'a login host on this machine may be a tunnel to either',
    );
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
    assert.match(
      warned({
        ...WITH_SECRET,
        SF_LOGIN_URL: 'https://localhost:8443',
        SF_AUDIENCE: 'https://test.salesforce.com',
      }),
      /is the test host, but SF_LOGIN_URL https:\/\/localhost:8443 is on this machine, and the local emulator there is a production org, whose assertions need https:\/\/login\.salesforce\.com/,
    );
    assert.match(
      loadConfig({ SF_AUDIENCE: 'https://test.salesforce.com' }, ROOT).warnings.join('\n'),
      /is the test host, but the local emulator \(https:\/\/localhost:8443\) is a production org/,
      'emulator mode',
    );
    assert.deepEqual(
      loadConfig({ ...WITH_SECRET, SF_AUDIENCE: 'https://community.acme.com/partners' }, ROOT).warnings,
      [],
      'a site on a custom domain has a path',
    );
    const site = { ...WITH_SECRET, SF_LOGIN_URL: 'https://acme.my.site.com/x' };
    assert.deepEqual(loadConfig({ ...site, SF_AUDIENCE: 'https://acme.my.site.com/x' }, ROOT).warnings, []);
  });
});
