// Explanations for a call a browser kept from the page's script (CORS), by the endpoint it went to. Salesforce adds
// the CORS headers only for origins in the org's CORS allowlist (Setup → CORS), and on its OAuth endpoints only on a
// My Domain with "Enable CORS for OAuth endpoints" on (Salesforce Help: "Configure Salesforce CORS Allowlist",
// "Enable CORS for OAuth Endpoints").
import type { ExplainContext, Rule } from './types.ts';

// The rules of an entry, not an order to add the named origin: for null, or http:// on another host than localhost,
// originDetail says what to add instead, and "add it as named" here would contradict it on the same card.
const ORIGIN_RULES =
  'An entry is the origin the browser names after "from origin": scheme, host and port, such as http://localhost:3000. Only localhost may be http; no entry can name null (a page opened from a file); * may stand only before a second-level domain (https://*.example.com); an IP address and a name for it are different origins.';
const DO_NOT =
  "Do not set mode: 'no-cors' (the answer then comes back unreadable), send the calls through a public CORS proxy (it sees every token), or put the consumer secret in the page's code.";
const BROWSER_ONLY = 'The browser enforces this: the same call from curl or a server is answered.';

/** A card for calls to these addresses, unless the browser said cookies went along (that card alone fits then). */
const callTo = (address: RegExp): RegExp =>
  new RegExp(`^(?!.*sent with credentials$).*(?:${address.source})`, 'i');

/** A call that went to a generic login host, where no setting opens it: the instance's address is the fix. */
const onLoginHost = (host: string | undefined): string | undefined =>
  host
    ? `The call went to ${host}, the generic login host, which answers no other origin's page whatever the settings: send it to the instance_url of the token response (the org's My Domain), and allow your origin there.`
    : undefined;

/** The entry the allowlist needs, from the origin the browser named: as it is, on https, or none for a file's page. */
function originDetail({ pageOrigin }: ExplainContext): string | undefined {
  if (!pageOrigin) return undefined;
  // Browsers send the origin "null" for a page opened from a file, a sandboxed frame, or after some redirects.
  if (pageOrigin === 'null')
    return "Your browser named the page's origin null: the page was opened from a file (file://) or runs in a sandboxed frame, and no allowlist entry can name that. Serve it from a web server (http://localhost:<port> while you develop) and add that origin.";
  const named = `Your page's origin, as your browser named it: ${pageOrigin}.`;
  const http = /^http:\/\/([^/:]+)/i.exec(pageOrigin);
  if (http && http[1].toLowerCase() !== 'localhost')
    return `${named} The allowlist takes http:// only for localhost: serve the page over https and add ${pageOrigin.replace(/^http:/i, 'https:')}.`;
  return `${named} Add exactly that to the allowlist.`;
}

/** Both details a card may have for a request, in that order. */
const both = (...details: (string | undefined)[]): string | undefined =>
  details.filter(Boolean).join(' ') || undefined;

export const CORS_RULES: Rule[] = [
  {
    // First: the browser checks the origin before the credentials, so the origin passed, and the cards below would
    // send the reader to the allowlist for nothing. A fetch of authorize keeps its own card: the page is the mistake.
    key: 'cors-credentials',
    error: 'cors_blocked',
    description: /^(?!.*\/services\/oauth2\/authorize).*sent with credentials$/i,
    title: 'The page asked the browser to send cookies with the call',
    likelyMeaning: `The call was made with credentials (fetch's credentials: 'include', or withCredentials = true on XMLHttpRequest or axios), so the browser hands the answer to the page only if it says Access-Control-Allow-Credentials: true, and this one did not. The origin itself may be allowed. ${BROWSER_ONLY}`,
    howToFix:
      "Leave the cookies out: drop credentials: 'include' (fetch's default, 'same-origin', sends none to another origin) or set withCredentials to false. A call to Salesforce needs no cookie: the access token goes in the Authorization header (Bearer). If the browser then names another reason, paste that one.",
    whatNotToDo: DO_NOT,
  },
  {
    key: 'cors-generic-login-host',
    detail: originDetail,
    error: 'cors_blocked',
    description: callTo(/\/\/(?:login|test)\.salesforce\.com\/services\/oauth2\/(?:token|revoke|introspect)/),
    title: "A page's script cannot call login.salesforce.com's token endpoint",
    likelyMeaning: `The generic login hosts never answer a page's cross-origin call to /services/oauth2/token, revoke or introspect, whatever the settings: only a My Domain (or Experience Cloud site) address does, with "Enable CORS for OAuth endpoints" on. So the browser keeps the answer, tokens and all, from your page. ${BROWSER_ONLY}`,
    howToFix: `1. Call your org's My Domain instead (https://yourdomain.my.salesforce.com/services/oauth2/token). 2. Setup → CORS: tick Enable CORS for OAuth endpoints, and add your page's origin to the allowlist. ${ORIGIN_RULES} 3. A page has no place to keep a secret: use PKCE with an app that does not require the secret for the web server flow, or trade the code on a server of yours.`,
    whatNotToDo: DO_NOT,
  },
  {
    key: 'cors-oauth-endpoint',
    error: 'cors_blocked',
    description: callTo(/\/services\/oauth2\/(?:token|revoke|introspect|pkce)/),
    title: 'CORS is not on for the OAuth endpoints, or not for this origin',
    // Salesforce's page lists what the box opens and on which hosts, not whether the allowlist must name the origin
    // as well: the emulator takes that stricter reading (cors.ts), and the card says it is not documented.
    likelyMeaning: `Cross-origin calls to /services/oauth2/token, revoke and introspect (and /services/oauth2/pkce/generator) are answered only with Enable CORS for OAuth endpoints ticked, and only on the org's My Domain (or an Experience Cloud site). Salesforce's page does not say whether the origin must also be in the CORS allowlist. ${BROWSER_ONLY}`,
    howToFix: `1. Setup → CORS: tick Enable CORS for OAuth endpoints. 2. Add your page's origin to the allowlist there too, to be safe. ${ORIGIN_RULES} 3. Call the My Domain address. 4. Keep the secret out of the page: PKCE, with the app not requiring the secret for the web server flow.`,
    whatNotToDo: DO_NOT,
    detail: (c) => both(onLoginHost(c.oauthLoginHost), originDetail(c)),
  },
  {
    key: 'cors-authorize',
    error: 'cors_blocked',
    description: /\/services\/oauth2\/authorize/i,
    title: 'The authorize endpoint is a page to open, not a call to fetch',
    likelyMeaning:
      "/services/oauth2/authorize answers a browser that goes there with Salesforce's login and approval pages, then sends it on to your callback with a code (or, in the user-agent flow, a token). A script that fetches it gets redirects to a login page it cannot show; from another origin the browser keeps even those from it, unless the org opened its OAuth endpoints to that origin (Enable CORS for OAuth endpoints), which still shows no login.",
    howToFix:
      'Send the browser there instead: window.location.assign(authorizeUrl), or a link or form, then read the code (or the fragment) on your callback page.',
    whatNotToDo:
      "Do not post the user's name and password to Salesforce from your own page to avoid it: the login belongs on Salesforce's page, which is what keeps the password out of your app.",
  },
  {
    key: 'cors-identity-url',
    detail: originDetail,
    error: 'cors_blocked',
    description: callTo(/\/id\/00d\w{12,15}\/005\w{12,15}/),
    title: 'The identity URL is not among the endpoints Salesforce opens to CORS',
    likelyMeaning: `The identity URL (a token's id) is not among the endpoints Salesforce lists as answering a page's cross-origin calls (OpenID discovery and keys, userinfo and the REST API for allowlisted origins; token, revoke and introspect with Enable CORS for OAuth endpoints), so the browser keeps its answer from the page. ${BROWSER_ONLY}`,
    howToFix: `1. Ask /services/oauth2/userinfo on your My Domain instead (the same user's details, in OpenID Connect's form). 2. Add your page's origin in Setup → CORS. ${ORIGIN_RULES} 3. Or, in place of both: ask the identity URL from a server of yours.`,
    whatNotToDo: DO_NOT,
  },
  {
    key: 'cors-rest',
    error: 'cors_blocked',
    description: callTo(/\/services\/(?:data|apexrest|oauth2\/userinfo)\b/),
    title: "The org's CORS allowlist does not name your page's origin",
    // The 403 is documented for the APIs; what userinfo answers an unlisted origin is not (the emulator: no CORS
    // headers), so the card gives it to the APIs alone.
    likelyMeaning: `The REST API, Apex REST and userinfo answer a page's cross-origin call only for an origin in the org's CORS allowlist. The APIs refuse any other origin with a 403; the browser shows any such refusal as a blocked call. The token may be fine. ${BROWSER_ONLY}`,
    howToFix: `Setup → CORS → New (Allowed Origins List): add your page's origin. ${ORIGIN_RULES}`,
    whatNotToDo: DO_NOT,
    detail: (c) => both(onLoginHost(c.apiLoginHost), originDetail(c)),
  },
  {
    key: 'cors-blocked',
    detail: originDetail,
    error: 'cors_blocked',
    title: "The browser kept Salesforce's answer from your page (CORS)",
    likelyMeaning: `The answer to your page's cross-origin call did not name its origin in Access-Control-Allow-Origin, so the browser kept it from the script. Salesforce names only origins in the org's CORS allowlist (the REST API, userinfo); on the token, revoke and introspect endpoints, only on a My Domain with Enable CORS for OAuth endpoints on. ${BROWSER_ONLY}`,
    howToFix: `1. Setup → CORS: add your page's origin to the allowlist. ${ORIGIN_RULES} 2. For the token endpoint, also tick Enable CORS for OAuth endpoints there and call your My Domain, not login.salesforce.com. 3. Or make the call from your own server, which no browser policy stops.`,
    whatNotToDo: DO_NOT,
  },
];
