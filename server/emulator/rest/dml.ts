// Create, update and delete one record with Salesforce's checks, in its order: unknown fields, fields the user
// may not write, values, required fields, then the org's validation rule. Errors carry `fields`.
import { convertValue } from './dmlValues.ts';
import { DATA_STORAGE_MB } from './limits.ts';
import { derivedFields, refuseWithCases, validationRule } from './dmlRules.ts';
import { RestError } from './restError.ts';
import { findField, objectForId, type ObjectDef } from './schema.ts';
import { wireDateTime, type SRecord } from './seed.ts';
import type { RecordStore } from './store.ts';

export interface DmlContext {
  store: RecordStore;
  userId: string;
  now: number;
}

const deserializeError = (object: ObjectDef, what: string) =>
  new RestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${object.name} from ${what}`);

/** Reads a JSON object of field values, refusing unknown and read-only fields like Salesforce does. */
function readChanges(
  ctx: DmlContext,
  object: ObjectDef,
  body: unknown,
  creating: boolean,
  currentId?: string,
) {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw deserializeError(object, Array.isArray(body) ? 'START_ARRAY' : 'VALUE_STRING');
  const changes: SRecord = {};
  const readOnly: string[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === 'attributes') continue;
    const field = findField(object, name);
    if (!field)
      throw new RestError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
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

function checkRequired(object: ObjectDef, record: SRecord): void {
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

function save(ctx: DmlContext, object: ObjectDef, record: SRecord): void {
  checkRequired(object, record);
  validationRule(object, record);
  ctx.store.put(record);
}

export function createRecord(ctx: DmlContext, object: ObjectDef, body: unknown): string {
  requireWritable(object);
  const changes = readChanges(ctx, object, body, true);
  if (((ctx.store.size + 1) * 2) / 1024 > DATA_STORAGE_MB) {
    throw new RestError(400, 'STORAGE_LIMIT_EXCEEDED', 'storage limit exceeded', []);
  }
  const stamp = wireDateTime(ctx.now);
  const id = ctx.store.newId(object.keyPrefix);
  const defaults: SRecord = {};
  for (const field of object.fields)
    defaults[field.name] = field.type === 'boolean' ? false : (field.defaultValue ?? null);
  const audit = {
    CreatedDate: stamp,
    CreatedById: ctx.userId,
    LastModifiedDate: stamp,
    LastModifiedById: ctx.userId,
  };
  const record: SRecord = {
    ...defaults,
    OwnerId: ctx.userId,
    ...changes,
    Id: id,
    IsDeleted: false,
    ...audit,
    SystemModstamp: stamp,
  };
  if (object.name === 'Case') record.CaseNumber = ctx.store.newCaseNumber();
  save(ctx, object, derivedFields(object, record, changes));
  return id;
}

export function updateRecord(ctx: DmlContext, object: ObjectDef, id: string, body: unknown): void {
  requireWritable(object);
  const current = liveRecord(ctx, object, id);
  const changes = readChanges(ctx, object, body, false, String(current.Id));
  const stamp = wireDateTime(ctx.now);
  const record = {
    ...current,
    ...changes,
    LastModifiedDate: stamp,
    LastModifiedById: ctx.userId,
    SystemModstamp: stamp,
  };
  save(ctx, object, derivedFields(object, record, changes));
}

/** Moves the record to the recycle bin (queryAll still sees it), with the children its describe says a delete
 * cascades to (an Account's Contacts and Opportunities, as Salesforce's do). */
export function deleteRecord(ctx: DmlContext, object: ObjectDef, id: string): void {
  requireWritable(object);
  const record = liveRecord(ctx, object, id);
  refuseWithCases(ctx.store, object, record);
  const stamp = wireDateTime(ctx.now);
  const remove = (target: SRecord) =>
    ctx.store.put({
      ...target,
      IsDeleted: true,
      LastModifiedDate: stamp,
      LastModifiedById: ctx.userId,
      SystemModstamp: stamp,
    });
  ctx.store.transaction(() => {
    remove(record);
    for (const children of object.children.filter((relationship) => relationship.cascadeDelete)) {
      for (const child of ctx.store.list(children.childSObject)) {
        if (child[children.field] === record.Id) remove(child);
      }
    }
  });
}

/** The record the path names: NOT_FOUND when there is none of that object, ENTITY_IS_DELETED when binned. */
export function liveRecord(ctx: DmlContext, object: ObjectDef, id: string): SRecord {
  const record = ctx.store.get(id);
  if (!record || objectForId(String(record.Id))?.name !== object.name) throw RestError.notFound();
  if (record.IsDeleted === true) throw new RestError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
  return record;
}

function requireWritable(object: ObjectDef): void {
  if (!object.writable) {
    throw new RestError(
      400,
      'INVALID_TYPE_FOR_OPERATION',
      `This local emulator does not create, update or delete ${object.name} records (an emulator limit).`,
    );
  }
}
