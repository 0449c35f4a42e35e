// The error explainer on pasted errors: the cards of an exact description only, Salesforce's help page wordings,
// an error read from a callback URL, SOAP login and API access errors each with an explanation of their own, and
// the token exchange's errors (a flow only pasted errors come from).
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { explain, explainCandidates } from '../../../server/teaching/explainer/explain.ts';
import { readPastedError } from '../../../server/teaching/explainer/pasted.ts';

describe('error explainer', () => {
  test('a pasted error gets the cards of its exact description only, and the help page wordings are known', () => {
    const notRest = explainCandidates({
      error: 'INVALID_SESSION_ID',
      error_description: 'This session is not valid for use with the REST API',
    });
    assert.deepEqual(
      notRest.map((card) => card.key),
      ['session-not-rest'],
    );
    assert.equal(
      explainCandidates({ error: 'invalid_grant', error_description: 'Audience validation failed' })[0].key,
      'audience-help-page',
    );
    assert.equal(
      readPastedError('https://localhost:8081/cb?error=access-denied&state=x')?.error,
      'access_denied',
    );
    // nginx's page of another status that merely quotes the header-too-large words is no call too long.
    const nginxPage = (title: string) =>
      `<html><head><title>${title}</title></head><body><p>Request Header Or Cookie Too Large</p><hr><center>nginx</center></body></html>`;
    assert.equal(readPastedError(nginxPage('500 Internal Server Error'))?.error, undefined);
    assert.equal(readPastedError(nginxPage('400 Bad Request'))?.error, 'request_too_long');
    // error= inside another attribute's name (an HTML onerror=) is no callback's error parameter.
    assert.equal(readPastedError('<img src=x onerror=alert(1)>'), undefined);
    assert.equal(readPastedError('redirected to /cb error=access_denied&x=1')?.error, 'access_denied');
  });

  test('errors pasted from SOAP logins and API access checks get their own explanation', () => {
    for (const [pasted, key] of [
      [
        'Error: INVALID_LOGIN: Invalid username, password, security token; or user locked out.',
        'soap-invalid-login',
      ],
      [
        'LOGIN_MUST_USE_SECURITY_TOKEN: Invalid username, password, security token; or user locked out.',
        'soap-needs-token',
      ],
      ['API_DISABLED_FOR_ORG: API is not enabled for this Organization or Partner', 'api-disabled-org'],
      ['API_CURRENTLY_DISABLED: API is disabled for this User', 'api-disabled-user'],
      ['INVALID_OPERATION_WITH_EXPIRED_PASSWORD: The users password has expired', 'expired-password'],
      ['[{"message":"INVALID_HEADER_TYPE","errorCode":"INVALID_AUTH_HEADER"}]', 'auth-header'],
    ]) {
      const error = readPastedError(pasted);
      assert.ok(error, pasted);
      assert.deepEqual(
        explainCandidates(error).map((explained) => explained.key),
        [key],
        pasted,
      );
    }
    // An edition with the API is reported to answer the same to a user without "API Enabled": that fix is given too.
    const orgOrUser = explainCandidates({ error: 'API_DISABLED_FOR_ORG' })[0];
    assert.match(orgOrUser.howToFix, /give the user "API Enabled"/);
  });

  test("a token exchange's errors, pasted, get cards of their own; the app's own flows never get them", () => {
    const cards = (pasted: string) => {
      const error = readPastedError(pasted);
      assert.ok(error, pasted);
      return explainCandidates(error).map((explained) => explained.key);
    };
    assert.deepEqual(cards('{"error":"invalid_request","error_description":"token handler not found"}'), [
      'token-exchange-handler-not-found',
    ]);
    for (const code of ['invalid_request', 'invalid_grant']) {
      assert.deepEqual(cards(`{"error":"${code}","error_description":"token handler validation failed"}`), [
        `token-exchange-handler-rejected-${code.replace('_', '-')}`,
      ]);
    }
    assert.deepEqual(
      cards(`{"error":"invalid_grant","error_description":"user hasn't approved this consumer"}`),
      ['jwt-not-approved', 'token-exchange-not-approved'],
    );
    // Copied from a page's source or an escaped log: its entities are the words' own characters.
    for (const apostrophe of ['&#39;', '&apos;', '&#x27;', '&rsquo;', '&amp;#39;'])
      assert.deepEqual(
        cards(
          `{"error":"invalid_grant","error_description":"user hasn${apostrophe}t approved this consumer"}`,
        ),
        ['jwt-not-approved', 'token-exchange-not-approved'],
      );
    // The description alone, as a page's source has it.
    const approval = [{ error: 'invalid_grant', error_description: "user hasn't approved this consumer" }];
    assert.deepEqual(readPastedError('user hasn&#39;t approved this consumer', approval), approval[0]);
    const noHandler = explainCandidates({
      error: 'invalid_request',
      error_description: 'token handler not found',
    });
    assert.match(
      noHandler.map((card) => card.likelyMeaning).join(' '),
      /The local emulator has no handlers \(it runs no Apex\): it answers this to every token exchange\./,
    );
    const inJwtFlow = explain(
      { error: 'invalid_grant', error_description: "user hasn't approved this consumer" },
      { flow: 'jwt' },
    );
    assert.equal(inJwtFlow.key, 'jwt-not-approved');
    const inWebServer = explain(
      { error: 'invalid_request', error_description: 'token handler not found' },
      { flow: 'web-server' },
    );
    assert.doesNotMatch(inWebServer.key, /token-exchange/);
  });

  test("objects logged by Node (openid-client, axios) and a SOQL error's lines after its code are read whole", () => {
    const openidClient =
      "ResponseBodyError: server responded with an error in the response body\n    at checkOAuthBodyError {\n  code: 'OAUTH_RESPONSE_BODY_ERROR',\n  error: 'invalid_grant',\n  error_description: 'authentication failure',\n  status: 400\n}";
    assert.deepEqual(readPastedError(openidClient), {
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    const axios =
      "AxiosError: Request failed with status code 400\n  response: { status: 400, data: { error: 'invalid_client_id', error_description: 'client identifier invalid' } }";
    assert.equal(readPastedError(axios)?.error, 'invalid_client_id', 'the body, not the bare status');
    assert.deepEqual(readPastedError('error: invalid_grant\nerror_description: audience is invalid'), {
      error: 'invalid_grant',
      error_description: 'audience is invalid',
    });
    // A setting pasted with the status line, its value masked (YAML), is no error code.
    const withSetting =
      'HTTPError: 401 Client Error: Unauthorized for url: https://x\nSF_PASSWORD: Hunt…•••••• (18 chars)\nREDIS_PASSWORD: ••••••';
    assert.equal(readPastedError(withSetting)?.error, 'http_status_only');
    const bodyless =
      "AxiosError: Request failed with status code 400\n  code: 'ERR_BAD_REQUEST',\n  status: 400";
    assert.equal(
      readPastedError(bodyless)?.error,
      'http_status_only',
      "axios's own code is no Salesforce error",
    );
    assert.deepEqual(
      readPastedError(
        `{ errorCode: 'INVALID_FIELD', message: "No such column 'Nmae' on entity 'Account'." }`,
      ),
      {
        error: 'INVALID_FIELD',
        error_description: "No such column 'Nmae' on entity 'Account'.",
      },
    );
    const soql =
      'Error: MALFORMED_QUERY: \nSELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3\n  ^\nERROR at Row:1:Column:45\nunexpected token: OR';
    const found = readPastedError(soql);
    assert.match(
      found?.error_description ?? '',
      /^SELECT Id[\s\S]*ERROR at Row:1:Column:45\nunexpected token: OR$/,
    );
    assert.equal(explainCandidates(found ?? { error: '' })[0].key, 'soql-and-or');
  });

  test("Java's WSC fault, the sf CLI's curly quotes, a key file not found and MuleSoft's status line", () => {
    const wsc =
      "[LoginFault [ApiFault  exceptionCode='INVALID_LOGIN'\n exceptionMessage='Invalid username, password, security token; or user locked out.'\n]\n]";
    assert.deepEqual(readPastedError(wsc), {
      error: 'INVALID_LOGIN',
      error_description: 'Invalid username, password, security token; or user locked out.',
    });
    const cli =
      'Error (1): We encountered a JSON web token error. Here\u2019s the error: user hasn\u2019t approved this consumer';
    const known = [{ error: 'invalid_grant', error_description: "user hasn't approved this consumer" }];
    assert.deepEqual(readPastedError(cli, known), known[0]);
    assert.equal(
      readPastedError("Error: ENOENT: no such file or directory, open 'certs/server.key'")?.error,
      'pem_error',
    );
    assert.equal(
      readPastedError(
        "HTTP POST on resource 'https://login.salesforce.com/services/oauth2/token' failed: bad request (400).",
      )?.error,
      'http_status_only',
    );
  });
  test(".NET's and Windows PowerShell's status lines are the status alone; passport's denial is access_denied", () => {
    for (const line of [
      'System.Net.Http.HttpRequestException: Response status code does not indicate success: 400 (Bad Request).',
      'Invoke-RestMethod : The remote server returned an error: (400) Bad Request.',
      'System.Net.WebException: The remote server returned an error: (401) Unauthorized.',
    ])
      assert.deepEqual(
        readPastedError(`${line}\n   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()`),
        { error: 'http_status_only', error_description: line, fromClient: true },
      );
    assert.equal(
      explainCandidates({ error: 'http_status_only' })[0].howToFix.includes('ReadAsStringAsync()'),
      true,
    );
    assert.deepEqual(readPastedError('AuthorizationError: end-user denied authorization'), {
      error: 'access_denied',
      error_description: 'end-user denied authorization',
    });
  });

  test("a repr's escapes are read back: simple_salesforce's SOQL message keeps its lines", () => {
    const pasted = `simple_salesforce.exceptions.SalesforceMalformedRequest: Malformed request https://acme.my.salesforce.com/services/data/v59.0/query/?q=SELECT+Id%2C+Nmae+FROM+Account. Response content: [{'message': "\\nSELECT Id, Nmae FROM Account\\n           ^\\nERROR at Row:1:Column:12\\nNo such column 'Nmae' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.", 'errorCode': 'INVALID_FIELD'}]`;
    const found = readPastedError(pasted);
    assert.equal(found?.error, 'INVALID_FIELD');
    assert.match(
      found?.error_description ?? '',
      /^SELECT Id, Nmae FROM Account\n {11}\^\nERROR at Row:1:Column:12\nNo such column 'Nmae'/,
    );
    assert.equal(
      readPastedError(String.raw`{'error': 'invalid_grant', 'error_description': 'a \'quoted\' \\ word'}`)
        ?.error_description,
      "a 'quoted' \\ word",
    );
  });

  test("code pasted above the error: a literal's key is no error code, and openid-client's code (words) is read", () => {
    for (const [pasted, error, description] of [
      [
        "const client = new issuer.Client({ client_id: '3MVG9abc', client_secret: '••••••' });\nOPError: invalid_grant (expired authorization code)\n    at processResponse (/app/node_modules/openid-client/lib/helpers/process_response.js:38:13)",
        'invalid_grant',
        'expired authorization code',
      ],
      [
        "Restforce.new(username: 'a@example.com', security_token: '••••••', client_id: '3MVG9abc')\nRestforce::AuthenticationError: invalid_grant: authentication failure",
        'invalid_grant',
        'authentication failure',
      ],
      [
        "await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: token });\nError: invalid_grant: user hasn't approved this consumer",
        'invalid_grant',
        "user hasn't approved this consumer",
      ],
      [
        "client = Restforce.new(client_id: ENV['SF_CLIENT_ID'], api_version: ENV['SF_API_VERSION'])\nRestforce::UnauthorizedError: INVALID_SESSION_ID: Session expired or invalid",
        'INVALID_SESSION_ID',
        'Session expired or invalid',
      ],
    ])
      assert.deepEqual(readPastedError(pasted), { error, error_description: description }, pasted);
    // A stack frame's function in snake case, before the error, is no code with its words.
    assert.deepEqual(
      readPastedError(
        '    at process_response (/app/lib/x.js:38:13)\n    at handle_error (node:internal/process:5:1)\nError: invalid_grant: inactive user',
      ),
      { error: 'invalid_grant', error_description: 'inactive user' },
    );
  });
});
