// The replay run page reloads itself every few seconds while its run goes on (no inline script: the CSP forbids it).
(function () {
  'use strict';
  var progress = document.getElementById('replay-progress');
  if (progress && progress.getAttribute('data-running') === 'true') {
    window.setTimeout(function () { window.location.reload(); }, 3000);
  }
}());
