// The emulated org's REST API under /services/data: versions, resources, SOQL query with paging, sObjects.
import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { fullRecord, project } from './project.ts';
import { runQuery, type Dataset } from './query.ts';
import { RestError } from './restError.ts';
import { findObject, objectForId } from './schema.ts';
import { seedRecords, type SRecord } from './seed.ts';
import { parseVersion, versionList } from './versions.ts';

export interface RestPrincipal {
  userId: string;
  orgId: string;
  scopes: readonly string[];
}
export interface RestUser {
  Id: string;
  Username: string;
  FirstName: string;
  LastName: string;
  Name: string;
  Email: string;
  IsActive: boolean;
}
export interface RestDeps {
  authenticate(accessToken: string | undefined): RestPrincipal | undefined;
  users(): readonly RestUser[];
  now(): number;
}

const DEFAULT_BATCH = 2000;
const MAX_CURSORS = 200;
const CURSOR_LIFETIME_MS = 15 * 60 * 1000;

interface Cursor {
  records: unknown[];
  batch: number;
  expiresAt: number;
}

export function createRestRouter(deps: RestDeps): Router {
  const seeded = seedRecords();
  const data: Dataset = {
    records: (type) => (type === 'User' ? (deps.users() as unknown as SRecord[]) : (seeded.get(type) ?? [])),
    byId: (id) =>
      data
        .records(objectForId(id)?.name ?? '')
        .find((record) => record.Id === id || String(record.Id).slice(0, 15) === id),
  };
  const cursors = new Map<string, Cursor>();
  const router = Router();

  router.get('/services/data', (_req, res) => res.json(versionList()));
  router.use(
    '/services/data/:version',
    express.Router({ mergeParams: true }).all('/{*rest}', (req, res) => {
      try {
        if (req.method !== 'GET')
          throw new RestError(
            405,
            'METHOD_NOT_ALLOWED',
            `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`,
          );
        const version = parseVersion(String((req.params as Record<string, unknown>).version));
        if (!version) throw RestError.notFound();
        const principal = deps.authenticate(bearer(req));
        if (!principal) throw RestError.invalidSession();
        if (!principal.scopes.some((scope) => scope === 'api' || scope === 'full'))
          throw RestError.notForRest();
        const rest = (req.params as { rest?: string[] }).rest ?? [];
        const segments = rest.filter(Boolean);
        res.json(dispatch(segments, version, req));
      } catch (error) {
        sendRestError(res, error);
      }
    }),
  );

  function dispatch(segments: string[], version: string, req: Request): unknown {
    const [resource, ...more] = segments;
    const base = `/services/data/v${version}`;
    if (!resource)
      return {
        limits: `${base}/limits`,
        query: `${base}/query`,
        sobjects: `${base}/sobjects`,
        search: `${base}/search`,
        recent: `${base}/recent`,
      };
    if (resource === 'query' && more.length === 0)
      return startQuery(String(req.query.q ?? ''), version, batchSize(req));
    if (resource === 'query' && more.length === 1) return nextPage(more[0], version);
    if (resource === 'sobjects') return sobjects(more, version);
    throw RestError.notFound();
  }

  function startQuery(soql: string, version: string, batch: number) {
    if (!soql.trim()) throw new RestError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const result = runQuery(soql, data);
    if (result.count !== undefined) return { totalSize: result.count, done: true, records: [] };
    const records = result.records.map((record) =>
      project(record, result.object.name, result.fields, version, data),
    );
    const locator = `01g${randomBytes(8).toString('hex')}`;
    if (records.length > batch) {
      cursors.set(locator, { records, batch, expiresAt: deps.now() + CURSOR_LIFETIME_MS });
      if (cursors.size > MAX_CURSORS) cursors.delete(cursors.keys().next().value as string);
    }
    return page(records, 0, batch, locator, version);
  }

  function nextPage(token: string, version: string) {
    const dash = token.lastIndexOf('-');
    const cursor = cursors.get(token.slice(0, dash));
    const offset = Number(token.slice(dash + 1));
    if (
      !cursor ||
      cursor.expiresAt <= deps.now() ||
      !Number.isInteger(offset) ||
      offset <= 0 ||
      offset >= cursor.records.length
    ) {
      throw new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    return page(cursor.records, offset, cursor.batch, token.slice(0, dash), version);
  }

  function sobjects(segments: string[], version: string): unknown {
    const [typeName, id, ...extra] = segments;
    if (!typeName)
      return {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: ['Account', 'Contact', 'Case', 'Opportunity', 'User'].map((name) =>
          describe(name, version),
        ),
      };
    const object = findObject(typeName);
    if (!object || extra.length > 0) throw RestError.notFound();
    if (!id) return { objectDescribe: describe(object.name, version), recentItems: [] };
    if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id))
      throw new RestError(
        400,
        'MALFORMED_ID',
        `Provided external ID field does not exist or is not accessible: ${id}`,
      );
    const record = data.byId(id);
    if (!record || objectForId(String(record.Id))?.name !== object.name) throw RestError.notFound();
    return fullRecord(record, object.name, version);
  }

  return router;
}

function page(records: unknown[], offset: number, batch: number, locator: string, version: string) {
  const end = offset + batch;
  const done = end >= records.length;
  const body: Record<string, unknown> = { totalSize: records.length, done };
  if (!done) body.nextRecordsUrl = `/services/data/v${version}/query/${locator}-${end}`;
  body.records = records.slice(offset, end);
  return body;
}

function describe(name: string, version: string) {
  const object = findObject(name);
  const url = `/services/data/v${version}/sobjects/${name}`;
  return {
    name,
    label: object?.label,
    labelPlural: object?.labelPlural,
    keyPrefix: object?.keyPrefix,
    queryable: true,
    updateable: false,
    urls: { sobject: url, describe: `${url}/describe`, rowTemplate: `${url}/{ID}` },
  };
}

/** `Sforce-Query-Options: batchSize=N`: real orgs take 200-2000; the emulator allows smaller pages for tests. */
function batchSize(req: Request): number {
  const match = /batchSize=(\d+)/i.exec(String(req.headers['sforce-query-options'] ?? ''));
  const size = match ? Number(match[1]) : DEFAULT_BATCH;
  return Math.min(Math.max(size, 1), DEFAULT_BATCH);
}

function bearer(req: Request): string | undefined {
  return /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function sendRestError(res: Response, error: unknown): void {
  const known =
    error instanceof RestError
      ? error
      : new RestError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.');
  if (!(error instanceof RestError))
    console.error(`[emulator] REST failure: ${error instanceof Error ? error.message : String(error)}`);
  res.status(known.status).json(known.body());
}
