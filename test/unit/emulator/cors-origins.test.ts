// Which origin URL patterns Setup → CORS takes, by Salesforce's documented rules, and which origins each covers.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { corsOriginProblem, originAllowed } from '../../../server/emulator/corsOrigins.ts';

describe('CORS allowlist patterns', () => {
  test('takes https origins with a domain name or an IP address and maybe a port, and http for localhost', () => {
    for (const pattern of [
      'https://www.example.com',
      'https://app.example.com:8443',
      'https://*.example.com',
      'https://*.example.com:3000',
      'http://localhost:5173',
      'https://localhost',
      'https://127.0.0.1:3000',
      'https://[::1]:3000',
      'chrome-extension://abdkkegmcbiomijcbdaodaflgehfffed',
      'moz-extension://1234ab56-78c9-1df2-3efa-4567891ab1c2',
    ]) {
      assert.equal(corsOriginProblem(pattern), undefined, pattern);
    }
  });

  test('an origin typed without its scheme is refused with the scheme to write in front of it', () => {
    assert.equal(
      corsOriginProblem('localhost:3000'),
      '"localhost:3000" has no scheme: write http://localhost:3000 (or https://localhost:3000 if the page is served over https).',
    );
    assert.equal(
      corsOriginProblem('app.example.com'),
      '"app.example.com" has no scheme: write https://app.example.com.',
    );
    assert.equal(
      corsOriginProblem('*.example.com'),
      '"*.example.com" has no scheme: write https://*.example.com.',
    );
    // Nothing a scheme would mend: the general wording.
    assert.match(corsOriginProblem('*') ?? '', /is not an origin/);
    assert.match(corsOriginProblem('example.com/app') ?? '', /is not an origin/);
  });

  test('refuses what Salesforce refuses, saying why', () => {
    const refusals: [string, RegExp][] = [
      ['http://www.example.com', /must use https:\/\/ \(http:\/\/ is only for localhost\)/],
      ['http://127.0.0.1:3000', /must use https:\/\//],
      ['ftp://example.com', /must use https:\/\//],
      ['www.example.com', /has no scheme: write https:\/\/www\.example\.com\./],
      ['*', /is not an origin/],
      ['https://*', /\* that is not in front of the domain/],
      ['https://foo.*.example.com', /\* that is not in front of the domain/],
      ['https://*example.com', /\* that is not in front of the domain/],
      ['https://*.com', /in front of a second-level domain name/],
      ['https://*.localhost', /in front of a second-level domain name/],
      ['https://*.127.0.0.1', /in front of a second-level domain name/],
      ['https://example.com/', /an origin has no path/],
      ['https://example.com/app', /an origin has no path/],
      ['https://example.com?x=1', /an origin has no path/],
      ['https://example.com:0', /no valid port/],
      ['https://example.com:70000', /no valid port/],
      ['https://example.com:', /no valid port/],
      ['https://exa mple.com', /must not contain spaces/],
      ['https://user@example.com', /not name a valid domain name/],
      ['https://ex_ample.com', /not name a valid domain name/],
      ['https://300.1.1.1', /not name a valid IP address/],
      ['chrome-extension://ABC', /browser extension/],
    ];
    for (const [pattern, why] of refusals) assert.match(corsOriginProblem(pattern) ?? '', why, pattern);
  });

  test('covers an origin by scheme, host and port; a wildcard its subdomains only', () => {
    const list = ['https://*.example.com', 'https://app.example.org:8443', 'http://localhost:5173'];
    const covered = ['https://a.example.com', 'https://a.b.example.com', 'https://APP.example.org:8443'];
    for (const origin of covered) assert.equal(originAllowed(list, origin.toLowerCase()), true, origin);
    for (const origin of [
      'https://example.com',
      'https://badexample.com',
      'http://a.example.com',
      'https://a.example.com:444',
      'https://app.example.org',
      'http://localhost:5174',
      'https://localhost:5173',
      'null',
      'https://a.example.com/path',
    ]) {
      assert.equal(originAllowed(list, origin), false, origin);
    }
    // Port 443 written or not is one origin; a pattern saved by hand that Setup would refuse covers nothing.
    assert.equal(originAllowed(['https://example.com:443'], 'https://example.com'), true);
    assert.equal(originAllowed(['http://example.com'], 'http://example.com'), false);
  });
});
