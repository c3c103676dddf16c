/* loa: quick exit. The page works without this script: the Quick exit
   link then simply goes to the neutral site. With it, the page is hidden at
   once and replaced in the history (so Back does not return to it), and
   pressing Shift three times does the same. */
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  var target = link.getAttribute("href");
  var status = document.getElementById("exit-status");
  var overlay = null;
  var presses = 0;
  var timer = null;

  function say(text) {
    if (status) { status.textContent = text || ""; }
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "exit-overlay";
      document.body.appendChild(overlay);
    }
    document.documentElement.className += " is-exiting";
    document.title = "";
    /* Whatever keeps what the reader typed (search) empties it now. */
    try { document.dispatchEvent(new Event("loa-exit")); } catch (e) { /* an old browser */ }
    say(link.getAttribute("data-leaving"));
    window.location.replace(target);
  }

  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }

  link.addEventListener("click", leave);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { reset(); return; }
    if (event.repeat) { return; }
    presses += 1;
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { reset(); say(""); }, 5000);
    if (presses >= 3) { reset(); leave(); return; }
    say(link.getAttribute("data-press-" + presses));
  });

  /* If the browser shows this page again from its cache, uncover it. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && overlay) {
      overlay.parentNode.removeChild(overlay);
      overlay = null;
      document.documentElement.className = document.documentElement.className.replace(/\s*is-exiting/g, "");
      reset();
      say("");
    }
  });
})();

/* loa: the search box. Without scripts the page links to the A–Z list
   instead. With them the box shows, and the search script is fetched only
   when the box is first used, so a reader who does not search loads none
   of it. */
(function () {
  "use strict";
  var box = document.querySelector("[data-search][data-script]");
  var input = document.getElementById("search-q");
  if (!box || !input) { return; }
  var az = document.querySelector(".search-az");
  /* Anything in the field now was restored by the browser, not typed. */
  input.value = "";
  /* The label's words, shown in the field until the reader types. */
  var label = box.querySelector("label[for=search-q]");
  if (label && !input.placeholder) { input.placeholder = label.textContent; }
  box.hidden = false;
  if (az) { az.hidden = true; }
  function start() {
    input.removeEventListener("focus", start);
    var script = document.createElement("script");
    script.src = box.getAttribute("data-script");
    document.head.appendChild(script);
  }
  input.addEventListener("focus", start);
})();
