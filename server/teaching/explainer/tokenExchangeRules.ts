// Explanations for errors of the token exchange flow (RFC 8693 at Salesforce: an Apex handler trades another
// identity provider's token for a Salesforce one). The playground does not run this flow, so these cards answer
// pasted errors only; the words are those one real integration reported (salesforce-wire-flows.md §5.3).
import type { ExplainContext, Rule } from './types.ts';

/** Where an org's token exchange handlers are listed, each with the apps enabled for it. */
const HANDLERS = 'Setup → Token Exchange Handlers → your handler';

/**
 * Only a pasted error can come from a token exchange (no flow of this app sends one), and only a paste that shows
 * the grant says it did: told nothing of the request, these cards come after the general one.
 */
const pastedOnly = (c: ExplainContext) => c.grantType === 'urn:ietf:params:oauth:grant-type:token-exchange';

/** Salesforce does not pass on why the handler said no (as reported), so the causes are looked for in its Apex. */
const handlerRejected = (error: string): Rule => ({
  key: `token-exchange-handler-rejected-${error.replace(/_/g, '-')}`,
  error,
  description: 'token handler validation failed',
  when: pastedOnly,
  title: 'Token exchange: your handler turned the incoming token down',
  likelyMeaning:
    "Salesforce found the app and its token exchange handler, and the handler's validateIncomingToken said the subject_token is not valid: expired, issued by another identity provider, for another audience, of a subject_token_type the handler does not read, or the Apex threw. Salesforce does not say which (as one integration reported).",
  howToFix: `Find the reason in the handler: set a debug log on the handler's run-as user (Setup → Debug Logs) and log what validateIncomingToken sees; check that subject_token_type names what the token is (…:access_token, …:id_token, …:jwt) and that ${HANDLERS} supports that type; try a token minted just now.`,
  whatNotToDo:
    'Do not change the app or its policies for this: the request reached the handler, so the app and its enablement were fine.',
});

export const TOKEN_EXCHANGE_RULES: Rule[] = [
  {
    // The default is the app's own (the handler's enablement for it) and token_handler takes the handler's Apex class
    // name: Object Reference, OauthTokenExchHandlerApp (IsDefault).
    key: 'token-exchange-handler-not-found',
    error: 'invalid_request',
    description: 'token handler not found',
    when: pastedOnly,
    title: 'Token exchange: no handler this app may use',
    likelyMeaning:
      "The token exchange request reached Salesforce, but it found no token exchange handler enabled for this app: the app was never enabled on the handler, token_handler names a handler that does not exist, or the request named none and no handler is the app's default. The local emulator has no handlers (it runs no Apex): it answers this to every token exchange.",
    howToFix: `Enable the app on the handler: ${HANDLERS} → Enable New App, with a run-as user; send token_handler with the name of the handler's Apex class, or make the handler the app's default there. Call the token endpoint on My Domain (or the Experience Cloud site), with "Enable Token Exchange Flow" on in the app's OAuth settings.`,
    whatNotToDo:
      'Do not debug the Apex handler for this: it never ran. Nor send the consumer secret from a public client to get past it.',
  },
  handlerRejected('invalid_request'),
  handlerRejected('invalid_grant'),
  {
    key: 'token-exchange-not-approved',
    error: 'invalid_grant',
    description: "user hasn't approved this consumer",
    when: pastedOnly,
    title: 'If this came from a token exchange: the user is not pre-authorized',
    likelyMeaning:
      'A token exchange issues tokens only to users an admin pre-authorized for the app: the handler found the user, but the app lets users self-authorize, or neither their profile nor a permission set of theirs is assigned to it.',
    howToFix:
      'On the app, choose "Admin approved users are pre-authorized" and assign the user\'s profile or a permission set (for an External Client App: Policies → Permitted Users, then a permission set that includes the app).',
    whatNotToDo:
      'Do not have the user approve the app in an interactive login for this: a token exchange never asks them.',
  },
];
