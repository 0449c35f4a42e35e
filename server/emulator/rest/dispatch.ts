// Which resource answers a call, by the first path segment after the version. Unknown resources answer NOT_FOUND,
// as Salesforce does; one the org lists but this emulator does not serve says so in the same error form.
import { collectionsResource } from './collections.ts';
import { checkCompositeVersion, compositeResource } from './composite.ts';
import type { CursorStore } from './cursors.ts';
import { limitsResource, type ApiUsage } from './limits.ts';
import { checkMethod } from './methods.ts';
import { queryResource } from './queryResource.ts';
import { LISTED_RESOURCES, resourcesByVersion } from './resources.ts';
import { RestError } from './restError.ts';
import { sobjectsResource } from './sobjects.ts';
import type { Resource, RestCall, RestContext, RestReply } from './types.ts';

/** A resource a real org answers (it is in the version's list) that this emulator does not serve. */
function notServed(segment: string): RestError | undefined {
  const name = LISTED_RESOURCES.get(segment.toLowerCase()) ?? UNLISTED_RESOURCES.get(segment.toLowerCase());
  return name ? RestError.notServed(name) : undefined;
}

/** Resources real orgs serve that the version's list (as the emulator gives it) leaves out. */
const UNLISTED_RESOURCES = new Map([
  ['graphql', 'graphql'],
  ['ui-api', 'ui-api'],
]);

export function createDispatcher(cursors: CursorStore, usage: ApiUsage) {
  const query = queryResource(cursors);
  const composite: Resource = (call, ctx) => {
    checkCompositeVersion(call);
    return (call.segments[1]?.toLowerCase() === 'sobjects' ? collectionsResource : compositeResource)(
      call,
      ctx,
    );
  };
  // Resource names are matched case-insensitively and passed on in their canonical spelling.
  const resources = new Map<string, [string, Resource]>([
    ['query', ['query', query]],
    ['queryall', ['queryAll', query]],
    ['sobjects', ['sobjects', sobjectsResource]],
    ['limits', ['limits', limitsResource(usage)]],
    ['composite', ['composite', composite]],
  ]);
  return (call: RestCall, ctx: RestContext): RestReply => {
    checkMethod(call.method, call.segments);
    const [first] = call.segments;
    if (first === undefined) return resourcesByVersion(call, ctx);
    const entry = resources.get(first.toLowerCase());
    if (!entry) throw notServed(first) ?? RestError.notFound();
    const [name, resource] = entry;
    return resource({ ...call, segments: [name, ...call.segments.slice(1)] }, ctx);
  };
}
