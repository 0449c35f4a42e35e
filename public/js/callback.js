// User-agent callback: read the token from the #fragment, wipe it from the address bar and history, and post it
// to this app (same origin, CSRF token from the page), which checks it and keeps it in the session.
(function finishUserAgentLogin() {
  const status = document.getElementById('callback-status');
  const fragment = window.location.hash.slice(1);
  // Replace the current history entry, so Back or a copied URL never carries the token.
  history.replaceState(null, '', window.location.pathname);
  if (!fragment) {
    status.textContent = 'Nothing to finish: this page expects a response from Salesforce after the # sign.';
    return;
  }
  const token = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  fetch('/oauthcallback/fragment', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': token },
    body: fragment,
  })
    .then((response) =>
      response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`)),
    )
    .then((answer) => {
      status.textContent = 'Done. Loading the result…';
      window.location.replace(answer.redirect);
    })
    .catch((error) => {
      status.textContent = `This app could not take the response (${error.message}). Start the flow again.`;
    });
})();
