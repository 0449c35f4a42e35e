// Device flow page: ask this app to poll every `interval` seconds (never sooner, unless the attempt is armed to poll
// too fast: then every second until Salesforce answers slow_down), and move on
// to the result, or back to the explained error, when the answer is final. "Check now" pressed while a poll of the
// page is under way waits for that poll's answer instead of sending a second one: landing just after that poll signed
// the visitor in, it would carry a form token of the session the sign-in replaced, and be refused as an expired form
// instead of reaching the result; and once the button's form is sent, the timer sends nothing until its page comes,
// for the same reason. The button stays enabled (a disabled button would lose the keyboard's focus). A
// sign-in in another tab makes the page's token stale: the page reloads itself and goes on (or, if a logout there
// took the code, says so). A poll that gets no answer at all is tried again; a page back in view checks if due.
(function pollDeviceFlow() {
  const section = document.querySelector('.device-code[data-interval]');
  const status = document.getElementById('device-status');
  if (!section || !status) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  let polling = false;
  /** The pace Salesforce last asked for (slow_down adds 5 s): a check that got no answer is tried again at it. */
  let retryInS = Number(section.dataset.interval);
  /** The next check's timer, and when the last one was sent (the page's load before the first). */
  let timer;
  let lastAskAt = Date.now();
  const askIn = (seconds) => {
    timer = setTimeout(ask, seconds * 1000);
  };
  const checkNow = section.querySelector('form[action="/flows/device/poll"]');
  checkNow?.addEventListener('submit', (event) => {
    if (!polling) return;
    event.preventDefault();
    status.textContent = 'Checking now…';
  });
  /** As forms.js: past this, a form whose page never came (a stopped load) no longer holds the checks back. */
  const FORM_ANSWER_WAIT_MS = 30000;
  /**
   * Whether "Check now" sent its form and that page is on its way (forms.js marks a form really sent, and unmarks
   * it when the page comes back from the browser's cache). Meanwhile the timer sends nothing: had the form's check
   * signed the visitor in, the timed check would carry the replaced session's form token, and its "expired form"
   * answer would reload this page over the result the form was about to show.
   */
  const formOnItsWay = () => Date.now() - Number(checkNow?.dataset.sentAt || 0) < FORM_ANSWER_WAIT_MS;
  /**
   * The failed attempt's page is this page at #teaching-heading: assigning a URL that differs only by its fragment
   * would just scroll, so the page is loaded again there.
   */
  const go = (url) => {
    const target = new window.URL(url, window.location.href);
    if (target.pathname !== window.location.pathname) return window.location.assign(target.href);
    // Another query is a navigation of its own: a reload right after it would cancel it.
    if (target.search !== window.location.search) return window.location.replace(target.href);
    window.location.replace(target.href);
    window.location.reload();
  };
  function ask() {
    if (formOnItsWay()) return askIn(retryInS);
    polling = true;
    timer = undefined;
    lastAskAt = Date.now();
    return fetch('/flows/device/poll', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': csrf },
      // The code this page shows: if another tab has started a new one since, the answer reloads this page.
      body: new window.URLSearchParams({ user_code: document.getElementById('user-code').textContent }),
    })
      .then((response) => window.playgroundAnswers.read(response))
      .then((answer) => {
        if (answer.redirect) return go(answer.redirect);
        polling = false;
        // Written only when it changes: the live region would otherwise read the same words at every check.
        retryInS = answer.retryInS;
        const waiting = `Still waiting for you to allow access (next check in ${answer.retryInS} s)…`;
        if (status.textContent !== waiting) status.textContent = waiting;
        askIn(answer.retryInS);
      })
      .catch((error) => {
        polling = false;
        // A sign-in in another tab made this page's form token stale; the code came along into the new session,
        // so the page, loaded again, goes on polling it.
        if (error.expiredForm) {
          status.textContent = 'You signed in, refreshed or logged out in another tab: reloading this page…';
          // go(): the page may be at this very URL already (a second sign-in since the last reload), where an
          // assignment alone would only scroll.
          return go('/flows/device?reloaded=1#code-heading');
        }
        // No answer at all (the playground restarting, a dropped connection): the code may still be waiting, so
        // the checks go on at the same pace instead of stopping for good.
        if (error instanceof TypeError) {
          status.textContent = `Could not reach the playground (${error.message}): trying again in ${retryInS} s…`;
          return askIn(retryInS);
        }
        status.textContent = `Could not check: ${error.message.replace(/\.$/, '')}.${error.stale ? '' : ' Use "Check now" to try again.'}`;
      });
  }
  // A tab in the background has its timers slowed (Chromium: once a minute after 5 minutes), and the approval is
  // given in another tab or device: back in view, the page checks at once if a check is due, not a minute later,
  // by which time the code's 10 minutes may have run out.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || polling || timer === undefined) return;
    if (Date.now() - lastAskAt < retryInS * 1000) return;
    window.clearTimeout(timer);
    ask();
  });
  // After the interval; an attempt armed to poll too fast asks after a second (its page says so).
  askIn(Number(section.dataset.firstPoll || section.dataset.interval));
})();
