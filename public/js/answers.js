// What the page scripts share about the app's answers to their requests: the body when it worked, and otherwise a
// reason a person can act on, shown next to the control they used as well as read out.
(function answers() {
  /** The app refuses a request from a page loaded before a sign-in or sign-out in another tab (a new session). */
  const STALE_PAGE =
    'this page is out of date: you signed in or out in another tab since it loaded. Reload the page, then try again';

  /** Reveal and a step's details look things up in the session, where a later sign-in or attempt replaced them. */
  const GONE =
    'what this page shows is no longer in your session: a later sign-in or attempt replaced it. Reload the page';

  /** The body as JSON or text when the answer is a success; otherwise a rejection with a reason. */
  const read = (response, as) => {
    if (response.ok) return as === 'text' ? response.text() : response.json();
    return response
      .json()
      .catch(() => ({}))
      .then((body) => {
        // The app's own refusal of a form token from an older session, as against any other 403 (the access link).
        if (body.error === 'Form expired')
          return Promise.reject(Object.assign(new Error(STALE_PAGE), { stale: true, expiredForm: true }));
        if (response.status === 404) return Promise.reject(Object.assign(new Error(GONE), { stale: true }));
        // The session itself is gone (a restart, 2 hours unused): trying the same control again cannot help.
        if (body.error === 'Session ended')
          return Promise.reject(Object.assign(new Error(body.detail), { stale: true }));
        return Promise.reject(new Error(body.detail || `HTTP ${response.status}`));
      });
  };

  /**
   * Shows `text` right after `anchor` (the button used), in a line made once per control. Screen readers hear the
   * page's live region instead, so the visible copy is hidden from them.
   */
  const showNear = (anchor, text) => {
    let line = anchor.nextElementSibling;
    if (!line || !line.classList.contains('status-line')) {
      line = document.createElement('span');
      line.className = 'status-line';
      line.setAttribute('aria-hidden', 'true');
      anchor.after(line);
    }
    line.textContent = text;
  };

  window.playgroundAnswers = { read, showNear };
})();
