// The checks a record write meets before it is saved, in Salesforce's order: an object this emulator writes,
// unknown and read-only fields (each value then converted by dmlValues.ts), and required fields.
import { jsonToken } from './deserializeErrors.ts';
import { convertValue } from './dmlValues.ts';
import { RestError } from './restError.ts';
import { unmodeledFieldNote } from './unmodeled.ts';
import { findChildRelationship, findField, findRelationship, type ObjectDef } from './schema.ts';
import type { SRecord } from './seed.ts';
import type { RecordStore } from './store.ts';

const deserializeError = (object: ObjectDef, value: unknown) =>
  new RestError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${object.name} from ${jsonToken(value)}`,
  );

/**
 * A relationship name where a field was expected: a record read with its parent's fields (Account.Name) or its
 * children and written back, as clients often do. Salesforce's own words for an unknown name (a real org refuses
 * these too, unless a parent is named by one of its external ids, which this org's objects do not have), with a
 * note that says what the name is instead of suggesting a field this emulator leaves out.
 */
function relationshipRefusal(object: ObjectDef, name: string, creating: boolean): RestError | undefined {
  const reference = findRelationship(object, name);
  const child = reference ? undefined : findChildRelationship(object, name);
  if (!reference?.reference && !child) return undefined;
  const writable = reference && (creating ? reference.createable : reference.updateable);
  const what = reference?.reference
    ? `${reference.reference.relationshipName} is a relationship to a parent record, not a field: leave it out${writable ? ` (to set the parent, set ${reference.name} to its Id)` : ''}`
    : `${child?.relationshipName} is a relationship to child records, not a field: leave it out, and write those records with calls of their own`;
  return new RestError(
    400,
    'INVALID_FIELD',
    `No such column '${name}' on sobject of type ${object.name} (Local emulator: ${what}.)`,
  );
}

/** Reads a JSON object of field values, refusing unknown and read-only fields like Salesforce does. */
export function readChanges(
  ctx: { store: RecordStore },
  object: ObjectDef,
  body: unknown,
  creating: boolean,
  currentId?: string,
) {
  // No body at all: Salesforce's words as commonly reported (not in the references).
  if (body === undefined) {
    throw new RestError(
      400,
      'JSON_PARSER_ERROR',
      'The HTTP entity body is required, but this request has no entity body.',
    );
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw deserializeError(object, body);
  const changes: SRecord = {};
  const readOnly: string[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === 'attributes') continue;
    const field = findField(object, name);
    if (!field) {
      throw (
        relationshipRefusal(object, name, creating) ??
        new RestError(
          400,
          'INVALID_FIELD',
          `No such column '${name}' on sobject of type ${object.name}${unmodeledFieldNote(name, object.name)}`,
        )
      );
    }
    if (
      field.type === 'id' &&
      !creating &&
      typeof value === 'string' &&
      value.slice(0, 15) === currentId?.slice(0, 15)
    )
      continue;
    if (!(creating ? field.createable : field.updateable)) readOnly.push(field.name);
    else changes[field.name] = value as never;
  }
  if (readOnly.length > 0) {
    throw new RestError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    );
  }
  for (const [name, value] of Object.entries(changes)) {
    changes[name] = convertValue(findField(object, name)!, value, ctx.store);
  }
  return changes;
}

export function checkRequired(object: ObjectDef, record: SRecord): void {
  const missing = object.fields
    .filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate && (record[f.name] ?? null) === null)
    .map((f) => f.name);
  if (missing.length > 0) {
    throw new RestError(
      400,
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.join(', ')}]`,
      missing,
    );
  }
}

export function requireWritable(object: ObjectDef): void {
  if (!object.writable) {
    throw new RestError(
      400,
      'INVALID_TYPE_FOR_OPERATION',
      `This local emulator does not create, update or delete ${object.name} records (an emulator limit).`,
    );
  }
}
