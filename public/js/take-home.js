// Copy as curl, jsforce, sf CLI or Python: each control says what it copies (placeholders until Reveal, your own
// values after it), a spent single-use value is renewed first where that is possible, and focus stays on the
// control that was used.
(function takeHome() {
  const { copyText, copyWhenReady } = window.playgroundClipboard;
  // Every page with a teaching panel (the flow pages, the result page, a leg's own page) carries its CSRF token here.
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';

  const initBox = (box) => {
    const status = box.querySelector('.copy-status');
    const note = box.querySelector('.copy-note');
    const words = (list) => (list ? list.split(' ').filter(Boolean) : []);
    const variables = words(box.dataset.variables);
    // The variables a copy leaves to the learner: all before Reveal; after it, only those this app never kept.
    let unset = words(box.dataset.unset);
    // What Hide goes back to: the copies and the note as the page was served.
    const served = { unset, note: note.textContent };
    const placeholders = new Map();
    /** Read out through the box's live region, and shown next to the button used (the box's line is far below). */
    const announce = (text, near) => {
      if (status) status.textContent = text;
      if (near) window.playgroundAnswers.showNear(near, text);
    };
    const revealed = () => unset.length === 0;
    // A spent value is renewed only for a copy of real values: placeholders never carry it. Renewed for every such
    // copy, as the box promises: a value renewed for an earlier copy may have been used by it since (a device code,
    // once its tokens came) or have expired (an assertion, after 3 minutes).
    const mustRenew = () => revealed() && Boolean(box.dataset.fresh);

    /** What a copy holds: nothing to hide, your values, placeholders, or your values but what this app never kept. */
    const modeNow = () => {
      if (variables.length === 0) return '';
      if (unset.length === 0) return ', with your values';
      if (unset.length === variables.length) return ', with variables from your shell';
      return `, with your values but ${unset.join(', ')}`;
    };

    const showMode = () => {
      const mode = modeNow();
      box.querySelectorAll('.copy-snippet').forEach((button) => {
        const verb = box.dataset.fresh === 'code' ? 'New login, then copy' : 'New attempt and copy';
        button.querySelector('.copy-verb').textContent = mustRenew() ? verb : 'Copy';
        button.querySelector('.copy-mode').textContent = mode;
      });
    };

    const fill = (set) => {
      set.snippets.forEach((snippet) => {
        const pre = box.querySelector(`pre[data-snippet="${snippet.target}"]`);
        if (!pre || !snippet.text) return;
        if (!placeholders.has(pre)) placeholders.set(pre, pre.textContent);
        pre.textContent = snippet.text;
      });
    };

    /** What the note says of a revealed set: your values, except those this app never keeps (a password). */
    const noteFor = (set) => {
      if (set.unset.length === 0) return note.dataset.revealedNote;
      const left = set.unset.map((name) => `$${name}`).join(', ');
      const them = set.unset.length === 1 ? 'it' : 'them';
      if (set.unset.length === variables.length)
        return `Copies variables read from your shell (${left}): this app never keeps these values, so export ${them} before running the copy.`;
      return `Copies your own values, except ${left}, which this app never keeps: export ${them} (not only set: the jsforce and Python copies read the environment) before running the copy. Live credentials: keep them out of chat, tickets and git, and run the copy from a file to keep them out of the shell history.`;
    };

    box.addEventListener('snippets', (event) => {
      if (event.detail.restore) {
        placeholders.forEach((text, pre) => (pre.textContent = text));
        unset = served.unset;
        note.textContent = served.note;
        // "Copied … with your values" beside a button no longer describes what it copies.
        box.querySelectorAll('.copy-snippet + .status-line').forEach((line) => (line.textContent = ''));
      } else {
        fill(event.detail.set);
        unset = event.detail.set.unset;
        note.textContent = noteFor(event.detail.set);
      }
      showMode();
    });

    // One renewal at a time: a second click (or another tool's button) meanwhile waits for the same one, rather
    // than ask for a second device code or sign a second assertion.
    let renewing;
    const renewOnce = () =>
      (renewing ??= renew().finally(() => {
        renewing = undefined;
      }));

    const renew = () =>
      fetch('/teaching/fresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ entryId: box.dataset.entryId }),
      })
        .then((response) => window.playgroundAnswers.read(response))
        .then((answer) => {
          // A spent code needs a new login: the browser goes there, and the copy waits on the page it comes back to.
          if (answer.redirect) {
            note.textContent = answer.note;
            window.location.assign(answer.redirect);
            return new Promise(() => {});
          }
          fill(answer.snippets);
          unset = answer.snippets.unset;
          note.textContent = answer.note;
          showMode();
          return answer.note;
        });

    box.querySelectorAll('.copy-snippet').forEach((button) => {
      button.addEventListener('click', () => {
        const what = `${box.dataset.name} as ${button.dataset.label}`;
        const mode = button.querySelector('.copy-mode').textContent;
        const pre = box.querySelector(`pre[data-snippet="${button.dataset.target}"]`);
        const needsRenewal = mustRenew();
        const first = needsRenewal ? renewOnce() : Promise.resolve('');
        // Safari lets a page write to the clipboard only during the tap itself, not after a network call: the
        // write starts now with the text still to come. A new login leaves the page, so nothing waits for it.
        const copied =
          needsRenewal && box.dataset.fresh !== 'code'
            ? copyWhenReady(first.then(() => pre.textContent)).catch(() => first.then(() => copyText(pre)))
            : first.then(() => copyText(pre));
        copied
          .then(() => first)
          .then((renewed) => {
            // Exported, not only set: the jsforce and Python copies read the environment, as the note says.
            const todo = unset.length === 0 ? '' : ` Export ${unset.join(', ')} before running it.`;
            announce(`Copied the ${what}${mode}.${todo}${renewed ? ` ${renewed}` : ''}`, button);
          })
          .catch((error) => announce(`Could not copy the ${what}: ${error.message}`, button))
          .finally(() => button.focus());
      });
    });
    showMode();
  };
  document.querySelectorAll('[data-snippets]').forEach(initBox);
  // A transcript leg's copies arrive when the leg is first opened (teaching.js loads it).
  document.addEventListener('leg-loaded', (event) =>
    event.detail.querySelectorAll('[data-snippets]').forEach(initBox),
  );
})();
