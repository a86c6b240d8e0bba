// Streams the two candidate responses of a turn into the page while the model writes them.
// Progressive enhancement: without this script the form posts, and the page comes back with both
// candidates once they are complete. Text is only ever set with textContent, never parsed as HTML.
(function () {
  'use strict';
  var form = document.getElementById('send-form');
  if (!form || !window.fetch || !window.TextDecoder || !window.ReadableStream) {
    return;
  }
  var textarea = document.getElementById('message');
  var button = document.getElementById('send');
  var status = document.getElementById('send-status');
  var error = document.getElementById('send-error');
  var live = document.getElementById('live');
  var boxes = { A: document.getElementById('live-A'), B: document.getElementById('live-B') };

  function fail(message) {
    live.hidden = true;
    boxes.A.textContent = '';
    boxes.B.textContent = '';
    error.textContent = message + ' Your message is still below: send it again to retry.';
    error.hidden = false;
    status.textContent = '';
    button.disabled = false;
    textarea.readOnly = false;
  }

  // Parses server-sent events from the body; resolves after the "turn" event, rejects on "error".
  function readEvents(reader) {
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
      if (name === 'delta' && boxes[payload.candidate]) {
        live.hidden = false;
        status.textContent = 'The responses are being written…';
        boxes[payload.candidate].textContent += payload.text;
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

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!textarea.value.trim()) {
      fail('Write a message first.');
      return;
    }
    error.hidden = true;
    button.disabled = true;
    textarea.readOnly = true;
    status.textContent = 'Waiting for the responses…';
    fetch('/api/attempts/' + form.getAttribute('data-attempt') + '/turns', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'text/event-stream',
        'X-CSRF-Token': form.querySelector('input[name=_csrf]').value
      },
      body: JSON.stringify({ message: textarea.value })
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (!response.ok || type.indexOf('text/event-stream') !== 0) {
        return response.json().then(function (body) {
          throw new Error(body.error || ('The server answered HTTP ' + response.status + '.'));
        }, function () {
          throw new Error('The server answered HTTP ' + response.status + '.');
        });
      }
      return readEvents(response.body.getReader());
    }).then(function () {
      // The stored turn, with the choice between A and B, is rendered by the server.
      window.location.replace(window.location.pathname);
    }).catch(function (e) {
      fail(e && e.message ? e.message : 'Sending failed.');
    });
  });
}());
