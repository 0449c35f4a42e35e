// The shapes an sObject Collections body must have: an object, lists where lists belong, ids and names as strings.
import { cannotDeserialize } from './deserializeErrors.ts';

/**
 * The body, or none when absent; a list or a value where the request object belongs is refused. Like the lists below,
 * in the DML's words: Salesforce's for a collection's body, and whether it takes a null list, are unconfirmed.
 */
export const asObject = (value: unknown): object => {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw cannotDeserialize('Object', value);
  return value;
};

/** A list in the body, or none when absent; another value is refused (see asObject). */
export const asArray = (value: unknown): unknown[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw cannotDeserialize('List', value);
  return value;
};

/** A list of strings (ids, field names): null, an object or a list among them is no id or field name. */
export const asStrings = (value: unknown): string[] =>
  asArray(value).map((item) => {
    if (item === null || typeof item === 'object') throw cannotDeserialize('String', item);
    return String(item);
  });
