// The two hosts the emulator plays, told apart by the Host header: the generic login host and the org's My Domain.
import type { Request } from 'express';
import type { EmulatorContext } from './context.ts';

export interface Host {
  kind: 'login' | 'my-domain';
  /** The host's own origin, e.g. https://127.0.0.1:8443: issuer, identity URLs, what calls from this machine use. */
  url: string;
  /** Where a browser opens this host's pages: the login host's public address when one is set, else `url`. */
  pageUrl: string;
}

/**
 * My Domain is the host name of options.myDomainUrl (127.0.0.1, which the TLS certificate also covers); any other
 * name (localhost) is the login host. One server and port serve both, as one Salesforce edge serves many hosts.
 * A request whose Host is the public address (options.publicUrl: a tunnel that passes the browser's Host on) is the
 * login host, even when that address is 127.0.0.1 at another port. The Host header only picks one of these
 * configured hosts: no URL is ever built from it.
 *
 * The public address is the login host under another name, not a third host: its issuer and identity URLs stay
 * `url` (what discovery on this machine says, and what the app checks an id_token's iss against), and only the pages
 * a browser is sent to use `pageUrl`. My Domain has no public address: it serves the API and token calls, which come
 * from this machine; a browser is never sent there by the playground (a second variable would be needed if it were).
 */
export function requestHost(ctx: EmulatorContext, req: Request): Host {
  const { publicHost, myDomainHostname, login, myDomain } = hostsOf(ctx);
  if (publicHost && req.host.toLowerCase() === publicHost) return login;
  return req.hostname === myDomainHostname ? myDomain : login;
}

/** Each request asks (CORS decides by it on every path): the configured addresses are read once per emulator. */
const known = new WeakMap<EmulatorContext, ReturnType<typeof readHosts>>();
const hostsOf = (ctx: EmulatorContext) => known.get(ctx) ?? known.set(ctx, readHosts(ctx)).get(ctx)!;

function readHosts(ctx: EmulatorContext) {
  const { publicUrl } = ctx.options;
  return {
    publicHost: publicUrl ? new URL(publicUrl).host : undefined,
    myDomainHostname: new URL(ctx.myDomainUrl).hostname,
    login: Object.freeze<Host>({ kind: 'login', url: ctx.baseUrl, pageUrl: publicUrl ?? ctx.baseUrl }),
    myDomain: Object.freeze<Host>({ kind: 'my-domain', url: ctx.myDomainUrl, pageUrl: ctx.myDomainUrl }),
  };
}
