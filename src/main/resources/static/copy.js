// Copy buttons: <button data-copy="ID" hidden> copies the text of element ID. The button stays hidden without
// script (the code is on the page to select by hand); served as a file because the CSP allows 'self' scripts only.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        button.textContent = "Select the code and copy it";
      });
    });
  });
}());
