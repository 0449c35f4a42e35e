// Explanations for an answer that carries no Salesforce error: a call too long to be read, a paste of the status
// alone (the body, which names the error, left unread, found empty, or in Guzzle's message cut short), Node's fetch
// failing with its reason left out, a redirect where a call expected its answer, and another server's JSON error.
import type { Rule } from './types.ts';

/** nginx's own refusal of a call too long, and where its limit comes from. */
const NGINX_IN_FRONT =
  "nginx answered with its own error page: most often a proxy or gateway between your client and Salesforce (yours, your company's, a hosting platform's) refused the call and did not pass it on. nginx reads the request line and each header into buffers (large_client_header_buffers, 4 of 8 KB by default).";
const RAISE_BUFFERS =
  'If the proxy is yours, raise large_client_header_buffers in its configuration and reload it; if not, ask whoever runs it. Past the proxy, Salesforce has a limit of its own.';
const TOKEN_STAYS =
  "Do not move the access token from the Authorization header into the address to make room: addresses end up in logs, the proxy's among them.";

export const STATUS_ONLY_RULES: Rule[] = [
  // One card for each of nginx's two refusals, so each reader gets only the cause and fix of theirs.
  {
    key: 'request-too-long-proxy',
    error: 'request_too_long',
    // Only nginx's own page gives these words as the description (pastedWithoutCode.ts): its title.
    description: /^414 request-uri too large$/,
    title: 'A proxy in front (nginx) found the call too long',
    likelyMeaning: `${NGINX_IN_FRONT} The request line was longer than one: most often a SOQL query in the address (…/query?q=), which grows as it is encoded.`,
    howToFix: `1. Shorten the address: select fewer fields, split a long IN (…) list of Ids over several queries, or send the query in a request body, as a subrequest of a Composite API call (POST /services/data/vXX.X/composite). 2. ${RAISE_BUFFERS}`,
    whatNotToDo: TOKEN_STAYS,
  },
  {
    key: 'request-too-long-proxy-header',
    error: 'request_too_long',
    // nginx's 400 names its reason on a line of its own (pastedWithoutCode.ts).
    description: /^400 request header or cookie too large$/,
    title: 'A proxy in front (nginx) found the call too long',
    likelyMeaning: `${NGINX_IN_FRONT} A header line was longer than one: most often the cookies a browser keeps for that host.`,
    howToFix: `1. In a browser, clear the cookies kept for that host. 2. ${RAISE_BUFFERS}`,
    whatNotToDo: TOKEN_STAYS,
  },
  // The 16,384 bytes, 414 vs 431, the advised 2,000 characters and 8,000 bytes and the Composite body: Salesforce KB
  // 000386264, "Maximum number of rows returned by SOQL queries over the REST API".
  {
    key: 'request-too-long-server',
    error: 'request_too_long',
    when: (c) => c.byServer === true,
    ownCallsOnly: true,
    title: 'The address, or address and headers, were too long for Salesforce',
    likelyMeaning:
      "Salesforce reads at most 16,384 bytes of a call's address and headers together: an address longer than that alone is answered 414 URI Too Long, address and headers together 431 Request Header Fields Too Large. This call was this app's server's, not your browser's: none of the browser's cookies went with it, and its headers are a few short ones, so the address is what grew. The SOQL query goes in it (…/query?q=), and grows as it is encoded: a space or a quote takes three characters there, a letter outside ASCII six to nine.",
    howToFix:
      'Shorten the query: select fewer fields, or split a long IN (…) list of Ids over several queries. In code of your own, a query this long can go in a request body instead, as a subrequest of a Composite API call (POST /services/data/vXX.X/composite). Salesforce advises addresses under about 2,000 characters.',
    whatNotToDo:
      "Do not clear your browser's cookies for this: they never went with the call. Do not move the access token from the Authorization header into the address to make room: addresses end up in logs.",
  },
  {
    key: 'request-too-long',
    error: 'request_too_long',
    title: 'The address, or address and headers, were too long for Salesforce',
    likelyMeaning:
      "Salesforce reads at most 16,384 bytes of a call's address and headers together: an address longer than that alone is answered 414 URI Too Long, address and headers together 431 Request Header Fields Too Large. Most often it is a SOQL query sent in the address (…/query?q=), which grows as it is encoded: a space or a quote takes three characters there, a letter outside ASCII six to nine. In a browser, a 431 can also come from the cookies it keeps for that host.",
    howToFix:
      'Shorten what goes into the address: select fewer fields, split a long IN (…) list of Ids over several queries, or send the query in a request body as a subrequest of a Composite API call (POST /services/data/vXX.X/composite). Salesforce advises addresses under about 2,000 characters and headers under about 8,000 bytes. In a browser, clear the cookies kept for that Salesforce host.',
    whatNotToDo:
      'Do not move the access token from the Authorization header into the address to make room: addresses end up in logs and browser history.',
  },
  {
    key: 'http-status-only-guzzle',
    error: 'http_status_only',
    description: /resulted in a `\d{3}/,
    title: 'Guzzle quotes only the start of the answer',
    likelyMeaning:
      "PHP's Guzzle raised on the status, and its message quotes at most the first 120 characters of the body Salesforce sent, then (truncated...): the errorCode of a REST error, which comes after its message, is often cut off, and a status alone stands for many causes.",
    howToFix:
      "Read the whole body from the exception, then paste it here: catch (GuzzleHttp\\Exception\\RequestException $e) { echo (string) $e->getResponse()->getBody(); } (or pass ['http_errors' => false] and read the response yourself).",
    whatNotToDo:
      'Do not guess the error from the cut words, and do not log the request to see it: it holds your secret or token.',
  },
  {
    key: 'http-status-no-body',
    error: 'http_status_only',
    description: /\[no body\]/,
    title: 'Your client found the answer empty',
    likelyMeaning:
      "Spring's RestTemplate and RestClient write [no body] when the error answer's body was empty by the time they built the message. Salesforce sends its refusals with the reason in the body (error and error_description from /services/oauth2/token, errorCode and message from the REST API), so either something else answered (a proxy or gateway in between), or something in your client read the body before this message was built (a logging interceptor, an error handler that tried to parse it).",
    howToFix:
      'Catch the exception and print its body (HttpStatusCodeException.getResponseBodyAsString()), then paste that here. If it is empty there too and an interceptor logs answers, give the RestTemplate a BufferingClientHttpRequestFactory so the body can be read twice. Check that the call goes straight to your org: https://login.salesforce.com, https://test.salesforce.com or your My Domain.',
    whatNotToDo:
      'Do not guess from the status alone, and do not log the request to see it: it holds your secret or assertion.',
  },
  {
    key: 'http-status-only',
    error: 'http_status_only',
    title: "Only the HTTP status came through, not Salesforce's answer",
    likelyMeaning:
      'Your client raised an error on the status (400 Bad Request, 401 Unauthorized) and dropped the body Salesforce sent with it, which names the error: error and error_description from /services/oauth2/token, errorCode and message from the REST API. A status alone stands for many causes: a 400 from the token endpoint is any of a dozen refusals.',
    howToFix:
      'Print the body before raising, then paste it here. Python requests: print(r.status_code, r.text) before r.raise_for_status(); axios: console.log(err.response.data); simple-oauth2: console.log(err.data.payload); fetch: await response.text(); curl: drop -f and add -i; Java: read getErrorStream(); C#: await response.Content.ReadAsStringAsync() before EnsureSuccessStatusCode(); Windows PowerShell: $_.ErrorDetails.Message in the catch block.',
    whatNotToDo:
      'Do not guess from the status alone, and do not log the request to see it: it holds your secret or assertion.',
  },
  {
    key: 'fetch-failed',
    error: 'fetch_failed',
    title: "Node's fetch failed, and the reason was left out",
    likelyMeaning:
      'Node\'s built-in fetch (undici) throws "TypeError: fetch failed" for every failure before an HTTP answer (a host it could not find, a refused or dropped connection, a timeout, a TLS certificate it did not trust) and keeps the reason in the error\'s cause, which a log of error.message or error.stack leaves out. No answer came: Salesforce said nothing.',
    howToFix:
      'Log the whole error, cause included, and paste that here: console.error(err) prints [cause] with its code (ENOTFOUND, ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT, UNABLE_TO_VERIFY_LEAF_SIGNATURE, SELF_SIGNED_CERT_IN_CHAIN…); or console.error(err.cause).',
    whatNotToDo:
      'Do not set NODE_TLS_REJECT_UNAUTHORIZED=0 to see whether that helps: it turns certificate checks off for the whole process.',
  },
  {
    key: 'http-redirect',
    restartAfter: true,
    error: 'http_redirect',
    title: 'The call was sent elsewhere instead of answered',
    likelyMeaning:
      "The call expected Salesforce's answer and got a 3xx: most often something other than the org answers at that address (a retired instance, a company proxy or portal), or the address sends callers on to another. This app follows no redirect of its calls, so no secret, assertion or token goes to a host it was not told of.",
    howToFix:
      "Read the Location header of the failed call in the transcript: if it is your org's login host or My Domain, put that in SF_LOGIN_URL (or SF_MY_DOMAIN); otherwise fix the address that sent the call there.",
    whatNotToDo:
      'Do not make a client follow redirects on the token call: the form it would send on holds the secret or the assertion.',
  },
  {
    key: 'foreign-error-answer',
    restartAfter: true,
    error: 'foreign_error_answer',
    title: "An error came back in a shape Salesforce's errors never take",
    likelyMeaning:
      "The call was refused with JSON that is neither OAuth's {error, error_description} nor the REST API's [{errorCode, message}]: most often something other than Salesforce answered, such as a company API gateway or proxy in front of the address, or another service at that host.",
    howToFix:
      "Read the failed call's response body in the transcript: a gateway usually names itself there. Then check that SF_LOGIN_URL is https://login.salesforce.com, https://test.salesforce.com or your My Domain, with no path, and restart.",
    whatNotToDo:
      'Do not send your secret or assertion through a gateway you do not know: whatever answered has already seen this call.',
  },
];
