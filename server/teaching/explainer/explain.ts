// Picks the explanation for an error from its code, its description and the request that caused it.
import type { Attempt, ReceivedError } from '../../attempts/attempt.ts';
import { readJwt } from '../../jwt.ts';
import { ACCESS_RULES } from './accessRules.ts';
import { APP_RULES } from './appRules.ts';
import { CLIENT_RULES } from './clientRules.ts';
import { ERROR_PAGE_RULES } from './errorPageRules.ts';
import { FLOW_PREREQUISITE_RULES } from './flowPrerequisiteRules.ts';
import { FLOW_RULES } from './flowRules.ts';
import { JWT_RULES } from './jwtRules.ts';
import { OAUTH_RULES } from './oauthRules.ts';
import { ORG_RULES } from './orgRules.ts';
import { REFRESH_RULES } from './refreshRules.ts';
import { REST_RULES } from './restRules.ts';
import { SOQL_RULES } from './soqlRules.ts';
import { TOKEN_EXCHANGE_RULES } from './tokenExchangeRules.ts';
import type { ExplainContext, Explanation, Rule } from './types.ts';

/** First match wins: flow-specific rules come first so a JWT expiry is not explained as a reused code. */
export const RULES: readonly Rule[] = [
  ...JWT_RULES,
  ...FLOW_RULES,
  ...FLOW_PREREQUISITE_RULES,
  ...REFRESH_RULES,
  ...TOKEN_EXCHANGE_RULES,
  ...ORG_RULES,
  ...ERROR_PAGE_RULES,
  ...CLIENT_RULES,
  ...OAUTH_RULES,
  ...SOQL_RULES,
  ...REST_RULES,
  ...ACCESS_RULES,
  ...APP_RULES,
];

export interface ExplainedError extends Explanation {
  /** What this very request shows (the aud sent, the redirect_uri sent...), when the rule can tell. */
  detail?: string;
  known: boolean;
}

function matches(
  rule: Rule,
  error: Pick<ReceivedError, 'error' | 'error_description'>,
  context: ExplainContext,
): boolean {
  if (rule.error.toLowerCase() !== error.error.toLowerCase()) return false;
  const description = (error.error_description ?? '').toLowerCase();
  if (typeof rule.description === 'string' && rule.description.toLowerCase() !== description) return false;
  if (rule.description instanceof RegExp && !rule.description.test(description)) return false;
  return rule.when ? rule.when(context) : true;
}

/**
 * Every explanation that may apply when nothing is known of the request (a pasted error): the same error can mean
 * one thing in the JWT bearer flow and another in the web server flow.
 */
export function explainCandidates(
  error: Pick<ReceivedError, 'error' | 'error_description'>,
): ExplainedError[] {
  const matching = RULES.filter((rule) => matches({ ...rule, when: undefined }, error, {}));
  // A rule written for this very description says more than the code's general one, which may even contradict it.
  const specific = matching.filter((rule) => rule.description !== undefined);
  const found = specific.length > 0 ? specific : matching;
  if (found.length === 0) return [explain(error)];
  return found.map((rule) => ({ ...explanationOf(rule), known: true }));
}

export function explain(
  error: Pick<ReceivedError, 'error' | 'error_description'> & { source?: ReceivedError['source'] },
  context: ExplainContext = {},
): ExplainedError {
  const rule = RULES.find((candidate) => matches(candidate, error, context));
  if (!rule && error.source === 'app') return UNKNOWN_APP_STOP;
  if (!rule) {
    return {
      key: 'unknown',
      known: false,
      title: `Salesforce answered ${error.error}`,
      likelyMeaning:
        "This error is not in the playground's catalogue yet: the code and description above are Salesforce's own words, and a flow page's transcript shows the whole response.",
      howToFix:
        'Read error_description closely, compare the request with the documentation, and check Setup → Login History for authentication problems.',
      whatNotToDo: 'Do not change several settings at once; change one, run again, compare.',
    };
  }
  return { ...explanationOf(rule), detail: rule.detail?.(context), known: true };
}

/** This app's own refusal that has no entry of its own: its words, never presented as Salesforce's. */
const UNKNOWN_APP_STOP: ExplainedError = {
  key: 'unknown-app',
  known: false,
  title: 'This app stopped',
  likelyMeaning:
    "The code and description above are this app's own, not Salesforce's: something in what came back, or in this app's files, stopped it. Where there is a transcript, it shows what Salesforce sent.",
  howToFix:
    'Read the description above, then try again; if it comes back, look at the last call Salesforce answered.',
  whatNotToDo: 'Do not change the org or app settings for this: Salesforce did not refuse anything here.',
};

/** A rule's words, without its matching parts (error, description, when, detail). */
function explanationOf(rule: Rule): Explanation {
  const { key, title, likelyMeaning, howToFix, whatNotToDo, inEmulator, restartAfter } = rule;
  return { key, title, likelyMeaning, howToFix, whatNotToDo, inEmulator, restartAfter };
}

/** Reads the context from the attempt: the last token request's form and the assertion's claims. */
export function contextOf(attempt: Attempt, configuredCallback?: string, nowMs = Date.now()): ExplainContext {
  const tokenCall = [...attempt.transcript]
    .reverse()
    .find((entry) => entry.kind === 'server-call' && entry.leg.startsWith('token'));
  const form = new URLSearchParams(tokenCall?.requestBody ?? '');
  const context: ExplainContext = { flow: attempt.flow, configuredCallback, nowMs, faults: attempt.faults };
  if (tokenCall) {
    // HTTP Basic carries the secret too (client credentials, refresh): only the header's name is looked at.
    const basic = Object.entries(tokenCall.requestHeaders ?? {}).some(
      ([name, value]) => name.toLowerCase() === 'authorization' && /^basic /i.test(value),
    );
    context.sentSecret = form.has('client_secret') || basic;
    context.sentVerifier = form.has('code_verifier');
    context.redirectUri = form.get('redirect_uri') ?? undefined;
    context.username = form.get('username') ?? undefined;
    context.clientId = form.get('client_id') ?? undefined;
    context.serverDate = tokenCall.responseHeaders?.date;
    context.sentAtMs = tokenCall.at;
    context.sentDurationMs = tokenCall.durationMs;
  }
  // Before any token call, the authorize request (sent or only pre-flighted) says what the app asked for.
  const authorize = attempt.transcript.find(
    (entry) => entry.leg === 'authorize' || entry.leg === 'pre-flight',
  );
  if (authorize && URL.canParse(authorize.url)) {
    const query = new URL(authorize.url).searchParams;
    context.redirectUri ??= query.get('redirect_uri') ?? undefined;
    context.clientId ??= query.get('client_id') ?? undefined;
    context.scope = query.get('scope') ?? undefined;
  }
  const device = attempt.transcript.find((entry) => entry.leg === 'device authorization');
  context.scope ??= new URLSearchParams(device?.requestBody ?? '').get('scope') ?? undefined;
  const claims = readJwt(form.get('assertion') ?? attempt.assertion)?.claims;
  if (claims) Object.assign(context, { iss: claims.iss, aud: claims.aud, sub: claims.sub, exp: claims.exp });
  return context;
}
