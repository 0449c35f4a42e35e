// API usage (the Sforce-Limit-Info header, counted over a rolling 24 hours) and GET /limits, with a Developer
// Edition's allocations but for data storage. Shapes: Salesforce REST API guide "List Organization Limits" and
// "Limit Info Header".
// Counted, never enforced: a real org answers 403 REQUEST_LIMIT_EXCEEDED past its allowance, but a local one has
// none to protect, and its benchmarks and tests make more calls in minutes than an org allows in a day.
import { RestError } from './restError.ts';
import type { RecordStore } from './store.ts';
import type { Resource } from './types.ts';

export const DAILY_API_REQUESTS = 15_000;
/**
 * Salesforce counts about 2 KB of data storage per record (KB 000193871). A Developer Edition has 5 MB (Bulk API 2.0
 * guide, "Set Up a Salesforce Developer Edition Org"), which the seed's 2,500 contacts and the rest would already
 * fill: the emulator's org has 25 MB, so that writes have room, and the explainer says so.
 */
export const DATA_STORAGE_MB = 25;
const KB_PER_RECORD = 2;

const HOUR_MS = 3_600_000;

export class ApiUsage {
  private readonly hours = new Map<number, number>();

  constructor(private readonly now: () => number) {}

  /** Every authenticated call under /services/data/vXX.X counts once, a composite request too; a batch, per subrequest. */
  count(): void {
    const hour = Math.floor(this.now() / HOUR_MS);
    this.hours.set(hour, (this.hours.get(hour) ?? 0) + 1);
    for (const old of this.hours.keys()) if (old <= hour - 24) this.hours.delete(old);
  }

  used(): number {
    const hour = Math.floor(this.now() / HOUR_MS);
    let total = 0;
    for (const [at, calls] of this.hours) if (at > hour - 24) total += calls;
    return total;
  }

  header(): string {
    return `api-usage=${this.used()}/${DAILY_API_REQUESTS}`;
  }

  reset(): void {
    this.hours.clear();
  }
}

export function storageUsedMb(store: RecordStore): number {
  return Math.ceil((store.size * KB_PER_RECORD) / 1024);
}

/** Allocations of a Developer Edition org; only API requests and data storage move in this emulator. */
const FIXED: Record<string, number> = {
  ConcurrentAsyncGetReportInstances: 200,
  ConcurrentSyncReportRuns: 20,
  DailyAsyncApexExecutions: 250_000,
  DailyBulkApiBatches: 15_000,
  DailyBulkV2QueryFileStorageMB: 976_562,
  DailyBulkV2QueryJobs: 10_000,
  DailyDurableGenericStreamingApiEvents: 10_000,
  DailyDurableStreamingApiEvents: 10_000,
  DailyGenericStreamingApiEvents: 10_000,
  DailyStandardVolumePlatformEvents: 10_000,
  DailyStreamingApiEvents: 10_000,
  DailyWorkflowEmails: 390,
  DurableStreamingApiConcurrentClients: 20,
  FileStorageMB: 20,
  HourlyAsyncReportRuns: 1_200,
  HourlyDashboardRefreshes: 200,
  HourlyDashboardResults: 5_000,
  HourlyODataCallout: 10_000,
  HourlySyncReportRuns: 500,
  HourlyTimeBasedWorkflow: 50,
  MassEmail: 10,
  SingleEmail: 15,
  StreamingApiConcurrentClients: 20,
};

export const limitsResource =
  (usage: ApiUsage): Resource =>
  (call, ctx) => {
    // Only the org's limits: /limits/recordCount, which a real org serves, is said to be an emulator limit.
    if (call.segments[1]?.toLowerCase() === 'recordcount') throw RestError.notServed('limits/recordCount');
    if (call.segments.length > 1) throw RestError.notFound();
    const limits: Record<string, { Max: number; Remaining: number }> = {};
    for (const [name, max] of Object.entries(FIXED)) limits[name] = { Max: max, Remaining: max };
    limits.DailyApiRequests = {
      Max: DAILY_API_REQUESTS,
      Remaining: Math.max(0, DAILY_API_REQUESTS - usage.used()),
    };
    limits.DataStorageMB = {
      Max: DATA_STORAGE_MB,
      Remaining: Math.max(0, DATA_STORAGE_MB - storageUsedMb(ctx.store)),
    };
    const sorted = Object.fromEntries(Object.entries(limits).sort(([a], [b]) => a.localeCompare(b)));
    return { status: 200, body: sorted };
  };
