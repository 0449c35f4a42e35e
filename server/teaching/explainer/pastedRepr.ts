// A Salesforce error body as Python or Ruby print it rather than as JSON: a repr's quotes and escapes, read back.
import { withDescription } from './pastedDescription.ts';
import type { PastedError } from './types.ts';

/** A string in a Python or Ruby repr, in either quote, with its escapes. */
const REPR_STRING = String.raw`'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"`;
const reprValue = (input: string, name: string) => {
  const match = new RegExp(`['"]${name}['"]\\s*(?::|=>)\\s*(?:${REPR_STRING})`).exec(input);
  return match ? (match[1] ?? match[2]).replace(/\\(.)/g, '$1') : undefined;
};

/**
 * A body printed by Python or Ruby rather than sent as JSON: simple_salesforce's "Response content: [{'message':
 * '…', 'errorCode': '…'}]", requests' r.json(), a Ruby hash's "error" => "…".
 */
export function fromRepr(input: string): PastedError | undefined {
  for (const [code, description] of [
    ['error', 'error_description'],
    ['errorCode', 'message'],
    ['statusCode', 'message'],
  ]) {
    const error = reprValue(input, code);
    if (error) return withDescription(error, reprValue(input, description));
  }
  return undefined;
}
