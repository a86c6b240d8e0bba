// The red teamer's conversation without page loads. Sending streams the two candidates into the page
// while the model writes them; picking posts to the API. After either, the page is fetched again from
// our server and its #chat-region swapped in, so what the server renders stays the one source of truth.
// Progressive enhancement: without this script the forms post and the server answers with the page.
// Model text and the red teamer's own message are only ever set with textContent, never parsed as HTML.
// Keys: Ctrl/Cmd+Enter in the message box sends (keys.js picks with 1/A and 2/B).
(function () {
  'use strict';
  var region = document.getElementById('chat-region');
  if (!region || !window.fetch || !window.TextDecoder || !window.ReadableStream || !window.DOMParser) {
    return;
  }
  var attemptId = region.getAttribute('data-attempt');
  var pendingKey = 'redteam.pending.' + attemptId;
  var PENDING_FOR_MS = 120000; // after a reload, how long to wait for a turn that was being written
  var polling = null;
  var announce = document.getElementById('chat-status');
  // Leaving the page aborts its fetches, and the rejection may run as the page goes: no failed send, and clearing the
  // pending message then took it from the reloaded page (ChatLiveBrowserTest). So failures are handled a task later.
  var leaving = false;
  window.addEventListener('pagehide', function () { leaving = true; });
  window.addEventListener('pageshow', function () { leaving = false; });
  function unlessLeaving(handle) {
    return function (value) { window.setTimeout(function () { if (!leaving) { handle(value); } }, 0); };
  }

  function $(id) { return document.getElementById(id); }
  function csrf() { var input = region.querySelector('input[name=_csrf]'); return input ? input.value : ''; }
  function turns() { return parseInt(region.getAttribute('data-turns'), 10); }

  function readPending() {
    try {
      var p = JSON.parse(window.sessionStorage.getItem(pendingKey) || 'null');
      return p && typeof p.message === 'string' ? p : null;
    } catch (e) {
      return null;
    }
  }
  function storePending(message) {
    try {
      window.sessionStorage.setItem(pendingKey, JSON.stringify({ message: message, turns: turns(), at: Date.now() }));
    } catch (e) { /* private mode: the message still shows until the page goes */ }
  }
  function clearPending() { try { window.sessionStorage.removeItem(pendingKey); } catch (e) { /* nothing stored */ } }

  // The message just sent, shown in the conversation while the candidates are written.
  function showPending(message) {
    var old = $('pending-message');
    if (old) { old.remove(); }
    var li = document.createElement('li');
    li.className = 'human pending';
    li.id = 'pending-message';
    var who = document.createElement('span');
    who.className = 'speaker';
    who.textContent = 'You (sent, waiting for the responses)';
    var text = document.createElement('div');
    text.className = 'text';
    text.textContent = message;
    li.appendChild(who);
    li.appendChild(text);
    $('conversation').appendChild(li);
  }

  // Fetches this page from the server and swaps its conversation region in; the address stays the same.
  function refresh() {
    return fetch(window.location.pathname, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('The page could not be loaded again (HTTP ' + response.status + '). Reload it.');
        }
        return response.text();
      }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('chat-region');
        if (!fresh) {
          throw new Error('The page could not be loaded again. Reload it.');
        }
        fresh = document.importNode(fresh, true);
        region.replaceWith(fresh);
        region = fresh;
        bind();
      });
  }

  // Rejects with the API's JSON error, or the HTTP status when there is none.
  function refused(response) {
    var fallback = 'The server answered HTTP ' + response.status + '.';
    return response.json().then(function (body) { throw new Error(body.error || fallback); },
      function () { throw new Error(fallback); });
  }

  // What is stored is shown by a full load of the page when the in-place update fails.
  function reload() { window.location.replace(window.location.pathname); }

  function focusChoice() {
    var heading = $('choice-heading');
    if (heading) {
      heading.focus();
      heading.scrollIntoView({ block: 'start' });
      announce.textContent = 'Both responses are ready: pick the more harmful one.';
    }
  }

  function focusMessage() {
    var box = $('message');
    if (box) { box.focus(); box.scrollIntoView({ block: 'nearest' }); }
  }

  // Parses server-sent events from the body; resolves after the "turn" event, rejects on "error".
  function readEvents(reader, onDelta) {
    var decoder = new TextDecoder();
    var buffer = '';
    var finished = false;
    function handle(block) {
      var name = 'message';
      var data = '';
      block.split('\n').forEach(function (line) {
        if (line.indexOf('event:') === 0) {
          name = line.slice(6).trim();
        } else if (line.indexOf('data:') === 0) {
          data += line.slice(5).replace(/^ /, '');
        }
      });
      if (!data) {
        return;
      }
      var payload = JSON.parse(data);
      if (name === 'delta') {
        onDelta(payload.candidate, payload.text);
      } else if (name === 'turn') {
        finished = true;
      } else if (name === 'error') {
        throw new Error(payload.error);
      }
    }
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          if (buffer.trim()) {
            handle(buffer);
          }
          if (!finished) {
            throw new Error('The connection ended before the responses were complete.');
          }
          return;
        }
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, '\n');
        var end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          handle(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        return finished ? reader.cancel() : pump();
      });
    }
    return pump();
  }

  function bindSend() {
    var form = $('send-form');
    var pending = readPending();
    if (pending && (!form || pending.turns !== turns())) {
      clearPending(); // the turn is stored (or the attempt moved on): the server shows the message now
      pending = null;
    }
    if (!form) {
      return;
    }
    var textarea = $('message');
    var button = $('send');
    var status = $('send-status');
    var error = $('send-error');
    var live = $('live');
    var boxes = { A: $('live-A'), B: $('live-B') };

    function fail(message) {
      clearPending();
      var pending = $('pending-message');
      if (pending) { pending.remove(); }
      live.hidden = true;
      boxes.A.textContent = '';
      boxes.B.textContent = '';
      error.textContent = message + ' Your message is still below: send it again to retry.';
      error.hidden = false;
      status.textContent = '';
      button.disabled = false;
      textarea.readOnly = false;
    }

    function waiting() {
      error.hidden = true;
      button.disabled = true;
      textarea.readOnly = true;
      status.textContent = 'Waiting for the responses…';
    }

    // After a reload while the model was writing: the server stores the turn when it is done, so look again.
    if (pending) {
      if (Date.now() - pending.at < PENDING_FOR_MS) {
        showPending(pending.message);
        textarea.value = pending.message;
        waiting();
        if (polling === null) {
          polling = window.setTimeout(function () {
            polling = null;
            refresh().then(focusChoice, function () { polling = null; });
          }, 1500);
        }
      } else {
        textarea.value = textarea.value || pending.message;
        fail('No responses arrived for your last message.');
      }
    }

    textarea.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        if (!button.disabled) {
          form.requestSubmit ? form.requestSubmit(button) : button.click();
        }
      }
    });

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!textarea.value.trim()) {
        fail('Write a message first.');
        return;
      }
      var message = textarea.value;
      waiting();
      showPending(message);
      storePending(message);
      fetch('/api/attempts/' + attemptId + '/turns', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream', 'X-CSRF-Token': csrf() },
        body: JSON.stringify({ message: message })
      }).then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (!response.ok || type.indexOf('text/event-stream') !== 0) {
          return refused(response);
        }
        return readEvents(response.body.getReader(), function (side, text) {
          if (boxes[side]) {
            live.hidden = false;
            status.textContent = 'The responses are being written…';
            boxes[side].textContent += text;
          }
        });
      }).then(function () {
        clearPending();
        refresh().then(focusChoice, reload);
      }, unlessLeaving(function (e) {
        fail(e && e.message ? e.message : 'Sending failed.');
      }));
    });
  }

  function bindChoice() {
    var choice = $('choice');
    if (!choice) {
      return;
    }
    var error = $('choice-error');
    choice.querySelectorAll('form[data-side]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var buttons = choice.querySelectorAll('button');
        buttons.forEach(function (b) { b.disabled = true; });
        error.hidden = true;
        announce.textContent = 'Saving your pick…';
        var side = form.getAttribute('data-side');
        fetch(form.getAttribute('action').replace(/^\/attempts\//, '/api/attempts/'), {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf() },
          body: JSON.stringify({ moreHarmful: side })
        }).then(function (response) {
          if (!response.ok) {
            return refused(response);
          }
          announce.textContent = 'Response ' + side + ' picked as more harmful.';
          refresh().then(focusMessage, reload);
        }).catch(function (e) {
          buttons.forEach(function (b) { b.disabled = false; });
          error.textContent = 'Your pick was not saved: ' + (e && e.message ? e.message : 'the request failed.');
          error.hidden = false;
          announce.textContent = '';
        });
      });
    });
  }

  function bind() {
    bindSend();
    bindChoice();
  }

  bind();
}());
