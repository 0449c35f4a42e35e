// Explanations for the app's own refusals (failed checks, unusable files) and for answers that never came.
import { CALLBACK_RULES } from './callbackRules.ts';
import { TAMPER_RULES } from './tamperRules.ts';
import type { Rule } from './types.ts';

export const APP_RULES: Rule[] = [
  ...CALLBACK_RULES,
  ...TAMPER_RULES,
  {
    key: 'signature-mismatch',
    restartAfter: true,
    error: 'signature_mismatch',
    title: 'The response signature is wrong',
    likelyMeaning:
      "Base64(HMAC-SHA256(secret, id + issued_at)) did not match. Most often SF_CLIENT_SECRET is not this app's consumer secret (another app's, or an old one); otherwise the answer was altered on the way.",
    howToFix: "Copy the app's Consumer Secret into SF_CLIENT_SECRET again and restart the playground.",
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
    key: 'id-token-missing',
    error: 'id_token_invalid',
    description: 'openid was requested, but no id_token came.',
    title: 'No id_token came back',
    likelyMeaning:
      'openid was among the scopes this login asked for, and Salesforce sends an id_token with the token when it grants openid; none came. A scope the app does not allow is refused at the authorize step (invalid_scope), so the login was not simply granted without it: something between Salesforce and this app changed the response (a proxy, a callback URL edited by hand), or the answer did not come from Salesforce.',
    howToFix:
      "Look at what came back in the transcript (the token leg, or the callback's fragment in the user-agent flow) and at what answers at SF_LOGIN_URL; then start again. If you do not need the id_token, leave openid out of the scopes you pick on the flow page (or out of SF_SCOPES).",
    whatNotToDo: 'Do not skip the check: a login that asked for an id_token and got none is not trusted.',
  },
  {
    key: 'id-token-invalid',
    restartAfter: true,
    error: 'id_token_invalid',
    title: 'The id_token did not verify',
    likelyMeaning:
      "Its signature does not match the issuer's published keys (/id/keys), or its iss or aud is not what this app expects.",
    howToFix: 'Check SF_LOGIN_URL (the issuer) and SF_CLIENT_ID (the audience), then start again.',
    whatNotToDo: 'Do not trust claims from an id_token whose signature you have not verified.',
  },
  {
    key: 'token-response-incomplete',
    restartAfter: true,
    error: 'token_response_incomplete',
    title: 'The token response lacks a field this app needs',
    likelyMeaning:
      "This app stopped, not Salesforce: the answer that should have carried the token came without access_token, instance_url or id, which every Salesforce token response of these flows has. Something other than Salesforce answered (a proxy's or a site's page at SF_LOGIN_URL), or the callback was opened by hand with a made-up fragment.",
    howToFix:
      "Look at what came back in the transcript below (the token leg, or the callback's fragment in the user-agent flow): if it is not Salesforce's answer, point SF_LOGIN_URL at your org's login host or My Domain. Then start the flow again from this app's page.",
    whatNotToDo:
      'Do not make the API calls with what came: without instance_url they would go to a host this app cannot trust.',
  },
  {
    key: 'pem-error',
    restartAfter: true,
    error: 'pem_error',
    title: 'The private key file cannot be used',
    likelyMeaning:
      'It is not a PEM private key ("no start line"), it is encrypted, line breaks were lost when it was put in an environment variable, or the file is gone or unreadable since the app started.',
    howToFix:
      "Point SF_JWT_KEY_FILE at an unencrypted PEM key file (openssl rsa -in enc.key -out jwt.key), or delete certs/jwt.key and certs/jwt.crt to generate a pair (a real org's app then needs the new certificate uploaded). A file this user may not read (EACCES) needs its owner fixed instead: chown it to this user (a run with sudo leaves such files).",
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
    detail: (c) =>
      c.answeredBefore
        ? `${c.answeredBefore} answered an earlier call of this attempt, so its address is right: it stopped answering since (stopped or restarting, or the network dropped). Run the flow again once it answers.`
        : c.signedInAt &&
          `This sign-in worked, and Salesforce itself named ${c.signedInAt} as its instance, so no setting is wrong: the org stopped answering since (stopped or restarting, or the network dropped). Try again once it answers.`,
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
    restartAfter: true,
    error: 'untrusted_certificate',
    title: 'The server presented a certificate this app does not trust',
    likelyMeaning:
      'The TLS certificate is self-signed, expired, issued for another host name, or signed by a company proxy whose root certificate this machine does not have.',
    howToFix:
      "Check SF_LOGIN_URL (the host name must match the certificate). Behind a company proxy, give Node its root certificate with NODE_EXTRA_CA_CERTS=/path/to/root.pem. Against this project's own emulator in org mode (npm run emulator), that is NODE_EXTRA_CA_CERTS=certs/server.crt. Restart after setting it.",
    whatNotToDo:
      'Never turn certificate checks off (NODE_TLS_REJECT_UNAUTHORIZED=0): it sends tokens to anyone in the middle.',
  },
  {
    key: 'no-authorize-endpoint',
    error: 'no_authorize_endpoint',
    title: "Nothing at SF_LOGIN_URL is Salesforce's login page",
    likelyMeaning:
      "Before sending the browser on, this app asked the authorize endpoint itself, and that address answered that it has no such page: SF_LOGIN_URL names a server that is not a Salesforce login host (another host, or another port: in org mode against this project's emulator, often the playground's PORT where EMULATOR_PORT belongs).",
    howToFix:
      'Set SF_LOGIN_URL to https://login.salesforce.com, https://test.salesforce.com or your My Domain (for the emulator in org mode, https://localhost:<EMULATOR_PORT>), restart, and run Check my setup.',
    whatNotToDo:
      'Do not send the browser there anyway: it lands on a page that says nothing about the login.',
  },
  {
    key: 'html-response',
    restartAfter: true,
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
      "Salesforce reported a failure of its own: a 5xx answer, or server_error sent back to the callback (RFC 6749's stand-in for a 500 during the login; whether Salesforce sends it is unconfirmed). Most often a temporary failure or maintenance on the instance.",
    howToFix:
      'Wait and try again; https://status.salesforce.com shows incidents and maintenance per instance.',
    whatNotToDo: 'Do not change your configuration because of a 5xx: the request may well be right.',
  },
];
