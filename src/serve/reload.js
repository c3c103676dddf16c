/* loa serve only: reloads the page after each successful rebuild, keeping
   the scroll position, and shows build errors over the page. */
(function () {
  "use strict";
  var key = "loa-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, parseInt(saved, 10)); });
  }
  var overlay = null;
  function show(errors, words) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.id = "loa-errors";
      var s = overlay.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "60vh";
      s.overflow = "auto"; s.zIndex = "2000"; s.background = "#2b0000"; s.color = "#fff";
      s.font = "15px/1.5 monospace"; s.padding = "1rem"; s.borderTop = "4px solid #ff5c5c";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    overlay.lang = words.lang;
    var title = document.createElement("strong");
    title.textContent = words.title;
    overlay.appendChild(title);
    errors.forEach(function (e) {
      var p = document.createElement("pre");
      p.style.whiteSpace = "pre-wrap";
      p.style.margin = "0.75rem 0 0";
      p.textContent = (e.file ? e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "") + "\n" : "") + e.message + (e.help ? "\n" + words.help + ": " + e.help : "");
      overlay.appendChild(p);
    });
  }
  function hide() {
    if (overlay) { overlay.parentNode.removeChild(overlay); overlay = null; }
  }
  function status() {
    fetch("/__loa/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (s.errors.length) { show(s.errors, s.words); } else { hide(); }
    }).catch(function () {});
  }
  // The editor's desk lists the errors itself: it reloads after every
  // rebuild, good or bad.
  var desk = document.documentElement.hasAttribute("data-loa-desk");
  if (!desk) { status(); }
  // Once a desk form is sent (an action whose answer is a page), a reload
  // would cancel that answer: the page is left alone until it comes.
  var sending = false;
  document.addEventListener("submit", function (e) {
    if (!e.target.hasAttribute("data-download")) { sending = true; }
  });
  window.addEventListener("pageshow", function () { sending = false; });
  var events = new EventSource("/__loa/events");
  events.addEventListener("reload", function () {
    if (sending) { return; }
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener("failed", desk ? function () { if (!sending) { location.reload(); } } : status);
})();
