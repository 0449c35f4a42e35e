// Device flow (Salesforce's dialect of RFC 8628; Salesforce: "OAuth 2.0 Device Flow for IoT Integration"): the
// app asks the token endpoint for a user code, the user enters it at verification_uri on another screen and
// allows access, and the app polls with grant_type=device until the token comes.
import { FlowError, type Check, type Fault } from '../attempts/attempt.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import type { FlowContext } from './context.ts';
import { verifyTokenResponse } from './responseChecks.ts';

/** Not urn:ietf:params:oauth:grant-type:device_code: Salesforce predates RFC 8628 and keeps its own name. */
export const DEVICE_GRANT_TYPE = 'device';
const RFC_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

export interface DeviceTransaction {
  flow: 'device';
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  intervalS: number;
  createdAt: number;
  lastPollAt?: number;
  /** Salesforce has answered slow_down once: an attempt armed to poll too fast has shown it, and now obeys. */
  slowedDown?: boolean;
  faults: Fault[];
  /** The browser that started it (its CSRF cookie), as for a redirect flow's transaction. */
  browser?: string;
}

/** Not done: `asked` when Salesforce was asked and said to wait (pending, or slow down), not held back here. */
export type PollOutcome = { done: true; tokens: TokenSet } | { done: false; retryInS: number; asked?: true };

/** Step 1: response_type=device_code at the token endpoint answers user_code, device_code, interval and the URL. */
export async function start(ctx: FlowContext, faults: Fault[]): Promise<DeviceTransaction> {
  const { config, api, log, now } = ctx;
  const form = { response_type: 'device_code', client_id: config.clientId, scope: config.scopes };
  const body = await api.tokenEndpoint(form, log.entry, { leg: 'device authorization' });
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const deviceCode = text('device_code');
  const userCode = text('user_code');
  const verificationUri = text('verification_uri');
  if (!deviceCode || !userCode || !verificationUri) {
    throw new FlowError(
      'device_response_invalid',
      'the answer has no device_code, user_code or verification_uri',
    );
  }
  const intervalS = typeof body.interval === 'number' && body.interval > 0 ? body.interval : 5;
  return { flow: 'device', deviceCode, userCode, verificationUri, intervalS, createdAt: now(), faults };
}

/** The poll answers that end a device code because of the person at the other screen: denied, or never answered. */
export const USER_ENDINGS: ReadonlySet<string> = new Set(['access_denied', 'expired_token']);

/** How soon an attempt armed to poll too fast polls again, until Salesforce tells it to slow down. */
const TOO_FAST_S = 1;

/** Whether the attempt still polls too fast on purpose: until the first slow_down, which it then obeys. */
function pollsTooFast(transaction: DeviceTransaction): boolean {
  return transaction.faults.includes('poll-too-fast') && !transaction.slowedDown;
}

/** When the device page polls first: after the interval, or at once for an attempt armed to poll too fast. */
export function firstPollInS(transaction: DeviceTransaction): number {
  return pollsTooFast(transaction) ? TOO_FAST_S : transaction.intervalS;
}

/**
 * Step 2, one poll: never sooner than the interval Salesforce asked for (unless the learner polls too fast on
 * purpose). authorization_pending means "not yet"; slow_down means "wait longer", so the interval grows by 5 s.
 */
export async function poll(ctx: FlowContext, transaction: DeviceTransaction): Promise<PollOutcome> {
  const { config, api, log, now } = ctx;
  const tooFast = pollsTooFast(transaction);
  const waitedS = transaction.lastPollAt === undefined ? Infinity : (now() - transaction.lastPollAt) / 1000;
  if (!tooFast && waitedS < transaction.intervalS) {
    return { done: false, retryInS: Math.ceil(transaction.intervalS - waitedS) };
  }
  transaction.lastPollAt = now();
  const form = {
    grant_type: transaction.faults.includes('rfc-grant-type') ? RFC_GRANT_TYPE : DEVICE_GRANT_TYPE,
    client_id: config.clientId,
    code: transaction.deviceCode,
  };
  try {
    const tokens = await api.token(form, log.entry, { leg: 'token (poll)' });
    await verifyTokenResponse(ctx, tokens, { atHashRequired: false });
    return { done: true, tokens };
  } catch (error) {
    if (!(error instanceof SalesforceError)) throw error;
    if (error.error === 'authorization_pending') {
      return { done: false, retryInS: tooFast ? TOO_FAST_S : transaction.intervalS, asked: true };
    }
    if (error.error !== 'slow_down') throw error;
    log.check(intervalCheck(waitedS, transaction.intervalS));
    transaction.intervalS += 5;
    transaction.slowedDown = true;
    return { done: false, retryInS: transaction.intervalS, asked: true };
  }
}

function intervalCheck(waitedS: number, intervalS: number): Check {
  return {
    id: 'interval',
    label: 'polling interval check',
    passed: false,
    detail: `This poll came ${waitedS.toFixed(1)} s after the last one; Salesforce asked for ${intervalS} s and answered slow_down. Polls now wait ${intervalS + 5} s.`,
    why: 'A device polls a shared token endpoint; RFC 8628 asks it to wait interval seconds between polls, and 5 s more after each slow_down.',
  };
}
