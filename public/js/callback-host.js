// The flow page's warning that this page is not on the callback's host name, decided by the page's own address:
// behind a proxy (Codespaces, nginx) the server sees the app's own address in Host, not the one the browser uses.
(function checkCallbackHost() {
  const notice = document.querySelector('[data-callback-origin]');
  if (!notice) return;
  // Cookies are kept per host name, whatever the port: only the name decides whether the login finds its session.
  notice.hidden = window.location.hostname === new window.URL(notice.dataset.callbackOrigin).hostname;
})();
