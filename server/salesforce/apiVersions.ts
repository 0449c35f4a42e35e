// The newest API version each instance offers, as GET /services/data/ listed it, kept for a day. The list is public
// (no token), the same for every user of the org, and grows only at a release (three a year): asking for it at
// every sign-in would cost each first result page a round trip to Salesforce that tells nothing new. A version a
// day old is still served by the org (Salesforce keeps old versions for years), so a stale entry is harmless.
import { LRUCache } from 'lru-cache';

export interface ListedVersion {
  version: string;
  /** When the list was read (ms), for the result page to say where its version came from. */
  listedAt: number;
}

const DAY_MS = 24 * 3600 * 1000;
/** Instances come from token responses of the configured org: a handful at most. The bound is only a backstop. */
const MAX_INSTANCES = 50;

export class ApiVersions {
  private readonly byInstance = new LRUCache<string, ListedVersion>({ max: MAX_INSTANCES });

  constructor(
    private readonly now: () => number,
    private readonly keepMs = DAY_MS,
  ) {}

  /** The version an earlier sign-in listed for this instance, unless that was a day ago or more. */
  known(instanceUrl: string): ListedVersion | undefined {
    const listed = this.byInstance.get(instanceUrl);
    if (listed && this.now() - listed.listedAt < this.keepMs) return listed;
    this.byInstance.delete(instanceUrl);
    return undefined;
  }

  learn(instanceUrl: string, version: string): void {
    this.byInstance.set(instanceUrl, { version, listedAt: this.now() });
  }
}
