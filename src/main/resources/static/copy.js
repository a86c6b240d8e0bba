// Copy buttons for one-time secrets (progressive enhancement: without script the text stays selectable).
// Each <code data-copy="what"> gets a "Copy" button; the page's #copy-status (aria-live) says what happened.
(function () {
  'use strict';
  var status = document.getElementById('copy-status');

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function selectText(code) {
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function fallback(code, what) {
    selectText(code);
    var done = false;
    try {
      done = document.execCommand('copy');
    } catch (e) {
      done = false;
    }
    say(done ? 'Copied the ' + what + '.' : 'Press Ctrl+C (⌘C) to copy the selected ' + what + '.');
  }

  document.querySelectorAll('code[data-copy]').forEach(function (code) {
    var what = code.getAttribute('data-copy');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy the ' + what);
    button.addEventListener('click', function () {
      var text = code.textContent;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () {
          say('Copied the ' + what + '.');
        }, function () {
          fallback(code, what);
        });
      } else {
        fallback(code, what);
      }
    });
    code.insertAdjacentElement('afterend', button);
  });
})();
