// The paste-an-error page on what server-side stacks print: Spring Security's "[code] words" (and its own codes,
// which are no answer of Salesforce's), .NET's and Java's failures of their own, PHP Guzzle's body cut at 120
// characters, MuleSoft's error types. Each read as what Salesforce (or the client) said, its secrets masked.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { firstCard, leadOf, pasteStack } from '../support/paste.ts';

const SECRET = '9F1A2B3C4D5E6F70A';
const GUZZLE = 'Guzzle quotes only the start of the answer';

describe('the trouble path: pastes from application servers', () => {
  const { explain } = pasteStack();

  test("Spring Security's [code] words are Salesforce's; its own codes are the client's", async () => {
    const unknown = await explain(
      'org.springframework.security.oauth2.core.OAuth2AuthorizationException: [invalid_request] some words Salesforce may add one day',
    );
    assert.equal(
      leadOf(unknown),
      "Salesforce's answer: invalid_request / some words Salesforce may add one day.",
    );
    // Its token call got no body: the status is all there is, not an error Salesforce named.
    const noBody = await explain(
      'org.springframework.security.oauth2.core.OAuth2AuthorizationException: [invalid_token_response] An error occurred while attempting to retrieve the OAuth 2.0 Access Token Response: 400 Bad Request: [no body]',
    );
    assert.equal(firstCard(noBody), 'Your client found the answer empty');
    // The card says the same as the lead: the body was empty, not dropped.
    assert.doesNotMatch(noBody, /dropped the body/);
    assert.doesNotMatch(noBody, /Salesforce answered invalid_token_response/);
    // Its line is over 200 characters: the quote keeps what was read ([no body], not "[no") and marks the cut.
    assert.match(leadOf(noBody), /The line: …\S.*Access Token Response: 400 Bad Request: \[no body\]\.$/);
    // Cut where a word begins, not inside one ("…ingframework.security").
    assert.match(leadOf(noBody), /The line: …security\.oauth2\.core\./);
    // "[no body]" is the client saying the answer had none: not a body it left unread.
    assert.match(
      leadOf(noBody),
      /error, and by its own words \(\[no body\]\) the answer it read had no body\. The line/,
    );
    // Its own state and nonce checks, after Salesforce's redirect came back.
    const state = await explain(
      'org.springframework.security.oauth2.core.OAuth2AuthenticationException: [authorization_request_not_found] ',
    );
    assert.equal(firstCard(state), "Your client's state check failed");
    const nonce = await explain('OAuth2AuthenticationException: [invalid_nonce] Invalid nonce');
    assert.equal(firstCard(nonce), "Your client's nonce check failed");
    // WebClient's status line alone.
    const webClient = await explain(
      'org.springframework.web.reactive.function.client.WebClientResponseException$BadRequest: 400 Bad Request from POST https://login.salesforce.com/services/oauth2/token',
    );
    assert.equal(firstCard(webClient), "Only the HTTP status came through, not Salesforce's answer");
  });

  test('.NET and Java failures of their own are named so, not left unread', async () => {
    const cases: [string, string][] = [
      [
        'System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot',
        'Your .NET client does not trust the server’s certificate',
      ],
      [
        'System.Net.Http.HttpRequestException: No such host is known. (acme.my.salesforce.com:443)\n ---> System.Net.Sockets.SocketException (11001): No such host is known.',
        'Salesforce did not answer',
      ],
      [
        'System.Net.Http.HttpRequestException: No connection could be made because the target machine actively refused it. (localhost:8443)',
        'Salesforce did not answer',
      ],
      [
        'System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.',
        'Salesforce did not answer in time',
      ],
      [
        'javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching acme.my.salesforce.com found.',
        'Your Java client does not trust the server’s certificate',
      ],
    ];
    for (const [pasted, title] of cases) {
      const html = await explain(pasted);
      assert.equal(firstCard(html), title, pasted);
      assert.match(leadOf(html), /^Not an answer from Salesforce/, pasted);
    }
  });

  test("Guzzle's body cut at 120 characters: no half code read, and the card says how to read it whole", async () => {
    const head =
      'GuzzleHttp\\Exception\\ClientException: Client error: `POST https://acme.my.salesforce.com/services/data/v61.0/sobjects/Account` resulted in a `400 Bad Request` response:\n';
    const cut = await explain(
      `${head}[{"message":"Account Name must be at least three characters long, please fix it now","errorCode":"FIELD_CUSTOM_VA (truncated...)`,
    );
    assert.doesNotMatch(cut, /FIELD_CUSTOM_VA mean|Salesforce answered FIELD_CUSTOM_VA/);
    assert.equal(firstCard(cut), GUZZLE);
    // Guzzle printed the body's start: the lead says so, not that the body went unread (and no full stop after its :).
    assert.equal(
      leadOf(cut),
      "Not Salesforce's whole answer: your client raised an error on the HTTP status, and its message quotes at most the first 120 characters of the body. The line: GuzzleHttp\\Exception\\ClientException: Client error: `POST https://acme.my.salesforce.com/services/data/v61.0/sobjects/Account` resulted in a `400 Bad Request` response:",
    );
    const noCode = await explain(
      `${head}[{"message":"Please enter a valid phone number for this account before you save it, including the area code","e (truncated...)`,
    );
    assert.equal(firstCard(noCode), GUZZLE);
    // A 5xx with an HTML page: read whole, that body is what to look at.
    const server = await explain(
      'GuzzleHttp\\Exception\\ServerException: Server error: `POST https://login.salesforce.com/services/oauth2/token` resulted in a `503 Service Unavailable` response:\n<html><body>Service Unavailable</body></html>',
    );
    assert.equal(firstCard(server), GUZZLE);
    assert.match(leadOf(server), /resulted in a `503 Service Unavailable` response/);
  });

  test("libcurl's words from Guzzle or Insomnia go to curl's card, which says how each takes the root", async () => {
    for (const pasted of [
      'GuzzleHttp\\Exception\\ConnectException: cURL error 60: SSL certificate problem: self-signed certificate (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://localhost:8443/services/oauth2/token',
      'Error: SSL peer certificate or SSH remote key was not OK',
    ]) {
      const html = await explain(pasted);
      assert.equal(firstCard(html), 'curl does not trust the server’s certificate', pasted);
      assert.match(html, /&#39;verify&#39; =&gt; &#39;certs\/server\.crt&#39;/, pasted);
      // Guzzle's line is cut at 200 characters, and says so: never "…/services/oaut." as if it ended there.
      if (pasted.length > 200) assert.match(leadOf(html), /cURL error 60: .*\/services\/oau?t?…$/, pasted);
    }
  });

  test("MuleSoft's error type is the connector's, not Salesforce's code; its config's secrets are masked", async () => {
    const html = await explain(
      [
        "Message               : HTTP POST on resource 'https://login.salesforce.com/services/oauth2/token' failed: bad request (400).",
        'Error type            : HTTP:BAD_REQUEST',
        `<salesforce:oauth-client-credentials clientId="3MVG9fakeConsumerKey" clientSecret="${SECRET}"/>`,
      ].join('\n'),
    );
    assert.doesNotMatch(html, /BAD_REQUEST mean|Salesforce answered BAD_REQUEST/);
    assert.equal(firstCard(html), "Only the HTTP status came through, not Salesforce's answer");
    assert.ok(!html.includes(SECRET), 'the client secret is masked');
  });
});
