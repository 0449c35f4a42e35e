// An error page at the callback (the session store down, say) with a user-agent login's response in the #fragment:
// the token leaves the address bar and history at once, held in this tab's sessionStorage, where the callback page
// (callback.js) takes it on the reload that finishes the login once the error has passed.
(function holdFragment() {
  const fragment = window.location.hash.slice(1);
  if (!fragment) return;
  history.replaceState(null, '', window.location.pathname);
  try {
    window.sessionStorage.setItem('playground-callback-fragment', fragment);
  } catch {
    // Storage turned off: the response is gone from the address bar all the same; the flow starts again.
  }
})();
