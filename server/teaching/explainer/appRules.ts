// Explanations for the app's own refusals (failed checks, unusable files) and for answers that never came.
import type { Rule } from './types.ts';

export const APP_RULES: Rule[] = [
  {
    key: 'state-mismatch',
    error: 'state_mismatch',
    title: 'The callback did not come from a login this browser started',
    likelyMeaning:
      'The state that came back is not one this session sent, or no longer: the login took more than 15 minutes (this app forgets a login it started after that), the callback URL was replayed or reloaded, the login was started in another browser or tab that has since finished, this browser logged out (or signed in) in another tab while the login was under way, the session expired, the login started on one host name and came back to another (localhost and 127.0.0.1 keep separate cookies: SF_CALLBACK_URL names the one to open the playground on), or someone is trying a login CSRF.',
    howToFix: 'Start the flow again from this browser, on the host name SF_CALLBACK_URL names.',
    whatNotToDo: 'Never skip the state check to "make it work".',
  },
  {
    key: 'callback-without-code',
    error: 'callback_without_code',
    title: 'The callback carried no code to exchange',
    likelyMeaning:
      'Salesforce sends the browser back with exactly one code (or one error). This callback had none, an empty one, or several: its URL was edited or put together by hand, or something between Salesforce and this app rewrote it.',
    howToFix: "Start the flow again and let the browser follow Salesforce's redirect unchanged.",
    whatNotToDo:
      'Do not paste a code into the callback by hand: each works once, for the login (and PKCE verifier) that asked for it.',
  },
  {
    key: 'signature-mismatch',
    error: 'signature_mismatch',
    title: 'The response signature is wrong',
    likelyMeaning:
      "Base64(HMAC-SHA256(secret, id + issued_at)) did not match: the response was altered, or the configured secret is not this app's.",
    howToFix: 'Check SF_CLIENT_SECRET; start again.',
    whatNotToDo: 'Do not accept a token whose signature fails.',
  },
  {
    key: 'nonce-mismatch',
    error: 'nonce_mismatch',
    title: 'The id_token was not issued for this login',
    likelyMeaning: 'Its nonce is not the one this session sent: a replayed id_token.',
    howToFix: 'Start again.',
    whatNotToDo: 'Do not accept an id_token without checking its nonce.',
  },
  {
    key: 'id-token-invalid',
    error: 'id_token_invalid',
    title: 'The id_token did not verify',
    likelyMeaning:
      "Its signature does not match the issuer's published keys (/id/keys), or its iss or aud is not what this app expects.",
    howToFix: 'Check SF_LOGIN_URL (the issuer) and SF_CLIENT_ID (the audience), then start again.',
    whatNotToDo: 'Do not trust claims from an id_token whose signature you have not verified.',
  },
  {
    key: 'pem-error',
    error: 'pem_error',
    title: 'The private key file cannot be used',
    likelyMeaning:
      'It is not a PEM private key ("no start line"), it is encrypted, or line breaks were lost when it was put in an environment variable.',
    howToFix:
      'Point SF_JWT_KEY_FILE at an unencrypted PEM key file (openssl rsa -in enc.key -out jwt.key), or delete certs/jwt.* to generate a pair.',
    whatNotToDo: 'Do not paste private keys into environment variables or tickets.',
  },
  {
    key: 'network',
    error: 'network_error',
    title: 'Salesforce did not answer',
    likelyMeaning:
      'The host could not be reached: a wrong SF_LOGIN_URL (or SF_MY_DOMAIN, for the API and client credentials), no network, a proxy, or, with the local emulator, the emulator is not running.',
    howToFix:
      'Check the host the transcript shows for the failed call (SF_LOGIN_URL, or SF_MY_DOMAIN), and that it answers in a browser.',
    whatNotToDo: 'Do not disable TLS verification to get past certificate errors.',
  },
  {
    key: 'callback-replayed-error',
    error: 'callback_replayed',
    description: 'this callback carried an error, and its state was already used: its state works once',
    title: 'A callback with an error came back for a login already finished',
    likelyMeaning:
      'The browser came back to this app with an error and a state this session had already used: a callback with an error reloaded, or Back to Salesforce and then Deny. Either way this callback changes nothing: it is an attempt of its own, and whatever the first one did (signed in or not) stands.',
    howToFix:
      'Nothing to fix: open the result page if you are signed in, or use Run to start the flow again.',
    whatNotToDo: 'Do not accept a state twice or keep callback URLs.',
  },
  {
    key: 'callback-replayed',
    error: 'callback_replayed',
    title: 'This login was already completed: its state works once',
    likelyMeaning:
      "The browser came back with a state this session had already completed. Either the callback URL itself came back (Reload, a bookmark, a copied link: its code is spent too), or Back took the browser to Salesforce's authorize page, which, still logged in and approved, sent it straight here again with a new code but the same old state. The state was used up at the first visit, so this is an attempt of its own and your earlier result is unchanged.",
    howToFix: 'Nothing to fix: open the result page. To sign in anew, use Run, not Back.',
    whatNotToDo:
      'Do not accept a state twice or keep callback URLs: a state that works again lets a replayed callback sign a browser in, and Salesforce refuses a code used twice (expired authorization code).',
  },
  {
    key: 'unsolicited-error',
    error: 'unsolicited_error',
    title: 'An error arrived that this browser did not ask for',
    likelyMeaning:
      "The callback carried an error, but its state matches no login this browser session started: a link replayed from history, a login finished in another browser, or a crafted link. Anyone can put any text in such a link, so the playground does not present it as Salesforce's answer (the raw URL is in the transcript).",
    howToFix:
      'Start the flow again from this browser; a real refusal will then come back with the right state.',
    whatNotToDo: 'Do not show error text from an unsolicited callback as if Salesforce had said it.',
  },
  {
    key: 'untrusted-host',
    error: 'untrusted_host',
    title: 'The token response points at a host that is not the org',
    likelyMeaning:
      'instance_url or id names a host this app does not trust: not the login host, not SF_MY_DOMAIN and not a Salesforce domain. This app would send the access token there next, so it stopped. Either the org lives on a host this app was not told of (a My Domain on a custom domain, or an emulator of its own), or the response was forged or altered on its way (through the browser, in the redirect flows).',
    howToFix:
      "If the host named is your org's own My Domain, set SF_MY_DOMAIN to it (https:// and the host, no path) and restart. Otherwise start again, and check for a proxy or browser extension rewriting responses.",
    whatNotToDo: 'Never call instance_url or id without checking where they point.',
  },
  {
    key: 'timeout',
    error: 'timeout',
    title: 'Salesforce did not answer in time',
    likelyMeaning:
      'The host accepted the connection but sent no answer within the time limit: an overloaded or paused server, a proxy holding the request, or a network that drops packets.',
    howToFix:
      'Try again in a moment; check https://status.salesforce.com for the instance (with the local emulator: that it is running).',
    whatNotToDo: 'Do not raise timeouts to minutes or retry in a tight loop.',
  },
  {
    key: 'untrusted-certificate',
    error: 'untrusted_certificate',
    title: 'The server presented a certificate this app does not trust',
    likelyMeaning:
      'The TLS certificate is self-signed, expired, issued for another host name, or signed by a company proxy whose root certificate this machine does not have.',
    howToFix:
      'Check SF_LOGIN_URL (the host name must match the certificate). Behind a company proxy, give Node its root certificate with NODE_EXTRA_CA_CERTS=/path/to/root.pem.',
    whatNotToDo:
      'Never turn certificate checks off (NODE_TLS_REJECT_UNAUTHORIZED=0): it sends tokens to anyone in the middle.',
  },
  {
    key: 'html-response',
    error: 'html_response',
    title: "A web page came back instead of Salesforce's JSON",
    likelyMeaning:
      'Something other than the API answered: a wrong URL (a Lightning or Setup page), a proxy or captive portal, or a maintenance page.',
    howToFix:
      'Check that SF_LOGIN_URL is a login host (https://login.salesforce.com, https://test.salesforce.com or your My Domain) with no path.',
    whatNotToDo: 'Do not parse HTML error pages as if they were API answers.',
  },
  {
    key: 'server-error',
    error: 'server_error',
    title: 'Salesforce had a problem answering',
    likelyMeaning:
      'The server answered with a 5xx status: a temporary failure or maintenance on the instance.',
    howToFix:
      'Wait and try again; https://status.salesforce.com shows incidents and maintenance per instance.',
    whatNotToDo: 'Do not change your configuration because of a 5xx: the request may well be right.',
  },
];
