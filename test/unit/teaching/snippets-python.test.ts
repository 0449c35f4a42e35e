// Python snippets as code, exact as a learner copies them: requests with the certificate verified, secrets from
// variables, simple_salesforce's own call as a comment.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { pythonSnippet } from '../../../server/teaching/snippets/python.ts';
import { legRequest } from '../../../server/teaching/snippets/request.ts';
import * as legs from './snippet-fixtures.ts';

const INSTALL =
  '# Python 3 with requests (Debian: apt-get install python3-requests; elsewhere, in a venv: python3 -m pip install requests).';

describe('Python snippets', () => {
  test('a query: verify=CA_FILE, the token from the environment before Reveal, rows printed as JSON', () => {
    assert.equal(
      pythonSnippet(legRequest(legs.query), { ...legs.EMULATOR, reveal: false }),
      [
        INSTALL,
        "# Run it from the playground's folder, where certs/ is.",
        'import json',
        'import os',
        'import sys',
        '',
        'import requests',
        '',
        'CA_FILE = "certs/server.crt"  # the local emulator\'s certificate: verified, never switched off',
        '# No values here: export each variable below in your shell first, Reveal on the playground shows yours.',
        'SF_ACCESS_TOKEN = os.environ.get("SF_ACCESS_TOKEN") or sys.exit("SF_ACCESS_TOKEN is not set: export SF_ACCESS_TOKEN=\'<the access token>\' (PowerShell: $env:SF_ACCESS_TOKEN = \'<the access token>\')")',
        '',
        'def checked(response):',
        "    # A refusal stops with Salesforce's answer (errorCode and message say why), not with the status alone.",
        '    if not response.ok:',
        '        raise SystemExit(f"{response.status_code} {response.reason}: {response.text}")',
        '    return response',
        '',
        'response = requests.get(',
        '    "https://127.0.0.1:8443/services/data/v66.0/query",',
        '    params={"q": "SELECT Id, Name FROM Account WHERE Name = \'O\'\'Brien\'"},',
        '    headers={"accept": "application/json", "Authorization": f"Bearer {SF_ACCESS_TOKEN}"},',
        '    verify=CA_FILE,',
        '    timeout=30,',
        ')',
        'while True:',
        '    page = checked(response).json()',
        '    for record in page["records"]:',
        '        print(json.dumps({name: value for name, value in record.items() if name != "attributes"}))',
        '    if page["done"]:',
        '        break',
        '    # More rows than one batch (2,000 by default): the next batch is at nextRecordsUrl, asked the same way.',
        '    response = requests.get("https://127.0.0.1:8443" + page["nextRecordsUrl"], headers=response.request.headers, verify=CA_FILE, timeout=30)',
        '',
        '# The same with simple_salesforce (pip install simple-salesforce):',
        '#   from simple_salesforce import Salesforce',
        '#   session = requests.Session()',
        '#   session.verify = CA_FILE  # requests lets REQUESTS_CA_BUNDLE, if set, override this: unset it',
        '#   sf = Salesforce(instance_url="https://127.0.0.1:8443", session_id=SF_ACCESS_TOKEN, session=session, version="66.0")',
        '#   for record in sf.query_all("SELECT Id, Name FROM Account WHERE Name = \'O\'\'Brien\'")["records"]:',
        '#       print(record)',
      ].join('\n'),
    );
  });

  test('a real org after Reveal: no certificate file, the values inline, Basic as auth=, status and body printed', () => {
    assert.equal(
      pythonSnippet(legRequest(legs.clientCredentialsBasic), { ...legs.ORG, reveal: true }),
      [
        INSTALL,
        '',
        'import requests',
        '',
        '# Your own values, from your session: live credentials. Keep them out of chat, tickets and git, and run the copy from a file to keep them out of the shell history.',
        'SF_CLIENT_SECRET = "local-emulator-consumer-secret"',
        '',
        'response = requests.post(',
        '    "https://127.0.0.1:8443/services/oauth2/token",',
        '    headers={"accept": "application/json"},',
        '    auth=("3MVG9LocalPlaygroundEmulatorConsumerKey", SF_CLIENT_SECRET),',
        '    data={"grant_type": "client_credentials"},',
        '    timeout=30,',
        ')',
        'print(response.status_code)',
        'print(response.text)',
        '',
        '# simple_salesforce runs this grant when given a key and a secret without a user (pip install simple-salesforce).',
        '# It builds the host from domain= (the part before .salesforce.com), so it reaches real orgs only:',
        '#   sf = Salesforce(consumer_key="3MVG9LocalPlaygroundEmulatorConsumerKey", consumer_secret=SF_CLIENT_SECRET, domain="your-domain.my")',
      ].join('\n'),
    );
  });

  test('a username-password grant: simple_salesforce’s OAuth password login, with the password read as a secret', () => {
    const text = pythonSnippet(legRequest(legs.passwordGrant), { ...legs.EMULATOR, reveal: true });
    assert.ok(
      text.endsWith(
        '#   sf = Salesforce(username="admin@playground.local", password=SF_PASSWORD, consumer_key="3MVG9LocalPlaygroundEmulatorConsumerKey", consumer_secret=SF_CLIENT_SECRET, domain="login")',
      ),
      text,
    );
    assert.match(text, /and no security_token= \(which would make it log in with SOAP instead/);
    assert.doesNotMatch(text, /has no call of its own/);
  });

  test('simple_salesforce’s domain= follows the host: test for a sandbox login, the My Domain prefix for a My Domain', () => {
    const at = (url: string) => ({ ...legs.jwtExchange, url });
    const sandbox = pythonSnippet(legRequest(at('https://test.salesforce.com/services/oauth2/token')), {
      ...legs.ORG,
      reveal: false,
    });
    assert.match(sandbox, /privatekey_file="certs\/jwt.key", domain="test"\)$/);
    assert.doesNotMatch(sandbox, /reaches real orgs only/);
    const myDomain = pythonSnippet(legRequest(at('https://acme.my.salesforce.com/services/oauth2/token')), {
      ...legs.ORG,
      reveal: false,
    });
    assert.match(myDomain, /domain="acme.my"\)$/);
  });

  test('a JWT login through a My Domain keeps aud on the login host: domain= for aud, instance_url= for the host', () => {
    const claims = (aud: string) =>
      `${legs.jwtPart({ alg: 'RS256' })}.${legs.jwtPart({ iss: 'key', sub: 'me@acme.com', aud, exp: 1795620868 })}.c2ln`;
    const exchange = (url: string, aud: string) =>
      pythonSnippet(
        legRequest({
          ...legs.jwtExchange,
          url,
          requestBody: new URLSearchParams({
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            assertion: claims(aud),
          }).toString(),
        }),
        { ...legs.ORG, reveal: false },
      );
    assert.match(
      exchange('https://acme.my.salesforce.com/services/oauth2/token', 'https://login.salesforce.com'),
      /privatekey_file="certs\/jwt.key", domain="login", instance_url="acme.my"\)$/,
    );
    assert.match(
      exchange(
        'https://acme--dev.sandbox.my.salesforce.com/services/oauth2/token',
        'https://test.salesforce.com',
      ),
      /domain="test", instance_url="acme--dev.sandbox.my"\)$/,
    );
    // At the login host itself there is nothing to add.
    assert.match(
      exchange('https://login.salesforce.com/services/oauth2/token', 'https://login.salesforce.com'),
      /domain="login"\)$/,
    );
  });

  test('a JWT bearer exchange: simple_salesforce’s own JWT login named, with where it cannot reach', () => {
    const text = pythonSnippet(legRequest(legs.jwtExchange), { ...legs.EMULATOR, reveal: false });
    assert.ok(
      text.endsWith(
        '#   sf = Salesforce(username="admin@playground.local", consumer_key="3MVG9LocalPlaygroundEmulatorConsumerKey", privatekey_file="certs/jwt.key", domain="login")',
      ),
      text,
    );
    assert.match(
      text,
      /^ {4}data=\{"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": SF_ASSERTION\},$/m,
    );
  });
});
