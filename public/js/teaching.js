// Teaching panel behaviour: live exp countdowns, copy as curl, and revealing the visitor's own secrets.
(function teachingPanel() {
  const status = document.getElementById('teaching-status');
  const announce = (text) => {
    if (status) status.textContent = text;
  };
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrfInput = document.querySelector('input[name="_csrf"]');
  const csrf = csrfMeta ? csrfMeta.getAttribute('content') : csrfInput ? csrfInput.value : '';

  const countdowns = document.querySelectorAll('.countdown[data-exp]');
  const tick = () => {
    countdowns.forEach((element) => {
      const left = Number(element.dataset.exp) - Math.floor(Date.now() / 1000);
      element.textContent = left > 0 ? `(expires in ${left} s)` : `(expired ${-left} s ago)`;
    });
  };
  if (countdowns.length > 0) {
    tick();
    setInterval(tick, 1000);
  }

  document.querySelectorAll('.copy-curl').forEach((button) => {
    button.addEventListener('click', () => {
      const text = button.closest('details').querySelector('[data-field="curl"]').textContent;
      navigator.clipboard.writeText(text).then(
        () => announce('curl command copied.'),
        () => announce('Copy failed: select the command and copy it by hand.'),
      );
    });
  });

  document.querySelectorAll('.reveal-entry').forEach((button) => {
    const leg = button.closest('[data-entry]');
    const originals = new Map();
    button.addEventListener('click', () => {
      const fields = leg.querySelectorAll('[data-field]');
      if (button.getAttribute('aria-pressed') === 'true') {
        fields.forEach((field) => (field.textContent = originals.get(field)));
        button.setAttribute('aria-pressed', 'false');
        button.textContent = 'Reveal secrets';
        announce('Secrets hidden.');
        return;
      }
      fetch('/teaching/reveal', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ entryId: leg.dataset.entry }),
      })
        .then((response) =>
          response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`)),
        )
        .then((raw) => {
          fields.forEach((field) => {
            originals.set(field, field.textContent);
            field.textContent = valueFor(raw, field.dataset.field, field.textContent);
          });
          button.setAttribute('aria-pressed', 'true');
          button.textContent = 'Hide secrets';
          announce('Secrets revealed for this step.');
        })
        .catch((error) => announce(`Could not reveal: ${error.message}`));
    });
  });

  function valueFor(raw, field, fallback) {
    if (field.startsWith('param-')) {
      const param = raw.params.find((p) => p.name === field.slice(6));
      return param ? param.value : fallback;
    }
    if (field === 'requestHeaders' || field === 'responseHeaders') {
      return raw[field].map((pair) => `${pair[0]}: ${pair[1]}`).join('\n');
    }
    return raw[field] !== undefined ? raw[field] : fallback;
  }
})();
