// A client's own failure to reach Salesforce, pasted as curl, Node without its error code, Python or Java print it:
// each is read as that failure (a certificate not trusted, a host not reached, no answer in time), not as no error.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { readPastedError } from '../../../server/teaching/explainer/pasted.ts';

const CASES: [string, string][] = [
  ['curl: (60) SSL certificate problem: unable to get local issuer certificate', 'untrusted_certificate'],
  [
    'FetchError: request to https://login.salesforce.com/services/oauth2/token failed, reason: unable to get local issuer certificate',
    'untrusted_certificate',
  ],
  [
    'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
    'untrusted_certificate',
  ],
  ['Error: certificate has expired', 'untrusted_certificate'],
  [
    "Error: Hostname/IP does not match certificate's altnames: Host: acme.my.salesforce.com. is not in the cert's altnames: DNS:*.force.com",
    'untrusted_certificate',
  ],
  ['curl: (6) Could not resolve host: acme.my.salesforc.com', 'network_error'],
  [
    "curl: (7) Failed to connect to localhost port 8443 after 0 ms: Couldn't connect to server",
    'network_error',
  ],
  [
    "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='acme.my.salesforc.com', port=443): Max retries exceeded with url: /services/oauth2/token (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to resolve 'acme.my.salesforc.com' ([Errno -2] Name or service not known)\"))",
    'network_error',
  ],
  [
    "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='localhost', port=8443): Max retries exceeded with url: /services/oauth2/token (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))",
    'network_error',
  ],
  ['java.net.UnknownHostException: acme.my.salesforc.com', 'network_error'],
  [
    'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to login.salesforce.com:443',
    'network_error',
  ],
  ['Error: socket hang up', 'network_error'],
  [
    'curl: (28) Failed to connect to login.salesforce.com port 443 after 130001 ms: Timeout was reached',
    'timeout',
  ],
];

describe("a client's own failure, pasted", () => {
  test('curl, Node, Python and Java words for an untrusted certificate, an unreachable host or no answer', () => {
    for (const [pasted, error] of CASES) {
      const found = readPastedError(pasted);
      assert.equal(found?.error, error, pasted);
      assert.equal(found?.fromClient, true, pasted);
    }
  });

  test("a Salesforce error in the same paste wins over a client's words around it", () => {
    for (const [pasted, error] of [
      [
        'Error (1): invalid_grant: authentication failure\nWarning: retried after socket hang up',
        'invalid_grant',
      ],
      [
        "sf org login jwt failed: user hasn't approved this consumer (invalid_grant) after Connection refused on proxy",
        'invalid_grant',
      ],
      ['INVALID_SESSION_ID: Session expired or invalid. Failed to resolve the session', 'INVALID_SESSION_ID'],
      ['REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded. Timeout was reached', 'REQUEST_LIMIT_EXCEEDED'],
    ])
      assert.equal(readPastedError(pasted)?.error, error, pasted);
  });
});
