// The two hosts the emulator plays, told apart by the Host header: the generic login host and the org's My Domain.
import type { Request } from 'express';
import type { EmulatorContext } from './context.ts';

export interface Host {
  kind: 'login' | 'my-domain';
  /** The origin the request was made to, e.g. https://127.0.0.1:8443. */
  url: string;
}

/**
 * My Domain is the host name of options.myDomainUrl (127.0.0.1, which the TLS certificate also covers); any other
 * name (localhost) is the login host. One server and port serve both, as one Salesforce edge serves many hosts.
 */
export function requestHost(ctx: EmulatorContext, req: Request): Host {
  return req.hostname === new URL(ctx.myDomainUrl).hostname
    ? { kind: 'my-domain', url: ctx.myDomainUrl }
    : { kind: 'login', url: ctx.baseUrl };
}
