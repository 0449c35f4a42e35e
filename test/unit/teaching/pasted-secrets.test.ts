// Masking a paste before it is read or shown: credentials however they are named and written (.env, YAML, code,
// JSON, Python keyword arguments, headers), and the words around them left as they are.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { maskPastedSecrets } from '../../../server/teaching/explainer/pastedSecrets.ts';

const SECRET = 'F4E1C0B2A9' + 'd7'.repeat(8);
const masked = (text: string) => maskPastedSecrets(text).text;

describe('masking a pasted error', () => {
  test('a secret is masked whatever its name and the way it is written', () => {
    for (const pasted of [
      `SF_CLIENT_SECRET=${SECRET}`,
      `export SF_CLIENT_SECRET="${SECRET}"`,
      `client_secret: ${SECRET}`,
      `clientSecret: '${SECRET}',`,
      `const oauth2 = new OAuth2({ clientId: '3MVG9x', clientSecret: \`${SECRET}\` })`,
      `{"consumerSecret": "${SECRET}"}`,
      `Salesforce(username='a@b.c', password='${SECRET}', security_token='${SECRET}')`,
      `:client_secret => '${SECRET}'`,
      `accessToken=${SECRET}`,
      `session_id: ${SECRET}`,
      `authorization: basic ${SECRET}==`,
      `authorization: bearer ${SECRET}`,
      // Quotes and symbols inside the value, calls, .env lines with &, a password in a URL.
      `{"password":"it's${SECRET}"}`,
      `client_secret: "abc'def${SECRET}"`,
      `password="ab\\"c${SECRET}"`,
      `SF_PASSWORD=Pa&ss${SECRET}`,
      `password: p@ss#w0rd${SECRET}`,
      `params.append('client_secret', '${SECRET}')`,
      `props.put("password", "${SECRET}")`,
      `REDIS_URL=redis://default:${SECRET}@localhost:6379`,
      `SF_PASS=${SECRET}`,
      `pwd: ${SECRET}`,
      `apiKey: '${SECRET}'`,
      `Authorization: ${SECRET}`,
      `Authorization: Bearer "${SECRET}"`,
      `curl -u admin:${SECRET} https://x`,
      `<urn:password>${SECRET}</urn:password>`,
      `Cookie: sid=${SECRET}; oid=00D5j000000AbCd`,
      // An access token with its ! percent-encoded after a scheme, or a scheme and a space percent-encoded too.
      `curl -H "Authorization: Bearer 00D5j000000AbCd%21AQ8A${SECRET}" https://x`,
      `authorization=Bearer%2000D5j000000AbCd%21AQ8A${SECRET}`,
      // "unexpected" before any other name, or on the line before, excuses nothing.
      `Unexpected code: aPrx${SECRET}`,
      `Got unexpected password=${SECRET}`,
      `unexpected\npassword: ${SECRET}`,
      `SF_PASS=${SECRET}\ndb_pass: ${SECRET}`,
      // An access token with its ! percent-encoded, under no name at all.
      `GET /services/data?x 00D5j000000AbCd%21AQ8A${SECRET}`,
      // The name as a value of its own: a Postman environment, a HAR file, .NET and Spring settings.
      `{"key": "client_secret", "value": "${SECRET}", "type": "secret"}`,
      `{"name":"password","value":"${SECRET}"}`,
      `<add key="SalesforceClientSecret" value="${SECRET}" />`,
      `<property name="password" value="${SECRET}"/>`,
      // A request's JSON logged as a string inside a log line's JSON.
      `{"body":"{\\"client_secret\\":\\"${SECRET}\\",\\"username\\":\\"a@b.c\\"}"}`,
      // A setting's name with a suffix, in a .env file or anywhere on a line.
      `SF_CLIENT_SECRET_PROD=${SECRET}`,
      `environment:\n  SF_PASSWORD_2: ${SECRET} # the second org`,
      // No = or : between the name and its value: a command's flags, .netrc, jsforce's login().
      `node index.js --client-secret ${SECRET} --password "${SECRET}"`,
      `curl --oauth2-bearer ${SECRET} https://x`,
      `machine login.salesforce.com login me@x.com password ${SECRET}`,
      `await conn.login('me@example.com', '${SECRET}');`,
      // A value of several words: a YAML plain scalar runs to the line's end, a --data-urlencode value to its quote.
      `password: correct horse ${SECRET} staple`,
      `curl --data-urlencode 'password=correct horse ${SECRET}&x' https://x`,
      `python login.py --password "correct ${SECRET} staple"`,
      `machine login.salesforce.com\n  login me@x.com\n  password ${SECRET}`,
      // The same shapes in other orders and dialects: Postman's key, type, value; the value first; a .NET key with a
      // colon; a Java properties entry; XML tags with attributes or other names; Kubernetes' name and value.
      `{"key":"password","type":"text","value":"${SECRET}"}`,
      `{"value":"${SECRET}","key":"client_secret"}`,
      `<add key="Salesforce:ClientSecret" value="${SECRET}"/>`,
      `<add value="${SECRET}" key="Password"/>`,
      `<entry key="sf.password">${SECRET}</entry>`,
      `<clientSecret>${SECRET}</clientSecret>`,
      `<password xsi:type="xsd:string">${SECRET}</password>`,
      `env:\n  - name: SF_PASSWORD\n    value: ${SECRET}`,
      // jsforce's login with the token appended; a .properties or INI value of several words.
      `await conn.login('me@x.com', 'hunter2' + '${SECRET}');`,
      `salesforce.password = correct ${SECRET} staple`,
      // HTTP Basic for client credentials in Python's requests; curl's -u at the paste's start.
      `requests.post(url, auth=('3MVG9abc', '${SECRET}'), data={'grant_type': 'client_credentials'})`,
      `requests.post(url, auth=HTTPBasicAuth("3MVG9abc", "${SECRET}"))`,
      `-u me@example.com:${SECRET} https://x`,
      // A fallback for the setting in Node.
      `const clientSecret = process.env.SF_CLIENT_SECRET || '${SECRET}';`,
      `const pw = process.env['SF_PASSWORD'] ?? "${SECRET}";`,
      // Setters and builders, with a literal: Java, C#, Python, a builder's chain.
      `config.setClientSecret("${SECRET}");`,
      `oauth.set_password('${SECRET}')`,
      `Client.builder().clientId("3MVG9x").withClientSecret("${SECRET}").build()`,
      `ConnectorConfig.builder().username("me@x.com").password("${SECRET}")`,
      `conn.setAccessToken(\`${SECRET}\`, instanceUrl)`,
      // C#'s setters and builders start upper case (MSAL's WithClientSecret, a client's SetPassword).
      `var app = ConfidentialClientApplicationBuilder.Create(id).WithClientSecret("${SECRET}").Build();`,
      `client.SetPassword("${SECRET}");`,
    ]) {
      const text = masked(pasted);
      assert.ok(!text.includes(SECRET.slice(4)), `${pasted} → ${text}`);
      assert.match(text, /••••••/, pasted);
    }
    // A password of letters only under any name, with nothing after it on its line (YAML, a compose file).
    for (const pasted of [
      'environment:\n  SF_PASSWORD: swordfishswordfish\n  REDIS_PASSWORD: correcthorsebattery',
      'password: Swordfishswordfish',
      'Authorization: Bearer Abcdefghijklmnop',
      'code=ABCDEFGH1234567890',
    ]) {
      const text = masked(pasted);
      assert.doesNotMatch(text, /swordfish|horsebattery|ijklmnop|1234567890/, `${pasted} → ${text}`);
    }
    // A YAML block scalar under a credential's name: every more indented line below is its value.
    assert.equal(
      masked(
        `sf:\n  client_secret: |-\n    ${SECRET}\n\n    ${SECRET}\n  username: a@b.c\nerror: invalid_grant`,
      ),
      'sf:\n  client_secret: |-\n    •••••• (26 chars)\n\n    •••••• (26 chars)\n  username: a@b.c\nerror: invalid_grant',
    );
    for (const pasted of [
      '- password: >\n    swordfish\n- user: x',
      'env:\n  SF_PASSWORD: |   # the org password\n    swordfish',
      '"token": |2\n    swordfish',
    ])
      assert.doesNotMatch(masked(pasted), /swordfish/, pasted);
    assert.equal(masked('query: |\n  SELECT Id FROM Account'), 'query: |\n  SELECT Id FROM Account');
    // Under a list item, the item's other keys are no part of the block.
    assert.equal(
      masked(
        '- password: |\n    swordfish\n  error: invalid_grant\n  error_description: authentication failure',
      ),
      '- password: |\n    ••••••\n  error: invalid_grant\n  error_description: authentication failure',
    );
    // A .env value with blanks after it: masked, its quotes and the blanks kept.
    assert.equal(masked(`SF_PASSWORD="${SECRET}"   `), 'SF_PASSWORD="•••••• (26 chars)"   ');
    // A password of words and spaces, quoted, goes whole.
    assert.equal(masked(`password="correct horse battery"`), 'password="•••••• (21 chars)"');
    // No part of a password or secret is shown: a prefix only where it names the org or the kind of token.
    assert.equal(masked('curl -d password=S3cr3tPassw0rd'), 'curl -d password=•••••• (14 chars)');
    assert.equal(masked('Bearer 00D5j000000AbCd!AQ8AQJx7hYq9'), 'Bearer 00D5…•••••• (28 chars)');
    // An sfdx auth URL whose secret is empty (force://<key>::<refresh token>@<host>): both colons stay.
    assert.equal(
      masked('force://PlatformCLI::5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJ9d2@acme.my.salesforce.com'),
      'force://PlatformCLI::5Aep…•••••• (41 chars)@acme.my.salesforce.com',
    );
    // A hex secret that happens to start as an org id does is no token: no prefix.
    assert.equal(masked(`client_secret=00DA${'7'.repeat(60)}`), 'client_secret=•••••• (64 chars)');
  });

  test("a setter's password with the security token joined on: every literal of the argument is masked", () => {
    const token = 'Xq7pL2mN9vR4tY8wK3jH5sD1';
    for (const pasted of [
      `config.setPassword("Summer2024pw" + "${token}");`,
      `config.setPassword(password + "${token}");`,
      `config.setPassword("Summer2024pw" + securityToken);`,
      `creds.SetPassword("Summer2024pw" + "${token}", realm)`,
    ]) {
      const text = masked(pasted);
      assert.ok(!text.includes('Summer2024pw') && !text.includes(token.slice(4)), `${pasted} → ${text}`);
    }
    // Only the first argument: a second one (an instance URL) is no part of the password.
    assert.match(
      masked(`conn.setAccessToken("Summer2024pw", "https://acme.my.salesforce.com")`),
      /^conn\.setAccessToken\("••••••[^"]*", "https:\/\/acme\.my\.salesforce\.com"\)$/,
    );
  });

  test("the security token joined onto a password literal, a Go url.Values' braced value, a pair list's value", () => {
    const token = 'Xq7pL2mN9vR4tY8wK3jH5sD1';
    for (const pasted of [
      // A dict, a hash or an object literal with the token joined on, as people write a Salesforce password.
      `"password": "Summer2024pw" + "${token}",`,
      `'password' => 'Summer2024pw' . '${token}',`,
      `password: 'Summer2024pw' + '' + \`${token}\`,`,
      `{"password": {"Summer2024pw${token}"}}`,
      `form := url.Values{"password": { "Summer2024pw${token}" }}`,
      // A list of pairs whose grant type is itself a credential's name: the value after it is the password.
      `Map.of("grant_type", "password", "password", "Summer2024pw${token}")`,
      `[("grant_type", "password"), ("password", "Summer2024pw${token}")]`,
    ]) {
      const text = masked(pasted);
      assert.ok(!text.includes('Summer2024pw') && !text.includes(token.slice(4, 20)), `${pasted} → ${text}`);
    }
    assert.equal(
      masked(`"password": "Summer2024pw" + "${token}", "username": "me@example.com"`),
      '"password": "••••••" + "•••••• (24 chars)", "username": "me@example.com"',
    );
    // A grant type's own value stays: only a credential's value is masked.
    assert.equal(masked('Map.of("grant_type", "password")'), 'Map.of("grant_type", "password")');
  });

  test("a username-password call's positional secrets are masked, its endpoint URL kept", () => {
    // Force.com Toolkit for .NET: (consumer key, consumer secret, username, password, token endpoint).
    const text = masked(
      `await auth.UsernamePasswordAsync("3MVG9abc", "${SECRET}", "me@example.com", "Summer2024pwXq7pL2mN9v", "https://login.salesforce.com/services/oauth2/token");`,
    );
    assert.ok(!text.includes(SECRET.slice(4)) && !text.includes('2024pwXq7'), text);
    assert.match(text, /^await auth\.UsernamePasswordAsync\("3MVG9abc", /);
    assert.match(text, /"https:\/\/login\.salesforce\.com\/services\/oauth2\/token"\);$/);
  });

  test('every credential of a URL or form is masked, a JWT after them or not', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOXgifQ.c2lnbmF0dXJlc2lnbmF0dXJlc2ln';
    const callback =
      'https://localhost:8081/oauthcallback.html#access_token=00D5j000000AbCd%21AQ8AQJx7hYq9ZzPq1.abcdefghijklmnop' +
      '&refresh_token=5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJ9d2&signature=pQ7bN0tYl1HkX3Yv5ZcYQWmQ0v1sRZq2pH3kJ7c%2Bd9E%3D' +
      `&id_token=${jwt}&token_type=Bearer`;
    const text = masked(callback);
    for (const secret of ['AQ8AQJx7hYq9', 'TSESvWeug', 'HkX3Yv5Z', 'c2lnbmF0dXJl'])
      assert.ok(!text.includes(secret), `${secret} left in ${text}`);
    assert.match(text, /&id_token=eyJhbGciOiJSUzI1NiJ9\.eyJpc3MiOiIzTVZHOXgifQ\.••••••&token_type=Bearer$/);
    const form = `code=aPrx7Q2LmZk1xYz&client_secret=${SECRET}&grant_type=x&assertion=${jwt}`;
    assert.ok(!masked(form).includes(SECRET.slice(4)), masked(form));
    assert.ok(!masked(form).includes('7Q2LmZk1xYz'), masked(form));
  });

  test('error bodies keep every key and value: the explainer reads them', () => {
    for (const pasted of [
      '{"error":"invalid_token","error_description":"Access token is invalid"}',
      '{"error":"expired_token","error_description":"token expired"}',
      '{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}',
      '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]',
      "{'error': 'invalid_token', 'error_description': 'x y'}",
    ])
      assert.equal(masked(pasted), pasted);
  });

  test('words, statuses and error codes around the secrets stay readable', () => {
    for (const pasted of [
      'Basic authentication failed for this request',
      'OAuth Username-Password flow is blocked',
      'HTTP/1.1 401 code=400',
      "{ code: 'ERR_OSSL_UNSUPPORTED', library: 'DECODER routines' }",
      'Error: connect ECONNREFUSED 127.0.0.1:8443 code: ECONNREFUSED',
      '"token_type": "Bearer", "error_code": "INVALID_SESSION_ID"',
      'grant_type=refresh_token&client_id=3MVG9x',
      'SF_PASSWORD=\nSF_CLIENT_SECRET=null\nrefreshToken: undefined',
      // An error code and its description, as tools print them: the words the explainer reads.
      'INVALID_SESSION_ID: This session is not valid for use with the REST API',
      'INVALID_OPERATION_WITH_EXPIRED_PASSWORD: The users password has expired',
      'invalid_token: This token is invalid',
      'expired_token: the device code has expired',
      "{ code: 'invalid_grant' }",
      '"privateKey": "[a private key, removed here]"',
      'client_secret: process.env.SF_CLIENT_SECRET',
      'MALFORMED_QUERY: \nSELECT Id FRM Account\n          ^\nERROR at Row:1:Column:11\nunexpected token: FRM',
      "MALFORMED_QUERY: unexpected token: 'ORDERBY'",
      'WWW-Authenticate: Bearer error_description="The access token expired", error="invalid_token"',
      'INVALID_SESSION_ID::This session is not valid for use with the REST API',
      'Error: Bypass: enabled',
      'refresh token: expired',
      // Settings named after a credential that say where or what kind, a flag in a sentence, a status and words.
      'SF_TOKEN_URL=https://login.salesforce.com/services/oauth2/token\nSF_PRIVATE_KEY_FILE=certs/jwt.key',
      'use the --password flag to give it',
      'code: 400 Bad Request',
      'Token: Invalid or expired',
      // An error code first, its words after it, under a credential's name (YAML, a log line).
      'Token: invalid_grant: expired access/refresh token',
      '- token: invalid_grant - expired access/refresh token',
      'Pass: invalid_grant - authentication failure',
      'SF_PASSWORD_PROD: INVALID_LOGIN: Invalid username, password, security token; or user locked out.',
      // An HTTP status logged after a credential's name: three digits are no password, token or secret.
      '2024/05/01 02:13:44 token: 400 {"error":"invalid_grant","error_description":"authentication failure"}',
      'refresh_token=401 Unauthorized',
      // Calls named after a credential that carry words, not one: exceptions, stack frames, messages, variables.
      "throw new InvalidToken('Session expired or invalid')",
      "raise exceptions.InvalidToken('Session expired or invalid')",
      'errors.AuthError.ExpiredToken("expired access/refresh token")',
      '    at OAuth2.refreshToken (/app/node_modules/jsforce/lib/oauth2.js:140:5)',
      'expect(() => run()).toThrow("invalid token")',
      'builder.withMessage("invalid client secret").setPassword(password)',
    ])
      assert.equal(masked(pasted), pasted);
    // An authorization code is still one.
    assert.match(
      masked('https://localhost:8081/oauth/callback?code=aPrx7Q2LmZk1%3D%3D&state=s'),
      /code=aPrx…•••••• \(18 chars\)&state=s/,
    );
  });

  test("a connection string's secrets are masked, each key's words and the separators kept", () => {
    for (const [pasted, expected] of [
      [
        'User=me@acme.com;Password=Secret123;Security Token=AbCdEf123;',
        'User=me@acme.com;Password=••••••;Security Token=••••••;',
      ],
      // At a line's start too, where an INI line's value would run to the line's end.
      ['Password=Secret123;Security Token=AbCdEf123;', 'Password=••••••;Security Token=••••••;'],
      [
        'AuthScheme=OAuthClient;OAuth Client Id=3MVG9abc;OAuth Client Secret=ABCDEF123456;InitiateOAuth=GETANDREFRESH;',
        'AuthScheme=OAuthClient;OAuth Client Id=3MVG9abc;OAuth Client Secret=••••••;InitiateOAuth=GETANDREFRESH;',
      ],
      ['Client Secret=ABCDEF123456;Client Id=3MVG9abc', 'Client Secret=••••••;Client Id=3MVG9abc'],
      [
        'jdbc:salesforce:User=me@acme.com;Password=Secret123;Security Token=AbCdEf123;UseSandbox=true',
        'jdbc:salesforce:User=me@acme.com;Password=••••••;Security Token=••••••;UseSandbox=true',
      ],
      // A ; inside the value, no key after it, is the password's own.
      ['Password=Secret1;23;Security Token=AbCdEf123;', 'Password=••••••;Security Token=••••••;'],
      // A Java toString's fields, a comma and a blank between them: the comma before the next key is no password's.
      [
        'ConnectorConfig[username=me@acme.com, password=Summer2024AbCdEf123, authEndpoint=https://login.salesforce.com]',
        'ConnectorConfig[username=me@acme.com, password=•••••• (19 chars), authEndpoint=https://login.salesforce.com]',
      ],
      ['secret=a,b,c&x=1', 'secret=••••••&x=1'],
      // After : or => (YAML, a log, a hash) no key follows inside a value: what looks like one is the secret's own.
      ['password: abc;def=ghi', 'password: ••••••'],
      ['client_secret => abc,def=1 x', 'client_secret => •••••• x'],
    ] as const)
      assert.equal(masked(pasted), expected);
  });

  test("a traceback's line of code assigning a call's result keeps the call, its literal secrets masked", () => {
    const refresh = '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrQhx8N3XWDoTqWQ0rnHHMuAuuRFJmlfEbPn6Cfj9aN8V7oQd';
    for (const [pasted, expected] of [
      [
        `    token = sf.refresh_token(TOKEN_URL, refresh_token='${refresh}', client_id=KEY)`,
        "    token = sf.refresh_token(TOKEN_URL, refresh_token='5Aep…•••••• (86 chars)', client_id=KEY)",
      ],
      [
        "    access_token = client.fetch_token(url, username='me@x.com', password='pa55wordTOKEN9')",
        "    access_token = client.fetch_token(url, username='me@x.com', password='•••••• (14 chars)')",
      ],
      // A value that is no call, however it starts, stays masked.
      ['password = Summer(2024) rocks', 'password = •••••• (18 chars)'],
    ] as const)
      assert.equal(masked(pasted), expected);
  });

  test('a password shaped like a call (a dot, a parenthesis) is masked in a .env line, JSON and a connection string', () => {
    for (const [pasted, expected] of [
      ['SF_PASSWORD=Acme.Corp(2024)x', 'SF_PASSWORD=•••••• (16 chars)'],
      ['{"password": "Acme.Corp(2024)"}', '{"password": "•••••• (15 chars)"}'],
      ['{"client_secret": "sf.refresh_token(x"}', '{"client_secret": "•••••• (18 chars)"}'],
      ['Server=db;Password=Acme.Corp(9);Database=x', 'Server=db;Password=••••••;Database=x'],
    ] as const)
      assert.equal(masked(pasted), expected);
  });

  test('an API key header spelt with a hyphen (X-Api-Key) is masked, set in code or sent', () => {
    for (const [pasted, expected] of [
      ["req.setHeader('X-Api-Key', 'k3yV4lue123abc');", "req.setHeader('X-Api-Key', '•••••• (14 chars)');"],
      ['curl -H "x-api-key: k3yV4lue123abc"', 'curl -H "x-api-key: •••••• (14 chars)"'],
      ['The api-key header is missing', 'The api-key header is missing'],
    ] as const)
      assert.equal(masked(pasted), expected);
  });
});
