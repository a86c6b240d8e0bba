// Flags on picked replies without a page load: a flag (or taking it back) posts to the API, then only that turn's
// flag block is fetched again from the server and swapped in, so the rest of the conversation (and chat.js's state)
// stays as it is. Without this script the same forms post and the page reloads. Listens on the document, so the
// forms chat.js swaps in after a pick work too.
(function () {
  'use strict';
  if (!window.fetch || !window.DOMParser) {
    return;
  }

  function csrf(form) {
    var field = form.querySelector('input[name=_csrf]');
    return field ? field.value : '';
  }

  function swapBlock(turn) {
    return fetch(window.location.pathname, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('turn-flag-' + turn);
        var current = document.getElementById('turn-flag-' + turn);
        if (!fresh || !current) {
          throw new Error('the page changed');
        }
        current.replaceWith(document.importNode(fresh, true));
      });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.classList || !(form.classList.contains('flag-form') || form.classList.contains('flag-undo'))) {
      return;
    }
    event.preventDefault();
    var turn = form.getAttribute('data-turn');
    var reason = form.querySelector('input[name=reason]');
    form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    fetch(form.getAttribute('action').replace(/^\/attempts\//, '/api/attempts/'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf(form) },
      body: JSON.stringify(reason ? { reason: reason.value } : {})
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return swapBlock(turn);
    }).catch(function () {
      window.location.replace(window.location.pathname);
    });
  });
}());
