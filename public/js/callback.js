// User-agent callback: read the token from the #fragment, wipe it from the address bar and history, and post it
// to this app (same origin, CSRF token from the page), which checks it and keeps it in the session. A sign-in in
// another tab while this page loaded makes its form token stale; the login it finishes is still this browser's (its
// state says so, and the app checks that), so it is posted once more with the token of the page as it is now.
(function finishUserAgentLogin() {
  const status = document.getElementById('callback-status');
  // Taken whether used or not: a held response never outlives the next callback page of this tab.
  const held = takeHeldFragment();
  const fragment = window.location.hash.slice(1) || held;
  // Replace the current history entry, so Back or a copied URL never carries the token.
  history.replaceState(null, '', window.location.pathname);
  if (!fragment) {
    // Reloaded after it read and posted the fragment: the server says whether that left this browser signed in.
    const finished = document.getElementById('callback-finished');
    status.textContent = finished
      ? 'Nothing to finish: the address has no response after the # sign (this page clears it once read).'
      : 'Nothing to finish: this page expects a response from Salesforce after the # sign.';
    (finished ?? document.getElementById('callback-start')).hidden = false;
    return;
  }
  const tokenOf = (doc) => doc.querySelector('meta[name="csrf-token"]').getAttribute('content');
  const post = (csrf) =>
    fetch('/oauthcallback/fragment', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        'x-csrf-token': csrf,
      },
      body: fragment,
    }).then((response) => window.playgroundAnswers.read(response));
  /** This page without its fragment, as the session now has it: only its form token is read. */
  const freshToken = () =>
    fetch(window.location.pathname, { credentials: 'same-origin' })
      .then((response) => response.text())
      .then((html) => tokenOf(new window.DOMParser().parseFromString(html, 'text/html')));
  post(tokenOf(document))
    .catch((error) => (error.expiredForm ? freshToken().then(post) : Promise.reject(error)))
    .then((answer) => {
      status.textContent = 'Done. Loading the result…';
      window.location.replace(answer.redirect);
    })
    .catch((error) => {
      // Refused twice as stale: another tab signed in again meanwhile. Reloading cannot help here (the response left
      // the address bar when this page opened), so the reason given is not the one other pages give.
      const reason = error.expiredForm
        ? 'another tab of this browser signed in or out again while it was on its way, and the token was not kept'
        : error.message.replace(/\.$/, '');
      status.textContent = `This app could not take the response: ${reason}. Start the flow again.`;
      document.getElementById('callback-again').hidden = false;
    });

  /** A response an error page at this address held for this tab (callback-hold.js): taken once, then gone. */
  function takeHeldFragment() {
    try {
      const held = window.sessionStorage.getItem('playground-callback-fragment') ?? '';
      window.sessionStorage.removeItem('playground-callback-fragment');
      return held;
    } catch {
      return '';
    }
  }
})();
