// A required field left empty is named in the page's own language (<html data-required="…">), not in the
// browser's (Chromium says "Please fill out this field." on a Thai page). Served from the app itself: the
// Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var said = document.documentElement.getAttribute("data-required");
  if (!said) { return; }
  document.addEventListener("invalid", function (event) {
    var field = event.target;
    if (field.validity && field.validity.valueMissing) { field.setCustomValidity(said); }
  }, true);
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.setCustomValidity) { field.setCustomValidity(""); }  // typed in: the browser checks it again
  }, true);
}());
