// REST API errors: a JSON array of {message, errorCode[, fields]}, with SOQL messages pointing at row and column.
import { isUnmodeledStandardObject, unmodeledFieldNote, unmodeledObjectNote } from './unmodeled.ts';
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    /** DML errors name the fields they are about; Salesforce sends the key only for those. */
    readonly fields?: string[],
  ) {
    super(message);
  }

  body(): Record<string, unknown>[] {
    const entry: Record<string, unknown> = { message: this.message, errorCode: this.errorCode };
    if (this.fields) entry.fields = this.fields;
    return [entry];
  }

  static notFound = () => new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  static invalidSession = () => new RestError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  static notForRest = () =>
    new RestError(401, 'INVALID_SESSION_ID', 'This session is not valid for use with the REST API');
  static methodNotAllowed = (method: string, allowed: readonly string[]) =>
    new RestError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`,
    );
  /**
   * A resource a real org serves that this emulator does not: Salesforce's NOT_FOUND form, saying it is a limit of
   * the emulator, not a resource the org lacks.
   */
  static notServed = (resource: string, instead = SERVED) =>
    new RestError(404, 'NOT_FOUND', `The ${resource} resource ${NOT_SERVED_HERE}.${instead}`);
  /** A path segment that is not a record id is read as an external id field name (observed on GET and PATCH). */
  static noSuchExternalId = (segment: string) =>
    new RestError(
      404,
      'NOT_FOUND',
      `Provided external ID field does not exist or is not accessible: ${segment}`,
    );
}

/** The words for anything a real org serves and this emulator does not (the unserved APIs outside REST too). */
export const NOT_SERVED_HERE =
  'is not served by this local emulator (an emulator limit: a real org answers it)';

/** What notServed says instead, unless the caller knows better. */
const SERVED =
  ' It serves query, queryAll, sobjects (describe and records), limits and composite (batch and sObject Collections).';

const CUSTOM_HINT = 'Please reference your WSDL or the describe call for the appropriate names.';

/** Salesforce's SOQL error layout: the query, a caret under the problem, its position, then the detail. */
export function soqlError(
  errorCode: string,
  soql: string,
  token: string,
  detail: string,
  at = positionOf(soql, token),
): RestError {
  const line = soql.slice(0, at).split('\n').length;
  const column = at - soql.lastIndexOf('\n', at - 1);
  // The row the error names, with the caret under it (of a query on several lines, orgs show that row's text).
  const row = soql.split('\n')[line - 1];
  return new RestError(
    400,
    errorCode,
    `\n${row}\n${' '.repeat(column - 1)}^\nERROR at Row:${line}:Column:${column}\n${detail}`,
  );
}

/**
 * Where a token of an error stands: the first place it appears as a whole word outside a string literal ('Inc.'
 * is not where a stray ; after it is), else anywhere; no token means the query ended too soon: after its last
 * character.
 */
function positionOf(soql: string, token: string): number {
  if (token === '') return soql.trimEnd().length;
  return occurrencesOf(soql, token)[0] ?? Math.max(0, soql.toLowerCase().indexOf(token.toLowerCase()));
}

/** Where a token appears as a whole word (any case) outside string literals, in order. */
export function occurrencesOf(soql: string, token: string): number[] {
  if (token === '') return [];
  const outsideStrings = soql.replace(/'(?:[^'\\]|\\.)*'?/g, (literal) => ' '.repeat(literal.length));
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = /^\w/.test(token) ? `(?<![\\w.])${escaped}(?![\\w])` : escaped;
  return [...outsideStrings.matchAll(new RegExp(word, 'gi'))].map((found) => found.index);
}

export const invalidField = (soql: string, field: string, object: string) =>
  soqlError(
    'INVALID_FIELD',
    soql,
    field,
    `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. ${CUSTOM_HINT}${unmodeledFieldNote(field, object)}`,
  );

export const unknownRelationship = (soql: string, relationship: string) =>
  soqlError(
    'INVALID_FIELD',
    soql,
    relationship,
    `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${CUSTOM_HINT}`,
  );

export const invalidType = (soql: string, object: string) =>
  soqlError(
    'INVALID_TYPE',
    soql,
    object,
    `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. ${CUSTOM_HINT}${isUnmodeledStandardObject(object) ? unmodeledObjectNote(object) : ''}`,
  );

export const malformed = (soql: string, token: string, detail: string, at?: number) =>
  soqlError('MALFORMED_QUERY', soql, token, detail, at);

/** Valid SOQL this emulator does not evaluate: refused, never answered with a wrong 200. */
export const emulatorLimit = (soql: string, token: string, what: string) =>
  malformed(
    soql,
    token,
    `${what} is not supported by this local emulator (an emulator limit, not an error in the query).`,
  );
