// Explanations for what the app itself refuses at its callback: a state it did not send or already used, a callback
// with no code, an error it did not ask for. Tried first among the app's own rules (appRules.ts).
import type { Rule } from './types.ts';

export const CALLBACK_RULES: Rule[] = [
  {
    key: 'state-mismatch',
    error: 'state_mismatch',
    title: 'The callback did not come from a login this browser started',
    likelyMeaning:
      'The state that came back is not one this session sent, or no longer: the login took more than 15 minutes and another login has finished since (this app forgets a login it started after 15 minutes), the callback URL was replayed or reloaded, the login was started in another browser or tab that has since finished, this browser logged out (or signed in) in another tab while the login was under way, the session expired, the login started on one host name and came back to another (localhost and 127.0.0.1 keep separate cookies: SF_CALLBACK_URL names the one to open the playground on), or someone is trying a login CSRF.',
    howToFix: 'Start the flow again from this browser, on the host name SF_CALLBACK_URL names.',
    whatNotToDo: 'Never skip the state check to "make it work".',
  },
  {
    key: 'login-expired',
    error: 'login_expired',
    title: 'The login took longer than this app waits for it',
    likelyMeaning:
      'The state that came back is one this browser sent, but for a login started more than 15 minutes ago: this app forgets a login left unfinished that long (with its PKCE verifier, in the web server flow), so what came back is not used. A login page left open over a break does this.',
    howToFix: 'Start the flow again and finish the login within 15 minutes.',
    whatNotToDo:
      'Do not keep logins waiting for ever to avoid this: a state and verifier that never expire are worth more to whoever steals them.',
  },
  {
    key: 'logged-out-since-waiting',
    error: 'logged_out_since',
    description: 'this browser logged out while this login was at Salesforce, and the logout ended it',
    title: 'This browser logged out while this login was at Salesforce',
    likelyMeaning:
      "The state that came back is one this browser sent, for a login it started before it logged out: most often Run in one tab, Log out in another, and then the login finished at Salesforce's page. A logout ends everything the session held, the logins still under way included (with their state and, in the web server flow, their PKCE verifier), so whatever came back for this one (a code, tokens or an error) is not used, even if you have signed in again since.",
    howToFix:
      'Run the flow again. To keep a login going in one tab, finish it before you log out in another.',
    whatNotToDo:
      'Do not let a login started before a logout sign the browser in after it: a logout must end what the session started, or whoever used the browser before could still finish signing it in.',
  },
  {
    key: 'logged-out-since-answered',
    error: 'logged_out_since',
    description: 'this login came back once before this browser logged out: its state works once',
    title: 'A login from before a logout came back',
    likelyMeaning:
      "The state that came back belongs to a login whose callback this browser had already had, before it logged out: the callback URL came back from the browser's history (Back, Reload, a bookmark), or Back took the browser to Salesforce's authorize page, which sent it here again with the same old state. A state works once, and the logout has ended the sign-in that login made.",
    howToFix: 'Run the flow again to sign in. To sign in anew, use Run, not Back.',
    whatNotToDo:
      'Do not accept a state twice or keep callback URLs: a callback that worked again after a logout would sign the browser back in.',
  },
  {
    key: 'session-lost',
    restartAfter: true,
    error: 'session_lost',
    title: "The login's session ended while it was at Salesforce",
    likelyMeaning:
      'This browser came back from Salesforce with a session this app no longer has: the playground restarted while the login was under way (it keeps sessions in its memory unless REDIS_URL is set, and npm run dev restarts at every edit), the Redis server at REDIS_URL lost it (restarted without saving its data, flushed, or out of room and evicting), the session went 2 hours unused or was let go to make room (the playground keeps 2,000 sessions of visitors who are not signed in), or SESSION_SECRET changed. The state and PKCE verifier it kept went with it, so what came back cannot be used.',
    howToFix:
      'Start the flow again. To keep sessions, and logins under way, across restarts, set SESSION_SECRET and REDIS_URL, to a Redis that keeps its data (persistence on, and maxmemory-policy noeviction: full, it then refuses new sessions, which the playground says, instead of dropping the oldest).',
    whatNotToDo: 'Do not skip the state check to let such a callback through.',
  },
  {
    key: 'callback-without-code',
    error: 'callback_without_code',
    title: 'The callback carried no code to exchange',
    likelyMeaning:
      'Salesforce sends the browser back with exactly one code (or one error). This callback had none, an empty one, or several: its URL was edited or put together by hand, or something between Salesforce and this app rewrote it.',
    howToFix: "Start the flow again and let the browser follow Salesforce's redirect unchanged.",
    whatNotToDo:
      'Do not paste a code into the callback by hand: each works once, for the login (and PKCE verifier) that asked for it.',
  },
  {
    key: 'callback-replayed-error',
    error: 'callback_replayed',
    description: 'this callback carried an error, and its state was already used: its state works once',
    title: 'A callback with an error came back for a login already finished',
    likelyMeaning:
      'The browser came back to this app with an error and a state this session had already used: a callback with an error reloaded, or Back to Salesforce and then Deny. Either way this callback changes nothing: it is an attempt of its own, and whatever the first one did (signed in or not) stands.',
    howToFix:
      'Nothing to fix: open the result page if you are signed in, or use Run to start the flow again.',
    whatNotToDo: 'Do not accept a state twice or keep callback URLs.',
  },
  {
    // The user-agent flow has no code to be spent or sent anew: its tokens come in the #fragment.
    key: 'callback-replayed-fragment',
    error: 'callback_replayed',
    when: (context) => context.flow === 'user-agent',
    title: 'This login was already completed: its state works once',
    likelyMeaning:
      "The callback page posted a response whose state this session had already completed. The user-agent flow has no code: the tokens come after the # of the callback URL, which the page reads once, posts to this app and clears from the address bar. Either that URL came back with its fragment (a bookmark, a copied link, a second post of the same response), or Back took the browser to Salesforce's authorize page, which, still logged in and approved, sent it straight here again with new tokens in the fragment but the same old state. The state was used up at the first visit, so this is an attempt of its own, its tokens were not kept, and your earlier result is unchanged.",
    howToFix: 'Nothing to fix: open the result page. To sign in anew, use Run, not Back.',
    whatNotToDo:
      'Do not accept a state twice or keep callback URLs: a state that works again lets a replayed callback sign a browser in, and a kept URL with its fragment holds a live access token.',
  },
  {
    key: 'callback-replayed',
    error: 'callback_replayed',
    title: 'This login was already completed: its state works once',
    likelyMeaning:
      "The browser came back with a state this session had already completed. Either the callback URL itself came back (Reload, a bookmark, a copied link: its code is spent too), or Back took the browser to Salesforce's authorize page, which, still logged in and approved, sent it straight here again with a new code but the same old state. The state was used up at the first visit, so this is an attempt of its own and your earlier result is unchanged.",
    howToFix: 'Nothing to fix: open the result page. To sign in anew, use Run, not Back.',
    whatNotToDo:
      'Do not accept a state twice or keep callback URLs: a state that works again lets a replayed callback sign a browser in, and Salesforce refuses a code used twice (expired authorization code).',
  },
  {
    key: 'unsolicited-error',
    error: 'unsolicited_error',
    title: 'An error arrived that this browser did not ask for',
    likelyMeaning:
      "The callback carried an error, but its state matches no login this browser session started: a link replayed from history, a login finished in another browser, or a crafted link. Anyone can put any text in such a link, so the playground does not present it as Salesforce's answer (the raw URL is in the transcript).",
    howToFix:
      'Start the flow again from this browser; a real refusal will then come back with the right state.',
    whatNotToDo: 'Do not show error text from an unsolicited callback as if Salesforce had said it.',
  },
];
