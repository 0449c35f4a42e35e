// Create, update and delete one record with Salesforce's checks (dmlChecks.ts), in its order: unknown fields,
// fields the user may not write, values, required fields, then the org's validation rule. Errors carry `fields`.
import { DATA_STORAGE_MB } from './limits.ts';
import { checkRequired, readChanges, requireWritable } from './dmlChecks.ts';
import { derivedFields, refuseWithCases, validationRule } from './dmlRules.ts';
import { RestError } from './restError.ts';
import { objectForId, type ObjectDef } from './schema.ts';
import { wireDateTime, type SRecord } from './seed.ts';
import type { RecordStore } from './store.ts';

export interface DmlContext {
  store: RecordStore;
  userId: string;
  now: number;
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
