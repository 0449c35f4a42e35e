// Repeat links ("send me anyway", a restarted start): their faults count only when this app signed them for this
// browser, only those the flow offers, and in org mode never the local org's (a real org cannot be broken on purpose).
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { repeatSigner } from '../../server/routes/startQuery.ts';

const SECRET = { sessionSecret: 'a-session-secret-of-at-least-32-chars' };
const BROWSER = 'csrf-cookie-of-this-browser';
/** Where the faults are offered: the local emulator (every fault), and a real org (the app's own only). */
const EMULATOR = {
  mode: 'emulator',
  loginUrl: 'https://localhost:8443',
  myDomainUrl: 'https://127.0.0.1:8443',
  clientSecret: 'local-emulator-consumer-secret',
} as const;
const ORG = {
  mode: 'org',
  loginUrl: 'https://login.salesforce.com',
  myDomainUrl: undefined,
  clientSecret: undefined,
} as const;

/** The query a browser sends back when it follows a repeat link. */
function followed(pairs: [string, string][]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const had = query[name];
    query[name] = had === undefined ? value : ([] as string[]).concat(had, value);
  }
  return query;
}

describe('repeat links', () => {
  const signer = repeatSigner(SECRET);
  const link = followed(
    signer.repeatQuery(
      { login_hint: 'ada@example.com' },
      'web-server',
      ['wrong-redirect-uri', 'ip-restricted'],
      BROWSER,
    ),
  );

  test('carry the login choices, each fault and one signature', () => {
    assert.equal(link.login_hint, 'ada@example.com');
    assert.deepEqual(link.fault, ['wrong-redirect-uri', 'ip-restricted']);
    assert.equal(typeof link.sig, 'string');
  });

  test("in emulator mode, the signed faults come back: the app's and the local org's", () => {
    assert.deepEqual(signer.repeatedFaults(link, 'web-server', EMULATOR, BROWSER), [
      'wrong-redirect-uri',
      'ip-restricted',
    ]);
  });

  test("in org mode, only the app's own faults come back", () => {
    assert.deepEqual(signer.repeatedFaults(link, 'web-server', ORG, BROWSER), ['wrong-redirect-uri']);
  });

  test('another browser, another flow, a changed fault list or a forged signature bring no fault', () => {
    assert.deepEqual(signer.repeatedFaults(link, 'web-server', EMULATOR, 'another-browser'), []);
    assert.deepEqual(signer.repeatedFaults(link, 'user-agent', EMULATOR, BROWSER), []);
    assert.deepEqual(
      signer.repeatedFaults({ ...link, fault: 'wrong-redirect-uri' }, 'web-server', EMULATOR, BROWSER),
      [],
    );
    assert.deepEqual(
      signer.repeatedFaults({ ...link, sig: 'A'.repeat(43) }, 'web-server', EMULATOR, BROWSER),
      [],
    );
    assert.deepEqual(signer.repeatedFaults({ fault: link.fault }, 'web-server', EMULATOR, BROWSER), []);
  });

  test('a fault the flow does not offer is dropped even when signed', () => {
    const jwtFault = followed(signer.repeatQuery({}, 'web-server', ['wrong-aud', 'replay-code'], BROWSER));
    assert.deepEqual(signer.repeatedFaults(jwtFault, 'web-server', EMULATOR, BROWSER), ['replay-code']);
  });

  test('links outlive a restart when SESSION_SECRET is set, and not when the key was random', () => {
    assert.deepEqual(repeatSigner(SECRET).repeatedFaults(link, 'web-server', ORG, BROWSER), [
      'wrong-redirect-uri',
    ]);
    assert.deepEqual(
      repeatSigner({ sessionSecret: undefined }).repeatedFaults(link, 'web-server', ORG, BROWSER),
      [],
    );
  });
});
