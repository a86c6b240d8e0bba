// The review form: at most two tags (the server refuses more; this says so before a submit).
// Served as a file (the CSP allows scripts from 'self' only); without it the server's check still applies.
(function () {
  "use strict";
  var fieldset = document.querySelector("fieldset.tags[data-max]");
  if (!fieldset) {
    return;
  }
  var max = parseInt(fieldset.getAttribute("data-max"), 10);
  var boxes = fieldset.querySelectorAll("input[type=checkbox]");
  function limit() {
    var checked = 0;
    boxes.forEach(function (b) { if (b.checked) { checked++; } });
    boxes.forEach(function (b) { b.disabled = !b.checked && checked >= max; });
    fieldset.classList.toggle("full", checked >= max);
  }
  boxes.forEach(function (b) { b.addEventListener("change", limit); });
  limit();
}());
