// "Leave this site quickly": the link works without JavaScript. With it,
// the current page is also replaced in the history, so Back does not
// return here. Pressing Escape twice does the same.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.hidden = true;
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - last < 800) { leave(event); }
    last = now;
  });
  // Print the case examples open.
  window.addEventListener("beforeprint", function () {
    var cards = document.querySelectorAll("details.case");
    for (var i = 0; i < cards.length; i++) { cards[i].open = true; }
  });
})();
