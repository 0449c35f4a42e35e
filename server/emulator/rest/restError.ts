// REST API errors: a JSON array of {message, errorCode}, with SOQL messages pointing at row and column.
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }

  body(): { message: string; errorCode: string }[] {
    return [{ message: this.message, errorCode: this.errorCode }];
  }

  static notFound = () => new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
  static invalidSession = () => new RestError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  static notForRest = () =>
    new RestError(401, 'INVALID_SESSION_ID', 'This session is not valid for use with the REST API');
}

const CUSTOM_HINT = 'Please reference your WSDL or the describe call for the appropriate names.';

/** Salesforce's SOQL error layout: the query, a caret under the problem, its position, then the detail. */
export function soqlError(errorCode: string, soql: string, token: string, detail: string): RestError {
  const at = Math.max(0, soql.toLowerCase().indexOf(token.toLowerCase()));
  return new RestError(
    400,
    errorCode,
    `\n${soql}\n${' '.repeat(at)}^\nERROR at Row:1:Column:${at + 1}\n${detail}`,
  );
}

export const invalidField = (soql: string, field: string, object: string) =>
  soqlError(
    'INVALID_FIELD',
    soql,
    field,
    `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. ${CUSTOM_HINT}`,
  );

export const invalidType = (soql: string, object: string) =>
  soqlError(
    'INVALID_TYPE',
    soql,
    object,
    `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. ${CUSTOM_HINT}`,
  );

export const malformed = (soql: string, token: string, detail: string) =>
  soqlError('MALFORMED_QUERY', soql, token, detail);
