// Where a token response may point (instance_url, id): the org's own origins, this machine under another of its
// names on the same port (the local emulator playing an org), or, for a real org, a Salesforce domain; else nowhere.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { hostsCheck, isTrustedHost } from '../../../server/flows/checks.ts';

describe('trusted hosts of a token response', () => {
  const emulatorAsOrg = ['https://127.0.0.1:19143', 'https://127.0.0.1:19143'];

  test("the emulator's login host is trusted when SF_LOGIN_URL names it by its other loopback name", () => {
    assert.equal(isTrustedHost('https://localhost:19143/id/00D/005', emulatorAsOrg, true), true);
    assert.equal(isTrustedHost('https://[::1]:19143/id/00D/005', emulatorAsOrg, true), true);
    // Another port is another server, even on this machine; http is never trusted.
    assert.equal(isTrustedHost('https://localhost:19181/id/00D/005', emulatorAsOrg, true), false);
    assert.equal(isTrustedHost('http://127.0.0.1:19143/id/00D/005', emulatorAsOrg, true), false);
    // A URL with a user name or password in it is no Salesforce URL, on the org's own host or not.
    assert.equal(isTrustedHost('https://user:pw@127.0.0.1:19143', emulatorAsOrg, true), false);
    assert.equal(
      isTrustedHost('https://x@acme.my.salesforce.com', ['https://acme.my.salesforce.com'], true),
      false,
    );
    // Loopback counts only for a loopback org: a real org's response naming this machine is not its own.
    assert.equal(isTrustedHost('https://localhost:443/id', ['https://acme.my.salesforce.com'], true), false);
  });

  test('a refusal names a URL with credentials as such, without writing them out', () => {
    const check = hostsCheck(
      { instance_url: 'https://user:pw@127.0.0.1:19143', id: 'https://127.0.0.1:19143/id/00D/005' },
      emulatorAsOrg,
      true,
    );
    assert.equal(check.passed, false);
    assert.match(check.detail, /^https:\/\/127\.0\.0\.1:19143\/ \(with a user name or password in it/);
    assert.doesNotMatch(check.detail, /pw/);
  });

  test('a refusal names each trusted host once', () => {
    const check = hostsCheck(
      { instance_url: 'https://127.0.0.1:19143', id: 'https://evil.example/id/00D/005' },
      emulatorAsOrg,
      true,
    );
    assert.equal(check.passed, false);
    assert.equal(
      check.detail,
      'https://evil.example/id/00D/005 is not on this machine on port 19143 (localhost, 127.0.0.1 or [::1]) or a Salesforce domain: the token is not sent there.',
    );
    const realOrg = hostsCheck(
      { instance_url: 'https://evil.example', id: 'https://acme.my.salesforce.com/id/00D/005' },
      ['https://acme.my.salesforce.com', 'https://login.salesforce.com'],
      true,
    );
    assert.match(
      realOrg.detail,
      / not on acme\.my\.salesforce\.com, login\.salesforce\.com or a Salesforce domain:/,
    );
  });

  test("a pass names the host it passed on: the emulator's two names, whichever SF_LOGIN_URL gives", () => {
    const check = hostsCheck(
      { instance_url: 'https://127.0.0.1:19143', id: 'https://localhost:19143/id/00D/005' },
      ['https://localhost:19143'],
      true,
    );
    assert.equal(check.passed, true);
    assert.equal(
      check.detail,
      'Both are https URLs on this machine on port 19143 (localhost, 127.0.0.1 or [::1]) or a Salesforce domain.',
    );
  });
});
