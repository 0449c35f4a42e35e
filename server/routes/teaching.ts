// Teaching endpoints: arm faults for the next attempt ("break it"), reveal the visitor's own secrets, and renew a
// spent single-use value for a copied request.
import type { KeyObject } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import {
  FlowError,
  isFlowName,
  type Attempt,
  type Fault,
  type FlowName,
  type TranscriptEntry,
} from '../attempts/attempt.ts';
import { HttpError } from '../errors.ts';
import * as device from '../flows/device.ts';
import { signingKey } from '../flows/jwtBearer.ts';
import { describeFailure } from '../salesforce/errors.ts';
import { offeredFaults } from '../teaching/faults.ts';
import { openedLeg } from '../teaching/panel.ts';
import { snippetContext } from '../teaching/snippets/context.ts';
import { withNewAssertion, withNewDeviceCode } from '../teaching/snippets/fresh.ts';
import { snippetSet } from '../teaching/snippets/index.ts';
import { legRequest } from '../teaching/snippets/request.ts';
import { spentValue } from '../teaching/snippets/spent.ts';
import { secretsOf } from '../teaching/secrets.ts';
import { entryView } from '../teaching/transcript.ts';
import { armedFaults, armFaults } from './attemptFaults.ts';
import { activityLog, shownAttempts } from './attemptTranscript.ts';
import type { Services } from './services.ts';

/** A flow's page shows the faults armed for it, so the learner knows its next attempt will fail on purpose. */
export const exposeArmedFaults: RequestHandler = (req, res, next) => {
  res.locals.armedFaults = (flow: FlowName): Fault[] => armedFaults(req, flow);
  next();
};

/** The transcript entry a request names, from this visitor's own session only. */
function ownEntry(
  req: Request,
  id: unknown = req.body?.entryId,
  missing = 'Nothing to reveal',
): { attempt: Attempt; entry: TranscriptEntry } {
  if (typeof id !== 'string') throw new HttpError(400, 'Bad request', 'entryId must be a string.');
  const attempt = shownAttempts(req).find((shown) => shown.transcript.some((leg) => leg.id === id));
  const entry = attempt?.transcript.find((candidate) => candidate.id === id);
  if (!attempt || !entry) throw new HttpError(404, missing, 'That transcript entry is not in your session.');
  return { attempt, entry };
}

export function teachingHandlers(
  services: Services,
): Record<'armFaults' | 'leg' | 'reveal' | 'fresh', RequestHandler> {
  const { config, now } = services;
  return {
    armFaults(req, res) {
      const flow: unknown = req.body?.flow;
      if (!isFlowName(flow)) throw new HttpError(400, 'Unknown flow', 'Choose the faults on a flow page.');
      const offered = offeredFaults(flow, config.mode);
      const wanted = ([] as unknown[]).concat(req.body?.faults ?? []);
      const faults = offered.map((item) => item.id).filter((id) => wanted.includes(id));
      armFaults(req, flow, faults);
      // Back to the flow page's Run control, where the armed faults are now listed: a keyboard or screen-reader
      // user lands on what comes next instead of the top of the page.
      res.redirect(303, `/flows/${flow}#run`);
    },

    /**
     * What one leg holds, masked, with its copies: the page lists legs by their closed line only, and its script asks
     * for a leg's body here when the leg is opened (?part=body). Without the script, the link shows it as a page.
     */
    leg(req, res) {
      const { attempt, entry } = ownEntry(req, req.params.entryId, 'Nothing to show');
      const view = openedLeg(attempt, entry, config);
      res.set('Cache-Control', 'no-store');
      if (req.query.part === 'body') return res.render('partials/teaching/leg-body', { entry: view });
      const signedInWith = req.session.login?.attempt?.id === attempt.id;
      res.render('teaching-leg', {
        title: `The ${view.name}`,
        entry: view,
        back: signedInWith
          ? { href: '/result', label: 'Back to the result page' }
          : { href: `/flows/${attempt.flow}`, label: 'Back to the flow page' },
      });
    },

    /** Raw values of one transcript entry, and its snippets with them. */
    reveal(req, res) {
      const { attempt, entry } = ownEntry(req);
      res.set('Cache-Control', 'no-store').json(
        entryView(entry, secretsOf(attempt, [config.clientSecret]), {
          reveal: true,
          snippets: snippetContext(config, true),
          attempt,
        }),
      );
    },

    /**
     * The entry's snippets again with a new single-use value: a new assertion (signed, not sent), or a new device
     * code (asked of Salesforce: a leg of its own in the transcript). A spent authorization code needs a new login:
     * the answer sends the browser to one whose code this app hands over instead of exchanging.
     */
    async fresh(req, res) {
      const { attempt, entry } = ownEntry(req);
      const spent = spentValue(entry, attempt);
      const context = snippetContext(config, true);
      if (spent?.fresh === 'assertion') {
        const renewed = withNewAssertion(entry, keyForNewAssertion(config.jwtKeyFile), now());
        return res.set('Cache-Control', 'no-store').json({
          snippets: snippetSet(legRequest(renewed.entry), context),
          note: `A new assertion, signed just now with this app's key and not sent: it expires at ${renewed.expiresAt}.`,
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
    },
  };
}

/** The signing key, or why it cannot sign (moved, unreadable, not a key): the learner's to fix, named. */
function keyForNewAssertion(file: string): KeyObject {
  try {
    return signingKey(file);
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    throw new HttpError(409, 'No new assertion: the key cannot sign', `${error.description}.`);
  }
}
