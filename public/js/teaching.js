// Teaching panel behaviour: live exp countdowns, each transcript leg loaded when it is first opened, parameter help
// that Escape dismisses, and revealing the visitor's own secrets of one leg (its fields and its copyable snippets),
// focus kept on the control used.
(function teachingPanel() {
  const status = document.getElementById('teaching-status');
  const { read, showNear } = window.playgroundAnswers;
  /** Read out through the live region, and shown next to the control used (`near`), when there is one. */
  const announce = (text, near) => {
    if (status) status.textContent = text;
    if (near) showNear(near, text);
  };
  // Every page with a teaching panel (the flow pages, the result page, a leg's own page) carries its CSRF token here.
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';

  const countdowns = document.querySelectorAll('.countdown[data-exp]');
  // Text that moves for ever cannot be paused (WCAG 2.2.2): it counts down to the expiry, then says so and stops.
  let ticking;
  const tick = () => {
    let live = 0;
    countdowns.forEach((element) => {
      const left = Number(element.dataset.exp) - Math.floor(Date.now() / 1000);
      if (left > 0) live += 1;
      element.textContent = left > 0 ? `(expires in ${left} s)` : '(expired)';
    });
    if (live === 0 && ticking) window.clearInterval(ticking);
  };
  if (countdowns.length > 0) {
    ticking = window.setInterval(tick, 1000);
    tick();
  }

  // Help shown on hover or focus must be dismissible without moving (WCAG 1.4.13): Escape hides it until the
  // pointer or focus leaves that parameter.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    document.querySelectorAll('.params th').forEach((cell) => {
      if (cell.matches(':hover, :focus-within')) cell.classList.add('tooltip-dismissed');
    });
  });
  const bindHelp = (cell) => {
    const restore = () => cell.classList.remove('tooltip-dismissed');
    cell.addEventListener('focusout', restore);
    cell.addEventListener('mouseleave', restore);
  };

  // A page lists its legs by their closed line; what a leg holds is asked of the server the first time it opens
  // (toggle does not bubble: it is caught on its way down). Its link, the fallback, stays until the body arrives.
  document.addEventListener(
    'toggle',
    (event) => {
      const details = event.target;
      const body = details.open && details.querySelector(':scope > .leg-body[data-leg-src]');
      if (!body || body.getAttribute('aria-busy') === 'true') return;
      body.setAttribute('aria-busy', 'true');
      fetch(body.dataset.legSrc, { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then((response) => read(response, 'text'))
        .then((html) => {
          // Focus on the placeholder link (reached by Tab while it loaded) would fall to <body> with it: it moves to
          // the step's first control, or its summary, so keyboard and screen reader users keep their place.
          const hadFocus = body.contains(document.activeElement);
          body.innerHTML = html;
          if (hadFocus) {
            const next = body.querySelector('a[href], button, [tabindex="0"], summary');
            (next || details.querySelector(':scope > summary')).focus();
          }
          body.removeAttribute('data-leg-src');
          within(body);
          document.dispatchEvent(new window.CustomEvent('leg-loaded', { detail: body }));
        })
        .catch((error) =>
          announce(`Could not load this step: ${error.message}.`, body.querySelector('a') || body),
        )
        .finally(() => body.removeAttribute('aria-busy'));
    },
    true,
  );

  const bindReveal = (button) => {
    const leg = button.closest('[data-entry]');
    const snippets = leg.querySelector('[data-snippets]');
    const shownName = button.textContent.replace(/^Reveal secrets of /, '');
    const originals = new Map();
    const done = (text) => {
      announce(text, button);
      button.focus();
    };
    button.addEventListener('click', () => {
      const fields = leg.querySelectorAll('[data-field]');
      if (button.dataset.revealed === 'true') {
        fields.forEach((field) => (field.textContent = originals.get(field)));
        if (snippets)
          snippets.dispatchEvent(new window.CustomEvent('snippets', { detail: { restore: true } }));
        button.dataset.revealed = 'false';
        button.textContent = `Reveal secrets of ${shownName}`;
        return done('Secrets hidden.');
      }
      // A leg reveals through the transcript; the web server flow's handed-over exchange has an address of its own.
      fetch(leg.dataset.revealUrl || '/teaching/reveal', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ entryId: leg.dataset.entry }),
      })
        .then((response) => read(response))
        .then((raw) => {
          fields.forEach((field) => {
            originals.set(field, field.textContent);
            field.textContent = valueFor(raw, field.dataset.field, field.textContent);
          });
          if (snippets && raw.snippets) {
            snippets.dispatchEvent(new window.CustomEvent('snippets', { detail: { set: raw.snippets } }));
          }
          button.dataset.revealed = 'true';
          button.textContent = `Hide secrets of ${shownName}`;
          done('Secrets revealed for this step: its copy controls now copy your own values.');
        })
        .catch((error) => done(`Could not reveal: ${error.message}.`));
    });
  };

  /** Everything a leg's controls need, for the legs a page starts with and each one loaded later. */
  function within(root) {
    root.querySelectorAll('.params th').forEach(bindHelp);
    root.querySelectorAll('.reveal-entry').forEach(bindReveal);
  }
  within(document);

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
