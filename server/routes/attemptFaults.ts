// The "break it" faults of a visitor's next attempt: armed on one flow's page, kept in the session for that flow,
// and the org-side ones handed to the local org bound to the attempt's own requests.
import type { Request } from 'express';
import type { Attempt, Fault, FlowName } from '../attempts/attempt.ts';
import { CLIENT_CREDENTIALS_GRANT_TYPE } from '../flows/clientCredentials.ts';
import { DEVICE_GRANT_TYPE } from '../flows/device.ts';
import { JWT_GRANT_TYPE } from '../flows/jwtBearer.ts';
import { REFRESH_GRANT_TYPE } from '../flows/refreshToken.ts';
import { PASSWORD_GRANT_TYPE } from '../flows/usernamePassword.ts';
import { isOrgFault, type FaultBinding, type OrgControl } from '../orgFaults.ts';
import { browserOf } from './loginSession.ts';
import type { Services } from './services.ts';

declare module 'express-session' {
  interface SessionData {
    /** Faults armed for the next attempt of one flow ("break it"). */
    faults?: Fault[];
    /** The flow they were armed on: another flow's attempt neither takes nor uses them. */
    faultsFor?: FlowName;
    /** The browser that armed them (its CSRF cookie): a sign-in in another of its tabs keeps them armed. */
    faultsBy?: string;
  }
}

/**
 * The grant_type of each flow that calls the token endpoint itself: the local org tells its requests apart by it.
 * The device flow's start sends none; its polls' own names the flow.
 */
const DIRECT_GRANT_TYPES: Partial<Record<FlowName, string>> = {
  jwt: JWT_GRANT_TYPE,
  'client-credentials': CLIENT_CREDENTIALS_GRANT_TYPE,
  'username-password': PASSWORD_GRANT_TYPE,
  'refresh-token': REFRESH_GRANT_TYPE,
  device: DEVICE_GRANT_TYPE,
};

/**
 * Gives the attempt's org-side faults to the local org, bound to its own requests: a login left waiting at
 * Salesforce's page, a code handed over, or another flow run meanwhile then meets no fault it never asked for.
 */
export function armOrgFaults(attempt: Attempt, orgControl?: OrgControl, binding?: FaultBinding): void {
  orgControl?.armFor(attempt.id, attempt.faults.filter(isOrgFault), binding);
}

/** Arms faults for the next attempt of `flow` (none disarms), replacing any armed on any flow's page. */
export function armFaults(req: Request, flow: FlowName, faults: Fault[]): void {
  if (faults.length === 0) {
    delete req.session.faults;
    delete req.session.faultsFor;
    delete req.session.faultsBy;
    return;
  }
  req.session.faults = faults;
  req.session.faultsFor = flow;
  req.session.faultsBy = browserOf(req);
}

/** The faults armed for the next attempt of `flow`: none when they were armed on another flow's page. */
export function armedFaults(req: Request, flow: FlowName): Fault[] {
  const { faults, faultsFor } = req.session ?? {};
  // A session stored before faultsFor was kept (Redis outlives a restart): its faults count for any flow, as then.
  return faults && (faultsFor === undefined || faultsFor === flow) ? faults : [];
}

/**
 * An attempt has ended (signed in, failed, or refused before it left): the org faults it armed and never reached
 * are disarmed, so that none fails a later attempt, this visitor's or another's, with a false explanation.
 */
export function settleOrgFaults(attempt: Attempt, orgControl?: OrgControl): void {
  orgControl?.disarmFor(attempt.id);
}

/**
 * Runs a direct flow's attempt in its turn at the local org. Its switches are bound to its grant_type, which another
 * visitor's attempt of that flow sends too: an attempt with org switches has the grant_type alone while it runs, so
 * none is met by an attempt that never armed it, nor replaced by one (the others run side by side). Without a local
 * org, nothing to wait for.
 */
export function inTurn<T>(
  req: Request,
  flow: FlowName,
  { orgControl, faultTurns }: Pick<Services, 'orgControl' | 'faultTurns'>,
  work: () => Promise<T>,
): Promise<T> {
  const grantType = DIRECT_GRANT_TYPES[flow];
  if (!orgControl || grantType === undefined) return work();
  return faultTurns.run(grantType, armedFaults(req, flow).some(isOrgFault), work);
}

/** A direct flow's binding, by its grant_type; none for a redirect flow, which binds to its login's state. */
export function directBinding(flow: FlowName): FaultBinding | undefined {
  const grantType = DIRECT_GRANT_TYPES[flow];
  return grantType === undefined ? undefined : { grantType };
}
