/* Quick exit: blank the page at once and replace this history entry, so Back does not
   return here. Without JavaScript the link still works as a plain link. Also: Esc twice. */
(function () {
  "use strict";
  function leave(url) {
    document.documentElement.classList.add("is-leaving");
    document.title = "";
    try { window.history.replaceState(null, "", "/"); } catch (e) { /* ignore */ }
    window.location.replace(url);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (link) {
      event.preventDefault();
      leave(link.href);
    }
    var copy = event.target.closest && event.target.closest("[data-copy-link]");
    if (copy && navigator.clipboard) {
      event.preventDefault();
      navigator.clipboard.writeText(copy.href).then(function () {
        copy.textContent = copy.getAttribute("data-copied") || "Tautan disalin";
      });
    }
  });
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 800) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) { leave(link.href); }
    }
    lastEscape = now;
  });
})();
