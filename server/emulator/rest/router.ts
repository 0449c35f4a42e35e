// The emulated org's REST API under /services/data: HTTP in and out (version, token, JSON body, usage header,
// no-store), with the resources themselves working on plain calls so composite requests can reuse them.
import path from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { CursorStore } from './cursors.ts';
import { createDispatcher } from './dispatch.ts';
import { ApiUsage } from './limits.ts';
import { CoalescedFile } from './recordFile.ts';
import { RestError } from './restError.ts';
import { seedRecords, type SRecord } from './seed.ts';
import { RecordStore } from './store.ts';
import type { RestCall, RestContext, RestDeps, RestReply } from './types.ts';
import { parseVersion, versionList } from './versions.ts';

export type { RestDeps, RestPrincipal, RestUser } from './types.ts';

const MAX_BODY_DEPTH = 64;

export interface RestApi {
  router: Router;
  /** Writes pending record changes; call when the emulator stops. */
  close(): Promise<void>;
}

export function createRestApi(deps: RestDeps): RestApi {
  const file = new CoalescedFile(path.join(deps.dataDir, 'rest-records.json'), () => store.serialize());
  const store: RecordStore = new RecordStore(
    () => seed(deps),
    () => file.schedule(),
  );
  store.load(file.read());
  const cursors = new CursorStore(deps.now);
  const usage = new ApiUsage(deps.now);
  deps.onReset(() => {
    store.reset();
    cursors.clear();
    usage.reset();
  });
  const dispatch = createDispatcher(cursors, usage);
  const ctx: RestContext = { store, deps, dispatch: (call) => dispatch(call, ctx) };

  const router = Router();
  router.use('/services/data', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/services/data', (_req, res) => res.json(versionList()));
  const versioned = express.Router({ mergeParams: true });
  versioned.use(express.json({ limit: '5mb', type: ['application/json', 'application/*+json'] }));
  versioned.all('/{*rest}', (req, res) => {
    const version = parseVersion(String((req.params as Record<string, unknown>).version));
    if (!version) throw RestError.notFound();
    const principal = deps.authenticate(bearer(req));
    if (!principal) throw RestError.invalidSession();
    if (!principal.scopes.some((scope) => scope === 'api' || scope === 'full')) throw RestError.notForRest();
    usage.count();
    res.set('Sforce-Limit-Info', usage.header());
    if (depth(req.body) > MAX_BODY_DEPTH)
      throw new RestError(400, 'JSON_PARSER_ERROR', 'The request body is nested too deeply');
    send(res, ctx.dispatch(toCall(req, version, principal)));
  });
  versioned.use(restErrorHandler);
  router.use('/services/data/:version', versioned);
  return { router, close: () => file.close() };
}

function toCall(req: Request, version: string, principal: RestCall['principal']): RestCall {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers[name] = value;
  const rest = (req.params as { rest?: string[] }).rest ?? [];
  const queryAt = req.originalUrl.indexOf('?');
  return {
    method: req.method === 'HEAD' ? 'GET' : req.method,
    segments: rest.filter(Boolean),
    query: new URLSearchParams(queryAt < 0 ? '' : req.originalUrl.slice(queryAt + 1)),
    body: req.is('application/json') || req.is('application/*+json') ? req.body : undefined,
    headers,
    version,
    principal,
  };
}

function send(res: Response, reply: RestReply): void {
  res.status(reply.status).set(reply.headers ?? {});
  if (reply.body === undefined) res.end();
  else res.json(reply.body);
}

function restErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  const bodyProblem =
    type === 'entity.too.large' ? 'The request body is too large' : 'The request body is not valid JSON';
  const known =
    error instanceof RestError
      ? error
      : typeof status === 'number' && status >= 400 && status < 500
        ? new RestError(status, 'JSON_PARSER_ERROR', bodyProblem)
        : new RestError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.');
  if (known.status >= 500) {
    console.error(
      `[emulator] REST failure: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
  }
  res.status(known.status).json(known.body());
}

function bearer(req: Request): string | undefined {
  return /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** How deeply a JSON body nests, measured without recursion so a hostile body cannot exhaust the stack. */
function depth(body: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length > 0) {
    const [value, level] = stack.pop() as [unknown, number];
    if (!value || typeof value !== 'object') continue;
    deepest = Math.max(deepest, level + 1);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, level + 1]);
  }
  return deepest;
}

/** The seed plus the org's users as User records. */
function seed(deps: RestDeps): Map<string, SRecord[]> {
  const users = deps.users();
  const records = seedRecords(users.map((user) => user.Id));
  const created = '2025-01-01T00:00:00.000+0000';
  records.set(
    'User',
    users.map((user) => ({
      ...user,
      TimeZoneSidKey: 'America/Los_Angeles',
      IsDeleted: false,
      CreatedDate: created,
      CreatedById: users[0].Id,
      LastModifiedDate: created,
      LastModifiedById: users[0].Id,
      SystemModstamp: created,
    })),
  );
  return records;
}
