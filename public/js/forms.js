// Every form of the app (and of the emulator's pages, which load this file too) is sent once: a second click while
// the first is on its way is ignored. Sent twice, the second would reach the server after the first had signed in
// and replaced the session, carrying the old session's form token, and the browser would show "Form expired" (a
// second login start would lose the first's state; a second Allow at the emulator, the redirect the first made).
(function sendFormsOnce() {
  /** Long enough for the slowest answer the app waits for; after it, a stopped page may send again. */
  const RESEND_AFTER_MS = 30000;
  document.addEventListener('submit', (event) => {
    const form = event.target;
    // Forms that a script sends itself (the device poll) keep their own rules.
    // GET forms too: the web server flow's Run starts a login, and two at once would each keep their own.
    if (!(form instanceof window.HTMLFormElement) || form.method === 'dialog' || event.defaultPrevented)
      return;
    const sentAt = Number(form.dataset.sentAt || 0);
    if (Date.now() - sentAt < RESEND_AFTER_MS) {
      event.preventDefault();
      return;
    }
    form.dataset.sentAt = String(Date.now());
    form.setAttribute('aria-busy', 'true');
  });
  // Back to a page kept in the browser's cache: its forms may be sent again.
  window.addEventListener('pageshow', () => {
    document.querySelectorAll('form[data-sent-at]').forEach((form) => {
      delete form.dataset.sentAt;
      form.removeAttribute('aria-busy');
    });
  });
})();
