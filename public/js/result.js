// Result page: reveal the visitor's own access token on request (fetched from their session, never from a URL),
// with the copyable snippets that use it; focus stays on the Reveal control.
(function revealControl() {
  const button = document.getElementById('reveal-token');
  const target = document.getElementById('access-token');
  const status = document.getElementById('reveal-status');
  const snippets = document.getElementById('take-home-token');
  if (!button || !target) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  const done = (text) => {
    status.textContent = text;
    button.focus();
  };
  button.addEventListener('click', () => {
    if (button.dataset.revealed === 'true') {
      target.textContent = target.dataset.masked;
      if (snippets) snippets.dispatchEvent(new window.CustomEvent('snippets', { detail: { restore: true } }));
      button.dataset.revealed = 'false';
      button.textContent = 'Reveal the access token';
      return done('Token hidden.');
    }
    fetch('/result/reveal', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': csrf },
    })
      .then((response) => window.playgroundAnswers.read(response))
      .then((answer) => {
        target.textContent = answer.access_token;
        if (snippets && answer.snippets) {
          snippets.dispatchEvent(new window.CustomEvent('snippets', { detail: { set: answer.snippets } }));
        }
        button.dataset.revealed = 'true';
        button.textContent = 'Hide the access token';
        done('Token revealed; the copy controls below now copy it.');
      })
      .catch((error) => done(`Could not reveal the token: ${error.message}.`));
  });
})();
