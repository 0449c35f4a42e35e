// Checks on a redirect flow's callback before anything is exchanged: its state must lead back to a login this
// browser session started and has not completed, and it must carry one code or one error.
import { FlowError, type Fault } from '../attempts/attempt.ts';
import { stateCheck } from './checks.ts';
import type { FlowContext } from './context.ts';
import { TRANSACTION_LIFETIME_MS, type LoggedOutLogin } from './transactions.ts';

/** The state did not lead back to a login this browser session started. */
export function stateMismatch(): FlowError {
  return new FlowError(
    'state_mismatch',
    'the state in the callback does not match a login this browser session started',
  );
}

/**
 * An error arrived for a login this browser did not start: anyone can craft such a link, so its text is not
 * presented as Salesforce's.
 */
export function unsolicitedError(): FlowError {
  return new FlowError(
    'unsolicited_error',
    'an error arrived at the callback, but this browser session started no login it could belong to',
  );
}

/**
 * A callback with neither one code nor one error (`code=a&code=b`, an empty code, a hand-made URL): there is
 * nothing to exchange, and sending an empty code would only earn Salesforce's misleading "expired" answer.
 */
export function callbackWithoutCode(): FlowError {
  return new FlowError('callback_without_code', 'the callback carried neither one code nor one error');
}

/**
 * A state this session already completed came back (Back, Reload, a bookmark): each login completes once. One that
 * comes back carrying an error (a Deny reloaded, or Back to Salesforce and Deny) is said apart: it brings no code.
 */
export function callbackReplayed(error?: string): FlowError {
  if (error !== undefined) {
    return new FlowError(
      'callback_replayed',
      'this callback carried an error, and its state was already used: its state works once',
    );
  }
  return new FlowError('callback_replayed', 'this login was already completed: its state works once');
}

/**
 * A state of this browser's whose login a logout of its ended: said as such, since the generic mismatch would list
 * every other cause too. What it says of the state, and the error.
 */
function loggedOutSince(login: LoggedOutLogin): [string, FlowError] {
  if (login === 'waiting') {
    return [
      'This state belongs to a login this browser started and then logged out of: the logout ended it.',
      new FlowError(
        'logged_out_since',
        'this browser logged out while this login was at Salesforce, and the logout ended it',
      ),
    ];
  }
  return [
    'This state belongs to a login that came back here before this browser logged out: a state works once.',
    new FlowError(
      'logged_out_since',
      'this login came back once before this browser logged out: its state works once',
    ),
  ];
}

/** Step one of every callback: the state must lead to this session's waiting login, or the callback goes no further. */
export function checkCallbackState(
  ctx: FlowContext,
  match: {
    transaction?: { state: string };
    replayed: boolean;
    expired?: boolean;
    /** The browser came back with a session this app no longer has (a restart with sessions in memory, say). */
    sessionLost?: boolean;
    /** The state is one of a login of this browser's that a logout of its ended since. */
    loggedOut?: LoggedOutLogin;
    faults?: readonly Fault[];
  },
  params: { state?: string; error?: string },
): void {
  // A state with no login waiting for it, whose reason is known: the failed check says it, and so does the error.
  const refuse = (detail: string, error: FlowError): never => {
    ctx.log.check({ ...stateCheck(undefined, params.state), detail });
    throw error;
  };
  const minutes = TRANSACTION_LIFETIME_MS / 60_000;
  if (match.expired && !match.transaction) {
    refuse(
      `This state belongs to a login this browser started more than ${minutes} minutes ago: this app no longer waits for it.`,
      new FlowError(
        'login_expired',
        `this login was started more than ${minutes} minutes ago, and this app no longer waits for it`,
      ),
    );
  }
  // Before a replay: the same callback again after the logout was refused is still about that logout.
  if (match.loggedOut && !match.transaction) {
    refuse(...loggedOutSince(match.loggedOut));
  }
  if (match.sessionLost && !match.transaction && !match.replayed) {
    refuse(
      'This browser came back with a session this app no longer has: the login it started went with it.',
      new FlowError(
        'session_lost',
        'the session that started this login ended while it was at Salesforce, and the login went with it',
      ),
    );
  }
  if (match.replayed) {
    refuse(
      'This state belongs to a login this session already completed: a state works once.',
      callbackReplayed(params.error),
    );
  }
  ctx.log.check(stateCheck(match.transaction?.state, params.state, match.faults));
  if (!match.transaction) throw params.error !== undefined ? unsolicitedError() : stateMismatch();
}
