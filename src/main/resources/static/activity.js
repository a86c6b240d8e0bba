// Time on task for pay (docs/deploy.md, "Paying a crowd"): while this page is visible and the person typed,
// clicked, touched or scrolled in the last minute, tell the server every 30 seconds (and once when the page opens).
// The server keeps at most one row per worker and minute; a gap over 5 minutes between a worker's activity events
// is idle time and not paid. Nothing about what was typed is sent: the body is empty.
(function () {
  'use strict';
  if (!window.fetch) {
    return;
  }
  var PING_EVERY_MS = 30000;
  var ACTIVE_WITHIN_MS = 60000;
  var lastInput = Date.now(); // opening the page is the person's own action
  var lastPing = 0;

  function csrf() { var input = document.querySelector('input[name=_csrf]'); return input ? input.value : ''; }
  function used() { lastInput = Date.now(); }

  function ping() {
    var now = Date.now();
    if (document.visibilityState !== 'visible' || now - lastInput > ACTIVE_WITHIN_MS || now - lastPing < PING_EVERY_MS / 2) {
      return;
    }
    var token = csrf();
    if (!token) {
      return;
    }
    lastPing = now;
    fetch('/api/activity', {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      keepalive: true,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: '{}'
    }).catch(function () { /* offline for a moment: the next ping counts again */ });
  }

  ['keydown', 'pointerdown', 'mousedown', 'touchstart', 'wheel', 'scroll'].forEach(function (name) {
    window.addEventListener(name, used, { capture: true, passive: true });
  });
  // No visibilitychange listener: input after coming back to the tab counts anyway. (One here once made the chat
  // page lose a reply after a reload: chat.js took the aborted stream for a failed send; chat.js now tells them apart.)
  ping();
  window.setInterval(ping, PING_EVERY_MS);
}());
