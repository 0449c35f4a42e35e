// Reads an error pasted from anywhere (a URL from Salesforce's error page, a JSON body, a log line, the sf CLI's
// "invalid_grant::authentication failure") into Salesforce's error and description.
import { fromClientFailure, fromClientFailureWords } from './pastedClientFailures.ts';
import { fromCorsBlock } from './pastedCors.ts';
import { fromUrlOrForm, straightQuotes, withDescription, withoutEntities } from './pastedDescription.ts';
import {
  fromApexExchange,
  fromCliLine,
  GUZZLE_CUT,
  isSetting,
  OMNIAUTH_OWN,
  SPRING_OWN,
} from './pastedCliLine.ts';
import { fromKeyLines, fromNsError, fromRepr, fromRustDebug } from './pastedRepr.ts';
import { fromMessage, fromStatusOnly } from './pastedWithoutCode.ts';
import type { PastedError } from './types.ts';

export type { PastedError };

/** Codes people paste without a description: enough to find the explanation. */
const KNOWN_CODE =
  /\b(invalid_[a-z_]+|unsupported_[a-z_]+|access_denied|redirect_uri_mismatch|immediate_unsuccessful|authorization_pending|slow_down|expired_token|inactive_(?:user|org)|rate_limit_exceeded|[A-Z]+(?:_[A-Z]+)+|Bad_OAuth_Token|Bad_Id)\b/;

/** `known` lists the error and description pairs the explainer has, to recognise a description quoted alone. */
export function readPastedError(text: string, known: readonly PastedError[] = []): PastedError | undefined {
  const input = withoutEntities(straightQuotes(text.trim().slice(0, 10_000)));
  if (!input) return undefined;
  const found =
    fromJson(input) ??
    fromJson(embeddedJson(input)) ??
    // A log of several lines, each with a body of its own: the first line's that reads as one.
    input
      .split('\n')
      .map((line) => fromJson(embeddedJson(line)))
      .find(Boolean) ??
    // A browser's CORS sentence names the address called, whose query a URL reader would take for the error.
    fromCorsBlock(input) ??
    fromQuotedPairs(input) ??
    fromRepr(input) ??
    fromRustDebug(input) ??
    fromKeyLines(input) ??
    fromNsError(input) ??
    fromUrlOrForm(input) ??
    fromClientFailure(input) ??
    fromApexExchange(input) ??
    fromCliLine(input) ??
    fromDescription(input, known) ??
    fromMessage(input) ??
    fromCode(input) ??
    fromClientFailureWords(input) ??
    fromStatusOnly(input);
  return found && knownWording(found, known);
}

/**
 * A description with words around it ("… (assertion exp=…)", a tool's closing bracket, a sentence's full stop) is
 * read as the known one it contains, for the same code: the explanation is keyed on the exact words.
 */
function knownWording(found: PastedError, known: readonly PastedError[]): PastedError {
  const description = found.error_description?.toLowerCase();
  if (!description) return found;
  const sameCode = known.filter((pair) => pair.error.toLowerCase() === found.error.toLowerCase());
  const words = (pair: PastedError) => (pair.error_description ?? '').toLowerCase();
  if (sameCode.some((pair) => words(pair) === description)) return found;
  const within = sameCode
    .filter((pair) => words(pair) && description.includes(words(pair)))
    .sort((a, b) => words(b).length - words(a).length)[0];
  return within ? { ...found, error_description: within.error_description } : found;
}

/**
 * A log line's or a WWW-Authenticate header's error="invalid_token", error_description="…"; an NSDictionary's
 * error = "invalid_grant"; "error_description" = "…"; (AppAuth's), its keys quoted when they hold an underscore.
 */
function fromQuotedPairs(input: string): PastedError | undefined {
  const error = /\berror\s*=\s*"([^"]+)"/.exec(input)?.[1];
  const description = /(?:\b|")error_description"?\s*=\s*"([^"]*)"/.exec(input)?.[1];
  return error ? withDescription(error, description) : undefined;
}

/** A JSON body quoted inside a log line: "HTTP 400 - {...}". */
function embeddedJson(input: string): string {
  const start = input.search(/[[{]/);
  const end = Math.max(input.lastIndexOf('}'), input.lastIndexOf(']'));
  return start >= 0 && end > start ? input.slice(start, end + 1) : '';
}

/** A known description quoted in a sentence: "... due to: ip restricted". Longest first, so none hides another. */
function fromDescription(input: string, known: readonly PastedError[]): PastedError | undefined {
  const lower = input.toLowerCase();
  return [...known]
    .filter((pair) => pair.error_description)
    .sort((a, b) => (b.error_description?.length ?? 0) - (a.error_description?.length ?? 0))
    .find((pair) => lower.includes((pair.error_description ?? '').toLowerCase()));
}

function fromJson(input: string): PastedError | undefined {
  if (!input) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return undefined;
  }
  const first = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown> | undefined;
  if (!first || typeof first !== 'object') return undefined;
  if (typeof first.error === 'string') return withDescription(first.error, first.error_description);
  if (typeof first.errorCode === 'string') return withDescription(first.errorCode, first.message);
  // A record's result in sObject Collections (and jsforce's): { success: false, errors: [{ statusCode, message }] }.
  if (typeof first.statusCode === 'string') return withDescription(first.statusCode, first.message);
  const [recordError] = Array.isArray(first.errors) ? (first.errors as unknown[]) : [];
  return recordError ? fromJson(JSON.stringify(recordError)) : undefined;
}

function fromCode(input: string): PastedError | undefined {
  // A setting (SF_CLIENT_ID=…, from a pasted .env; any SF_…) is not an error code, nor Node's ERR_BAD_REQUEST or
  // undici's UND_ERR_SOCKET, nor an Apex debug log's event (…|CALLOUT_RESPONSE|…, between its line's bars), nor
  // OmniAuth's or Spring Security's own codes, nor a MuleSoft error type's name (HTTP:BAD_REQUEST,
  // SALESFORCE:INVALID_SESSION: the connector's category), nor a word Guzzle cut short ("FIELD_CUSTOM_VA (truncated...)").
  const match = [...input.matchAll(new RegExp(KNOWN_CODE, 'g'))].find((found) => {
    const at = found.index ?? 0;
    const after = input.slice(at + found[0].length);
    const value = /^\s*:[ \t]*([^\n]*)/.exec(after)?.[1];
    const logEvent = input[at - 1] === '|' && after.startsWith('|');
    const muleType = !/[a-z]/.test(found[1]) && /\b[A-Z]+:$/.test(input.slice(Math.max(0, at - 20), at));
    const own = found[1] === OMNIAUTH_OWN || SPRING_OWN.test(found[1]) || /^(?:UND_)?ERR_/.test(found[1]);
    return (
      !/^\s*=/.test(after) &&
      !own &&
      !logEvent &&
      !muleType &&
      !after.startsWith(GUZZLE_CUT) &&
      !isSetting(found[1], value ?? '')
    );
  });
  return match ? { error: match[1] } : undefined;
}
