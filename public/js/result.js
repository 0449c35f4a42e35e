// Result page: reveal the visitor's own access token on request (fetched from their session, never from a URL).
(function revealControl() {
  const button = document.getElementById('reveal-token');
  const target = document.getElementById('access-token');
  const status = document.getElementById('reveal-status');
  if (!button || !target) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-pressed') === 'true') {
      target.textContent = target.dataset.masked;
      button.setAttribute('aria-pressed', 'false');
      button.textContent = 'Reveal';
      status.textContent = 'Token hidden.';
      return;
    }
    fetch('/result/reveal', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf } })
      .then((response) =>
        response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`)),
      )
      .then((answer) => {
        target.textContent = answer.access_token;
        button.setAttribute('aria-pressed', 'true');
        button.textContent = 'Hide';
        status.textContent = 'Token revealed.';
      })
      .catch((error) => {
        status.textContent = `Could not reveal the token: ${error.message}`;
      });
  });
})();
