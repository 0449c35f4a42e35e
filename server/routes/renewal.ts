// Renewing a spent single-use value for a copied request: a new assertion (signed, not sent), a new login whose
// code comes back unexchanged, or a new device code.
import type { KeyObject } from 'node:crypto';
import type { RequestHandler } from 'express';
import { FlowError, type Fault } from '../attempts/attempt.ts';
import { HttpError } from '../errors.ts';
import * as device from '../flows/device.ts';
import { signingKey } from '../flows/jwtBearer.ts';
import { describeFailure } from '../salesforce/errors.ts';
import { snippetContext } from '../teaching/snippets/context.ts';
import { withNewAssertion, withNewDeviceCode } from '../teaching/snippets/fresh.ts';
import { snippetSet } from '../teaching/snippets/index.ts';
import { legRequest } from '../teaching/snippets/request.ts';
import { spentValue } from '../teaching/snippets/spent.ts';
import { activityLog } from './attemptTranscript.ts';
import type { Services } from './services.ts';
import { ownEntry } from './teaching.ts';

/**
 * The entry's snippets again with a new single-use value: a new assertion (signed, not sent), or a new device
 * code (asked of Salesforce: a leg of its own in the transcript). A spent authorization code needs a new login:
 * the answer sends the browser to one whose code this app hands over instead of exchanging.
 */
export function renewSpentValue(services: Services): RequestHandler {
  const { config, now } = services;
  return async (req, res) => {
    const { attempt, entry } = ownEntry(req);
    const spent = spentValue(entry, attempt);
    const context = snippetContext(config, true);
    if (spent?.fresh === 'assertion') {
      const renewed = withNewAssertion(entry, keyForNewAssertion(config.jwtKeyFile), now(), config.audience);
      const broken = attempt.faults.flatMap((fault) => ASSERTION_FAULTS[fault] ?? []);
      const switches = broken.length > 1 ? 'switches' : 'switch';
      const notCarried = broken.length
        ? ` The "break it" ${switches} this attempt ran with (${broken.join(', ')}) ${broken.length > 1 ? 'are' : 'is'} not carried over.`
        : '';
      return res.set('Cache-Control', 'no-store').json({
        snippets: snippetSet(legRequest(renewed.entry), context),
        note: `A new assertion, signed just now with this app's key and not sent: it expires at ${renewed.expiresAt}.${notCarried}`,
      });
    }
    if (spent?.fresh === 'code') {
      req.session.handOverNext = true;
      return res.set('Cache-Control', 'no-store').json({
        redirect: '/flows/web-server/start?hand_over=1',
        note: 'A new login at Salesforce: its code comes back to the web server flow page, unexchanged, with the exchange to copy.',
      });
    }
    if (spent?.fresh === 'device-code') {
      if (!req.session.login)
        throw new HttpError(409, 'Sign in first', 'A new device code is offered on the result page.');
      const log = { entry: activityLog(req), check: () => undefined, jwt: () => undefined };
      const started = await device
        .start({ config, api: services.api, now, log }, [])
        .catch((error: unknown) => {
          const { error: code, error_description } = describeFailure(error);
          // Salesforce's refusal is the answer, not this app's failure: named, in the transcript, never a 500.
          throw new HttpError(
            502,
            'Salesforce refused a new device code',
            `${code}: ${error_description ?? ''}`,
          );
        });
      return res.set('Cache-Control', 'no-store').json({
        snippets: snippetSet(legRequest(withNewDeviceCode(entry, started.deviceCode)), context),
        note: `A new device code: enter ${started.userCode} at ${started.verificationUri} and allow access, then run the copy, at most once every ${started.intervalS} s (until you allow it, it answers authorization_pending; if it answers slow_down, RFC 8628's word for a poll too soon, unconfirmed for Salesforce, wait 5 s longer from then on).`,
      });
    }
    throw new HttpError(
      409,
      'Nothing to renew',
      'This request carries no single-use value a click can renew.',
    );
  };
}

/** The JWT flow's "break it" switches that change the assertion itself, which a new one leaves out. */
const ASSERTION_FAULTS: Partial<Record<Fault, string>> = {
  'wrong-aud': 'a wrong aud',
  'expired-exp': 'an expired assertion',
  'other-key': 'another key',
};

/** The signing key, or why it cannot sign (moved, unreadable, not a key): the learner's to fix, named. */
function keyForNewAssertion(file: string): KeyObject {
  try {
    return signingKey(file);
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    throw new HttpError(409, 'No new assertion: the key cannot sign', `${error.description}.`);
  }
}
