// The callback URL a configuration names: where the playground can receive a login, the warnings for one it may
// not receive, and the access link of org mode, opened on the callback's host so the login returns to its session.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { accessLink } from '../../server/access.ts';
import { loadConfig } from '../../server/config.ts';
import { configError, ROOT, WITH_SECRET } from '../support/config-env.ts';

describe('the callback URL', () => {
  test('a path other than the callback page stops start-up; case and a trailing slash do not matter', () => {
    assert.equal(
      loadConfig({ SF_CALLBACK_URL: 'https://localhost:8081/OAuthCallback.html' }, ROOT).callbackUrl,
      'https://localhost:8081/OAuthCallback.html',
      'the route matches in any case',
    );
    assert.equal(
      loadConfig({ SF_CALLBACK_URL: 'https://localhost:8081/oauthcallback.html/' }, ROOT).callbackUrl,
      'https://localhost:8081/oauthcallback.html/',
      'a trailing slash reaches the same page',
    );
    assert.match(
      configError({ SF_CALLBACK_URL: 'https://localhost:8081/callback' }),
      /^SF_CALLBACK_URL https:\/\/localhost:8081\/callback is not a page of the playground, which receives callbacks at \/oauthcallback\.html/,
    );
  });

  test('a callback on another port or host starts with a warning; on this machine at its port, without', () => {
    const otherPort = loadConfig(
      { PORT: '18082', SF_CALLBACK_URL: 'https://localhost:8081/oauthcallback.html' },
      ROOT,
    );
    assert.match(
      otherPort.warnings[0] ?? '',
      /^SF_CALLBACK_URL https:\/\/localhost:8081\/oauthcallback\.html is not this playground's own address \(https:\/\/localhost:18082\)/,
    );
    // The access link is printed on a tunnel's address, but on the app's own beside a proxy on another port.
    assert.match(
      otherPort.warnings[0] ?? '',
      /either address then works, as a browser's cookies ignore the port/,
    );
    assert.doesNotMatch(otherPort.warnings[0] ?? '', /printed on its address/);
    const tunnel = loadConfig({ SF_CALLBACK_URL: 'https://abc.example.dev/oauthcallback.html' }, ROOT);
    assert.match(tunnel.warnings[0] ?? '', /right only behind a proxy or tunnel/);
    // Emulator mode prints no access link, only the address to open; org mode prints its link on the tunnel.
    assert.match(
      tunnel.warnings[0] ?? '',
      /start-up prints that address to open; the emulator's pages open at/,
    );
    assert.doesNotMatch(tunnel.warnings[0] ?? '', /access link/);
    const orgTunnel = loadConfig(
      { ...WITH_SECRET, SF_CALLBACK_URL: 'https://abc.example.dev/oauthcallback.html' },
      ROOT,
    );
    assert.ok(orgTunnel.warnings.some((w) => w.includes('the access link is printed on its address')));
    for (const host of ['localhost', '127.0.0.1']) {
      const here = loadConfig({ SF_CALLBACK_URL: `https://${host}:8081/oauthcallback.html` }, ROOT);
      assert.deepEqual(here.warnings, [], host);
    }
  });

  test('the access link opens the app on the host name of its callback, so the login comes back to its session', () => {
    assert.equal(
      accessLink('https://localhost:8081', 'https://127.0.0.1:8081/oauthcallback.html', 'T'),
      'https://127.0.0.1:8081/?access=T',
    );
    assert.equal(
      accessLink('https://localhost:8081', 'https://localhost:8081/oauthcallback.html', 'T'),
      'https://localhost:8081/?access=T',
    );
    assert.equal(
      accessLink('https://localhost:18082', 'https://localhost:8081/oauthcallback.html', 'T'),
      'https://localhost:18082/?access=T',
      'another port on this machine reaches nothing: the address of the app',
    );
    assert.equal(
      accessLink('https://localhost:8081', 'https://127.0.0.1:9000/oauthcallback.html', 'T'),
      'https://127.0.0.1:8081/?access=T',
      "a proxy on another port: the app's port under the callback's host name, whose cookies the proxy's page gets",
    );
    assert.equal(
      accessLink('https://localhost:8081', 'https://abc.example.dev/oauthcallback.html', 'T'),
      'https://abc.example.dev/?access=T',
      'a tunnel: the browser must use it from the start',
    );
  });
});
