// POST /composite/batch: up to 25 independent subrequests; with haltOnError those after a failure are not run
// (412). Between two subrequests the emulator answers whatever else is waiting: 25 queries near the 100,000
// character limit take seconds to parse, and the playground shares its process.
import { checkCompositeVersion } from './composite.ts';
import { runSubrequest, subrequests } from './compositeSubrequests.ts';
import { RestError } from './restError.ts';
import type { RestCall, RestContext, RestReply } from './types.ts';
import { parseVersion } from './versions.ts';

/** The call this file answers, told apart before dispatch (synchronous, as composite's transaction is). */
export function isBatchCall(call: RestCall): boolean {
  const [first = '', second = ''] = call.segments.map((segment) => segment.toLowerCase());
  return call.method === 'POST' && call.segments.length === 2 && first === 'composite' && second === 'batch';
}

/** The oldest version a batch subrequest may name (Composite Batch, REST API guide). */
const OLDEST_SUBREQUEST = 34;

/**
 * The REST API guide's Composite Batch page: each subrequest's resource must be at 34.0 or later and no later than the
 * batch's own version. What an org answers otherwise is not documented; the subrequest alone is refused (400, in the
 * words of the emulator's other subrequest refusals), so the batch's other subrequests run as they would.
 */
function outOfRange(url: unknown, batchVersion: string): RestReply | undefined {
  const segment = typeof url === 'string' ? /^(?:\/services\/data\/)?(v[^/?]+)/.exec(url)?.[1] : undefined;
  const version = segment ? parseVersion(segment) : undefined;
  if (!version) return undefined;
  const major = Number(version);
  if (major >= OLDEST_SUBREQUEST && major <= Number(batchVersion)) return undefined;
  const rule = `${OLDEST_SUBREQUEST}.0 to ${batchVersion}`;
  const refusal = new RestError(
    400,
    'INVALID_INPUT',
    `A batch subrequest at v${version} is outside the versions this batch may call: ${rule}`,
  );
  return { status: refusal.status, body: refusal.body() };
}

const HALTED = [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }];

/**
 * `signedIn` asks again whether the caller's token still works: between two subrequests it may have been revoked
 * (or the org reset). Whether an org stops a running batch then is unconfirmed; here each later subrequest gets the
 * answer a call with that token would get, the safe choice.
 */
export async function runBatch(
  call: RestCall,
  ctx: RestContext,
  signedIn: () => boolean,
  countCall: () => void,
): Promise<RestReply> {
  checkCompositeVersion(call);
  const haltOnError = (call.body as { haltOnError?: unknown } | undefined)?.haltOnError === true;
  const results: { statusCode: number; result: unknown }[] = [];
  let halted = false;
  for (const sub of subrequests(call.body, 'batchRequests')) {
    if (halted) {
      results.push({ statusCode: 412, result: HALTED });
      continue;
    }
    if (results.length > 0) await new Promise((resolve) => setImmediate(resolve));
    if (!signedIn()) {
      results.push({ statusCode: 401, result: RestError.invalidSession().body() });
      continue;
    }
    // Each subrequest run counts against the API limits (REST API guide, Composite Batch), where a composite call
    // counts once. Whether the batch call also counts on top of them is not documented: here it is its first one.
    if (results.length > 0) countCall();
    const reply =
      outOfRange(sub.url, call.version) ??
      runSubrequest(call, ctx, { method: sub.method, url: sub.url, body: sub.richInput }, new Map(), 'batch');
    if (reply.status >= 400 && haltOnError) halted = true;
    results.push({ statusCode: reply.status, result: reply.body ?? null });
  }
  return { status: 200, body: { hasErrors: results.some((r) => r.statusCode >= 400), results } };
}
