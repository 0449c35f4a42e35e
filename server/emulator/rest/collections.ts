// sObject Collections (/composite/sobjects): create, update and delete up to 200 records in one call, each
// with its own SaveResult; allOrNone rolls every change back when one record fails. Errors here use the key
// `statusCode`, not `errorCode` (Salesforce REST API guide, sObject Collections).
import { createRecord, deleteRecord, liveRecord, updateRecord, type DmlContext } from './dml.ts';
import { asArray, asObject, asStrings } from './collectionBodies.ts';
import { RestError } from './restError.ts';
import { isUnmodeledStandardObject, unmodeledObjectNote } from './unmodeled.ts';
import { findObject, isIdShaped, objectForId, type ObjectDef } from './schema.ts';
import { shapeRecord } from './sobjects.ts';
import type { Resource, RestCall } from './types.ts';

const MAX_RECORDS = 200;
/**
 * Retrieval takes more: "up to 2,000 records" in a POST body (REST API guide, Get Records With a Request Body Using
 * sObject Collections); a GET's URL runs out at about 800 ids first. The error past it is not documented.
 */
const MAX_RETRIEVED = 2000;

type SaveResult = { id?: string; success: boolean; errors: unknown[] };

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

export const collectionsResource: Resource = (call, ctx) => {
  const typeName = call.segments[2];
  const dml: DmlContext = { store: ctx.store, userId: call.principal.userId, now: ctx.deps.now() };
  if (typeName && call.segments[3] !== undefined) return upsertMany(call, typeName, call.segments[3]);
  if (typeName) return retrieveMany(call, dml, typeName);
  const body = asObject(call.body) as { allOrNone?: unknown; records?: unknown };
  const allOrNone =
    call.method === 'DELETE' ? call.query.get('allOrNone') === 'true' : body.allOrNone === true;
  const items: unknown[] =
    call.method === 'DELETE'
      ? (call.query.get('ids') ?? '').split(',').filter(Boolean)
      : asArray(body.records);
  if (items.length > MAX_RECORDS) {
    throw new RestError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  return ctx.store.transaction((tx) => {
    const results = items.map((item) => saveOne(call.method, dml, item));
    if (allOrNone && results.some((result) => !result.success)) {
      tx.rollback();
      return {
        status: 200,
        // A record created and rolled back no longer exists: its result has no id.
        body: results.map((r) =>
          r.success
            ? { ...(call.method === 'POST' ? {} : { id: r.id }), success: false, errors: [ROLLED_BACK] }
            : r,
        ),
      };
    }
    return { status: 200, body: results };
  });
};

function saveOne(method: string, dml: DmlContext, item: unknown): SaveResult {
  const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
  const id =
    method === 'DELETE'
      ? String(item)
      : method === 'PATCH'
        ? String(record.id ?? record.Id ?? '')
        : undefined;
  try {
    if (method === 'DELETE') {
      deleteRecord(dml, objectOf(id ?? ''), id ?? '');
      return { id, success: true, errors: [] };
    }
    const object = typeOf(record);
    if (method === 'POST') {
      if (record.id !== undefined || record.Id !== undefined) {
        throw new RestError(400, 'INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
      }
      return { id: createRecord(dml, object, record), success: true, errors: [] };
    }
    // An id that is no record id of any object is malformed, as a delete's is (wire reference: MALFORMED_ID for
    // bad ids); none at all is Salesforce's DML refusal as commonly reported (unconfirmed: not in the references).
    if (!id) throw new RestError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', []);
    objectOf(id);
    const changes = { ...record };
    delete changes.id;
    delete changes.Id;
    updateRecord(dml, object, id, changes);
    return { id, success: true, errors: [] };
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    const failure = { statusCode: error.errorCode, message: error.message, fields: error.fields ?? [] };
    return { ...(id ? { id } : {}), success: false, errors: [failure] };
  }
}

function typeOf(record: Record<string, unknown>): ObjectDef {
  const type = (record.attributes as { type?: unknown } | undefined)?.type;
  const object = typeof type === 'string' ? findObject(type) : undefined;
  if (!object) {
    const name = String(type ?? '');
    const note = isUnmodeledStandardObject(name) ? unmodeledObjectNote(name) : '';
    throw new RestError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.${note}`, []);
  }
  return object;
}

/** The object an id's prefix names, if the id has a record id's shape at all. */
function objectOf(id: string): ObjectDef {
  const object = isIdShaped(id) ? objectForId(id) : undefined;
  if (!object) throw new RestError(400, 'MALFORMED_ID', `malformed id ${id}`, []);
  return object;
}

/**
 * PATCH /composite/sobjects/{type}/{field}: upsert by an external id field, from API 46.0. This org has none, and
 * "Only external ids are supported. Don't use record ids" (REST API guide), so every field is refused as a single
 * upsert refuses an unknown one; the exact text Salesforce gives for Id is not documented.
 */
function upsertMany(call: RestCall, typeName: string, field: string): never {
  if (Number(call.version) < 46 || !findObject(typeName)) throw RestError.notFound();
  throw RestError.noSuchExternalId(field);
}

/** GET ?ids=&fields= or POST {ids, fields}: the records in order, null where an id has none. */
function retrieveMany(call: RestCall, dml: DmlContext, typeName: string) {
  const object = findObject(typeName);
  if (!object || call.segments.length > 3) throw RestError.notFound();
  const body = (call.body ?? {}) as { ids?: unknown; fields?: unknown };
  const ids = call.method === 'POST' ? asStrings(body.ids) : (call.query.get('ids') ?? '').split(',');
  const fields = call.method === 'POST' ? asStrings(body.fields).join(',') : call.query.get('fields');
  if (!fields) throw new RestError(400, 'MALFORMED_QUERY', 'fields parameter is required');
  if (ids.length > MAX_RETRIEVED) throw new RestError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached');
  const records = ids.map((id) => {
    try {
      return shapeRecord(object, liveRecord(dml, object, id.trim()), call.version, fields);
    } catch (error) {
      if (error instanceof RestError && error.status === 404) return null;
      throw error;
    }
  });
  return { status: 200, body: records };
}
