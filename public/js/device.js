// Device flow page: ask this app to poll every `interval` seconds (it never polls Salesforce sooner), and move on
// to the result, or back to the explained error, when the answer is final. "Check now" pressed while a poll of the
// page is under way waits for that poll's answer instead of sending a second one: landing just after that poll signed
// the visitor in, it would carry a form token of the session the sign-in replaced, and be refused as an expired form
// instead of reaching the result. The button stays enabled (a disabled button would lose the keyboard's focus).
(function pollDeviceFlow() {
  const section = document.querySelector('.device-code[data-interval]');
  const status = document.getElementById('device-status');
  if (!section || !status) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  let polling = false;
  section.querySelector('form[action="/flows/device/poll"]')?.addEventListener('submit', (event) => {
    if (!polling) return;
    event.preventDefault();
    status.textContent = 'Checking now…';
  });
  const ask = () => {
    polling = true;
    return fetch('/flows/device/poll', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': csrf },
    })
      .then((response) => window.playgroundAnswers.read(response))
      .then((answer) => {
        if (answer.redirect) return window.location.assign(answer.redirect);
        polling = false;
        status.textContent = `Still waiting for you to allow access (next check in ${answer.retryInS} s)…`;
        setTimeout(ask, answer.retryInS * 1000);
      })
      .catch((error) => {
        polling = false;
        status.textContent = `Could not check: ${error.message}.${error.stale ? '' : ' Use "Check now" to try again.'}`;
      });
  };
  setTimeout(ask, Number(section.dataset.interval) * 1000);
})();
