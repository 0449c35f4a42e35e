// Picks the explanation for an error from its code, its description and the request that caused it.
import type { ReceivedError } from '../../attempts/attempt.ts';
import { ACCESS_RULES } from './accessRules.ts';
import { APP_RULES } from './appRules.ts';
import { STATUS_ONLY_RULES } from './statusOnlyRules.ts';
import { CORS_RULES } from './corsRules.ts';
import { CLIENT_RULES } from './clientRules.ts';
import { CLIENT_CHECK_RULES } from './clientCheckRules.ts';
import { CLIENT_TRUST_RULES } from './clientTrustRules.ts';
import { ERROR_PAGE_RULES } from './errorPageRules.ts';
import { FLOW_PREREQUISITE_RULES } from './flowPrerequisiteRules.ts';
import { FLOW_RULES } from './flowRules.ts';
import { JWT_RULES } from './jwtRules.ts';
import { OAUTH_RULES } from './oauthRules.ts';
import { ORG_RULES } from './orgRules.ts';
import { ORG_WRITE_RULES } from './orgWriteRules.ts';
import { RECORD_WRITE_RULES } from './recordWriteRules.ts';
import { REFRESH_RULES } from './refreshRules.ts';
import { REST_REQUEST_RULES } from './restRequestRules.ts';
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
  ...RECORD_WRITE_RULES,
  ...ORG_WRITE_RULES,
  ...REST_REQUEST_RULES,
  ...ACCESS_RULES,
  ...CLIENT_TRUST_RULES,
  ...CLIENT_CHECK_RULES,
  ...APP_RULES,
  ...CORS_RULES,
  ...STATUS_ONLY_RULES,
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
 * Every explanation that may apply to a pasted error: the same error can mean one thing in the JWT bearer flow and
 * another in the web server flow. What the paste showed of its request (`context`: its grant type, whether it sent a
 * secret) puts the explanations it fits first and those it rules out last, each with what it shows of the request;
 * told nothing, the general explanation comes first.
 */
export function explainCandidates(
  error: Pick<ReceivedError, 'error' | 'error_description'>,
  context: ExplainContext = {},
): ExplainedError[] {
  const pastable = (rule: Rule) => !rule.ownCallsOnly && matches({ ...rule, when: undefined }, error, {});
  const matching = RULES.filter(pastable);
  // A rule written for this very description says more than the code's general one, which may even contradict it.
  const specific = matching.filter((rule) => rule.description !== undefined);
  const found = specific.length > 0 ? specific : matching;
  if (found.length === 0) return [explain(error)];
  const told = Object.keys(context).length > 0;
  // Told nothing, the general explanation of a description comes before those of one flow or another.
  const fit = (rule: Rule) => (!rule.when ? 1 : !told ? 1.5 : rule.when(context) ? 0 : 2);
  const ranked = found.map((rule, order) => ({ rule, order, fit: fit(rule) }));
  // A request pasted whole (its grant_type shows it) rules the others out for certain: they are not listed, unless
  // nothing else is. Only hinted at (a tool's words), they come last.
  const fitting = ranked.filter((candidate) => candidate.fit < 2);
  return (context.grantType !== undefined && fitting.length > 0 ? fitting : ranked)
    .sort((a, b) => a.fit - b.fit || a.order - b.order)
    .map(({ rule }) => ({
      ...explanationOf(rule),
      detail: told ? rule.detail?.(context) : undefined,
      known: true,
    }));
}

/**
 * A code pasted without its description, when the catalogue tells several of its causes apart by the description
 * Salesforce sends with it ("invalid_grant" alone has a dozen): each description once, with its first explanation's
 * title, for the reader to find the one they got.
 */
export function causesOf(code: string): { description: string; title: string }[] {
  const causes = new Map<string, { description: string; title: string }>();
  for (const { error, description, title } of RULES)
    if (error.toLowerCase() === code.toLowerCase() && typeof description === 'string')
      if (!causes.has(description.toLowerCase()))
        causes.set(description.toLowerCase(), { description, title });
  return [...causes.values()];
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
        "This error is not in the playground's catalogue yet: the code and description above are Salesforce's own words (after a flow of this playground, its transcript shows the whole response).",
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
  const { key, title, likelyMeaning, howToFix, whatNotToDo, inEmulator, emulatorHint, restartAfter } = rule;
  return { key, title, likelyMeaning, howToFix, whatNotToDo, inEmulator, emulatorHint, restartAfter };
}
