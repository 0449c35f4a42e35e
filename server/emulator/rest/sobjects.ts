// /sobjects: the global describe, /sobjects/X (basic information, POST creates), /sobjects/X/describe, and
// /sobjects/X/<id> (GET with ?fields=, PATCH updates, DELETE moves to the recycle bin).
import { checkPreconditions, notModifiedSince, recordModifiedAt } from './conditional.ts';
import { basicInformation, describeGlobal, describeObject } from './describe.ts';
import { createRecord, deleteRecord, liveRecord, updateRecord, type DmlContext } from './dml.ts';
import { RestError } from './restError.ts';
import { isUnmodeledStandardObject, unmodeledFieldNote, unmodeledObjectNote } from './unmodeled.ts';
import {
  findChildRelationship,
  findField,
  findObject,
  findRelationship,
  isIdShaped,
  type ObjectDef,
} from './schema.ts';
import type { SRecord } from './seed.ts';
import { newApiRecord } from './soql/project.ts';
import type { Resource, RestCall, RestReply } from './types.ts';

/** Resources under /sobjects/X that a real org has and this emulator does not serve. */
const UNSERVED = new Set([
  'deleted',
  'updated',
  'listviews',
  'quickactions',
  'layouts',
  'defaultvalues',
  'compactlayouts',
]);

export const sobjectsResource: Resource = (call, ctx) => {
  const [, typeName, id, ...rest] = call.segments;
  if (!typeName) {
    return notModifiedSince(call, ctx.orgChangedAt) ?? { status: 200, body: describeGlobal(call.version) };
  }
  const object = findObject(typeName);
  if (!object && isUnmodeledStandardObject(typeName)) {
    throw RestError.notServed(`sobjects/${typeName}`, unmodeledObjectNote(typeName));
  }
  if (!object) throw RestError.notFound();
  const dml: DmlContext = { store: ctx.store, userId: call.principal.userId, now: ctx.deps.now() };
  // POST /sobjects/X/Id creates a record as POST /sobjects/X does: "Id as the external ID field and null as the
  // value", from API 37.0 (REST API guide, Create Records Using sObject Rows by External ID).
  const postToId = call.method === 'POST' && id?.toLowerCase() === 'id' && rest.length === 0;
  if (postToId && Number(call.version) < 37)
    throw RestError.methodNotAllowed('POST', ['GET', 'HEAD', 'PATCH', 'DELETE']);
  if (!id || postToId) {
    if (call.method === 'GET') return { status: 200, body: basicInformation(object, call.version) };
    return created(call, object, createRecord(dml, object, call.body));
  }
  if (id.toLowerCase() === 'describe' && rest.length === 0) {
    const described = { status: 200, body: describeObject(object, call.version, ctx.deps.instanceUrl) };
    return notModifiedSince(call, ctx.orgChangedAt) ?? described;
  }
  const served = `sobjects/${object.name}/${id}`;
  if (UNSERVED.has(id.toLowerCase())) throw RestError.notServed(served);
  if (id.toLowerCase() === 'describe') {
    // describe/layouts and its kin exist in a real org; other names under describe do not.
    const part = rest[0]?.toLowerCase() ?? '';
    throw DESCRIBE_PARTS.has(part) ? RestError.notServed(`${served}/${rest[0]}`) : RestError.notFound();
  }
  if (rest.length === 0) return recordRow(call, dml, object, id, ctx.orgChangedAt);
  if (id.toLowerCase() === 'id' && rest.length === 1) {
    const reply = recordRow(call, dml, object, rest[0], ctx.orgChangedAt);
    // A PATCH here is an upsert by Id that found its record. From API 46.0 such an upsert answers 200 with its
    // result, created false, where it was a bare 204 before (REST API guide, Insert or Update (Upsert) a Record).
    if (call.method !== 'PATCH' || Number(call.version) < 46) return reply;
    const updated = String(liveRecord(dml, object, rest[0]).Id);
    return { status: 200, body: { id: updated, success: true, errors: [], created: false } };
  }
  // Related-record traversal (/sobjects/Account/<id>/Contacts, /sobjects/Contact/<id>/Account) is not served, for
  // the object's child and parent relationships only; other names are external id fields.
  if (isIdShaped(id)) {
    const name = rest[0] ?? '';
    // A real org sets, resets and reports a user's password here; this emulator's passwords are its settings'.
    if (object.name === 'User' && rest.length === 1 && name.toLowerCase() === 'password') {
      throw RestError.notServed('sobjects/User/<id>/password');
    }
    const related = Boolean(findChildRelationship(object, name) ?? findRelationship(object, name));
    throw related
      ? RestError.notServed(`sobjects/${object.name}/<id>/${rest[0]} (related records)`)
      : RestError.notFound();
  }
  throw RestError.noSuchExternalId(id);
};

/** What a real org serves below /sobjects/X/describe. */
const DESCRIBE_PARTS = new Set(['layouts', 'compactlayouts', 'approvallayouts', 'namedlayouts']);

function recordRow(
  call: RestCall,
  dml: DmlContext,
  object: ObjectDef,
  id: string,
  orgChangedAt: number,
): RestReply {
  if (!isIdShaped(id)) throw RestError.noSuchExternalId(id);
  if (call.method === 'PATCH') {
    checkPreconditions(call, object.name, () => recordModifiedAt(liveRecord(dml, object, id)));
    updateRecord(dml, object, id, call.body);
    return { status: 204 };
  }
  if (call.method === 'DELETE') {
    deleteRecord(dml, object, id);
    return { status: 204 };
  }
  const record = liveRecord(dml, object, id);
  // Shaped first: unknown ?fields= names are a 400 whatever the date says.
  const body = shapeRecord(object, record, call.version, call.query.get('fields'));
  checkPreconditions(call, object.name, () => recordModifiedAt(record));
  const changedAt = Math.max(recordModifiedAt(record), orgChangedAt);
  return notModifiedSince(call, changedAt) ?? { status: 200, body };
}

/** Every field, or those `?fields=A,B` names (unknown names are refused). */
export function shapeRecord(
  object: ObjectDef,
  record: SRecord,
  version: string,
  fields: string | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = newApiRecord(record, version);
  const wanted = fields
    ? fields
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : undefined;
  for (const name of wanted ?? object.fields.map((f) => f.name)) {
    const field = findField(object, name);
    if (!field)
      throw new RestError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on sobject of type ${object.name}${unmodeledFieldNote(name, object.name)}`,
      );
    out[field.name] = record[field.name] ?? null;
  }
  return out;
}

export function created(call: RestCall, object: ObjectDef, id: string): RestReply {
  return {
    status: 201,
    body: { id, success: true, errors: [] },
    headers: { Location: `/services/data/v${call.version}/sobjects/${object.name}/${id}` },
  };
}
