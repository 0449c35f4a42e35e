// The emulated org's REST API under /services/data: HTTP in and out (version, token, JSON body, usage header,
// no-store), with the resources themselves working on plain calls so composite requests can reuse them.
import path from 'node:path';
import express, { Router } from 'express';
import { isBatchCall, runBatch } from './compositeBatch.ts';
import { CursorStore } from './cursors.ts';
import { createDispatcher } from './dispatch.ts';
import { ApiUsage } from './limits.ts';
import { CoalescedWrites } from '../coalescedWrites.ts';
import { EMULATOR_DATA_FILES } from '../dataFiles.ts';
import { ORG_ID } from '../org.ts';
import { readRecordFile } from './recordFile.ts';
import { RestError } from './restError.ts';
import { checkMethod } from './methods.ts';
import {
  bearer,
  refuseUnreadableBody,
  refuseXmlAnswer,
  restErrorHandler,
  segmentsOf,
  send,
  toCall,
  tunnelPatch,
} from './restHttp.ts';
import { seedRecords, type SRecord } from './seed.ts';
import { RecordStore } from './store.ts';
import type { RestContext, RestDeps, RestPrincipal } from './types.ts';
import { parseVersion, versionList } from './versions.ts';

export type { RestDeps, RestPrincipal, RestUser } from './types.ts';

export interface RestApi {
  router: Router;
  /** Writes pending record changes; call when the emulator stops. */
  close(): Promise<void>;
}

export function createRestApi(deps: RestDeps): RestApi {
  const file = new CoalescedWrites(path.join(deps.dataDir, EMULATOR_DATA_FILES.records), () =>
    store.serialize(),
  );
  file.removeLeftovers();
  const store: RecordStore = new RecordStore(
    () => seed(deps),
    () => file.changed(),
    () => readRecordFile(file.file),
  );
  const cursors = new CursorStore(deps.now);
  const usage = new ApiUsage(deps.now);
  deps.onReset(() => {
    store.reset();
    cursors.clear();
    usage.reset();
  });
  const dispatch = createDispatcher(cursors, usage);
  const ctx: RestContext = {
    store,
    deps,
    orgChangedAt: deps.now(),
    dispatch: (call) => dispatch(call, ctx),
  };
  deps.onReset(() => {
    ctx.orgChangedAt = deps.now();
  });

  const router = Router();
  router.use('/services/data', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/services/data', (_req, res) => res.json(versionList()));
  const versioned = express.Router({ mergeParams: true });
  // Version and token are checked before the body is read, so a caller without a valid token learns nothing more.
  versioned.use((req, res, next) => {
    tunnelPatch(req);
    const version = parseVersion(String((req.params as Record<string, unknown>).version));
    if (!version) throw RestError.notFound();
    checkMethod(req.method, segmentsOf(req));
    const principal = deps.authenticate(bearer(req));
    if (!principal) throw RestError.invalidSession();
    if (!principal.scopes.some((scope) => scope === 'api' || scope === 'full')) throw RestError.notForRest();
    usage.count();
    res.set('Sforce-Limit-Info', usage.header());
    res.locals.rest = { version, principal };
    next();
  });
  versioned.use(express.json({ limit: '5mb', type: ['application/json', 'application/*+json'] }));
  versioned.all('/{*rest}', (req, res, next) => {
    refuseUnreadableBody(req);
    refuseXmlAnswer(req);
    const { version, principal } = res.locals.rest as { version: string; principal: RestPrincipal };
    const call = toCall(req, version, principal);
    // Every other call is answered in this turn of the event loop; only a batch waits between its parts.
    if (!isBatchCall(call)) return send(req, res, ctx.dispatch(call));
    const signedIn = () => deps.authenticate(bearer(req)) !== undefined;
    runBatch(call, ctx, signedIn, () => usage.count()).then((reply) => {
      res.set('Sforce-Limit-Info', usage.header());
      send(req, res, reply);
    }, next);
  });
  versioned.use(restErrorHandler);
  router.use('/services/data/:version', versioned);
  return { router, close: () => file.close() };
}

/** The seed plus the org's users as User records, and the org itself. */
function seed(deps: RestDeps): Map<string, SRecord[]> {
  const users = deps.users();
  const records = seedRecords(users.map((user) => user.Id));
  const created = '2025-01-01T00:00:00.000+0000';
  const audit = {
    IsDeleted: false,
    CreatedDate: created,
    CreatedById: users[0].Id,
    LastModifiedDate: created,
    LastModifiedById: users[0].Id,
    SystemModstamp: created,
  };
  records.set('Organization', [
    {
      Id: ORG_ID,
      Name: 'Playground Emulator Org',
      IsSandbox: false,
      OrganizationType: 'Developer Edition',
      InstanceName: 'LOCAL',
      NamespacePrefix: null,
      TimeZoneSidKey: 'America/Los_Angeles',
      TrialExpirationDate: null,
      ...audit,
    },
  ]);
  records.set(
    'Profile',
    deps.profiles().map((profile) => ({ ...profile, ...audit })),
  );
  records.set(
    'User',
    users.map((user) => ({ ...user, TimeZoneSidKey: 'America/Los_Angeles', ...audit })),
  );
  return records;
}
