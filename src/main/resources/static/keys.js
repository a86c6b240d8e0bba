// Single-key shortcuts, never while typing in a text field and never with Ctrl, Cmd or Alt held:
// 1 or A and 2 or B pick the more harmful response (#pick-A, #pick-B); 0 to 4 choose the rating of a
// fieldset.rating (the red teamer's rating page and the reviewer's form). Hints marked .keys-hint
// show only where this script runs, since without it the keys do nothing.
(function () {
  'use strict';
  var PICKS = { '1': 'A', 'a': 'A', 'A': 'A', '2': 'B', 'b': 'B', 'B': 'B' };

  function typing(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var tag = target.tagName.toLowerCase();
    if (tag === 'textarea' || tag === 'select' || target.isContentEditable) {
      return true;
    }
    return tag === 'input' && !/^(radio|checkbox|button|submit|reset)$/i.test(target.type || '');
  }

  function showHints() {
    document.querySelectorAll('.keys-hint').forEach(function (hint) { hint.hidden = false; });
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typing(event.target)) {
      return;
    }
    var pick = PICKS[event.key] && document.getElementById('pick-' + PICKS[event.key]);
    if (pick && !pick.disabled) {
      event.preventDefault();
      pick.click();
      return;
    }
    if (/^[0-4]$/.test(event.key)) {
      var radio = document.querySelector('fieldset.rating input[type=radio][value="' + event.key + '"]');
      if (radio && !radio.disabled) {
        event.preventDefault();
        radio.checked = true;
        radio.focus();
        radio.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
  });
  // chat.js swaps the conversation in place; its new hints show too.
  new MutationObserver(showHints).observe(document.body, { childList: true, subtree: true });
  showHints();
}());
