// Copying to the clipboard for the copy controls: the clipboard API, else the selection and the old copy
// command; and a write begun in a click whose text comes later (Safari allows none after a network call).
(function clipboard() {
  /** A clipboard write begun now, of text that arrives later; refused where the browser takes none such. */
  function copyWhenReady(textLater) {
    if (!navigator.clipboard || !navigator.clipboard.write || !window.ClipboardItem)
      return Promise.reject(new Error('no delayed clipboard write'));
    const blob = textLater.then((text) => new window.Blob([text], { type: 'text/plain' }));
    return navigator.clipboard.write([new window.ClipboardItem({ 'text/plain': blob })]);
  }

  /** The clipboard API, else the selection and the old copy command; the text stays selected if both fail. */
  function copyText(pre) {
    const text = pre.textContent;
    const bySelection = () => {
      const range = document.createRange();
      range.selectNodeContents(pre);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return document.execCommand('copy')
        ? Promise.resolve()
        : Promise.reject(
            new Error(
              'the browser refused; the text is selected: copy it yourself (Ctrl+C, ⌘C, or press and hold on a phone)',
            ),
          );
    };
    return navigator.clipboard ? navigator.clipboard.writeText(text).catch(bySelection) : bySelection();
  }

  window.playgroundClipboard = { copyText, copyWhenReady };
})();
