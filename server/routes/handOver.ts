// "New attempt and copy" for a spent code: the web server flow page offers the unsent exchange of the code it
// handed over, with placeholders in the page and the learner's own values only on Reveal, like every other copy.
import type { RequestHandler } from 'express';
import type { Attempt } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { HttpError } from '../errors.ts';
import { snippetContext } from '../teaching/snippets/context.ts';
import { snippetSet, type SnippetSet } from '../teaching/snippets/index.ts';
import { legRequest } from '../teaching/snippets/request.ts';
import { latestAttempt } from './attemptSession.ts';

/** The unsent code exchange of a hand-over as snippets: placeholders unless `reveal` (a Reveal click asked). */
export function handedOverSnippets(
  config: Config,
  attempt: Attempt | undefined,
  reveal = false,
): SnippetSet | undefined {
  const tokenRequest = attempt?.handedOver?.tokenRequest;
  if (!tokenRequest) return undefined;
  const exchange = legRequest({
    leg: 'token',
    method: 'POST',
    url: `${config.loginUrl}/services/oauth2/token`,
    requestHeaders: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    requestBody: new URLSearchParams(tokenRequest).toString(),
  });
  return snippetSet(exchange, snippetContext(config, reveal));
}

/** Reveal on the hand-over box: its snippets with the code and the secret, for this session's hand-over only. */
export function revealHandedOver(config: Config): RequestHandler {
  return (req, res) => {
    const snippets = handedOverSnippets(config, latestAttempt(req, 'web-server'), true);
    if (!snippets) {
      throw new HttpError(404, 'Nothing to reveal', 'This session has no code handed over to you.');
    }
    res.set('Cache-Control', 'no-store').json({ snippets });
  };
}
