/* loa's editor (desk only): shows the page again as she types. The form is
   sent to the preview action (the same guard as every desk form) a moment
   after the last keystroke, and the page and its findings are replaced by
   those of the answer. Without this script the "Preview" button does the
   same by reloading the editor. */
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  var button = document.getElementById("editor-preview-button");
  if (!form || !button || !window.fetch || !window.DOMParser) { return; }
  var timer = null;
  var sent = 0;
  function refresh() {
    var mine = ++sent;
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { data.append(name, value); }
    });
    data.set("do", "preview");
    fetch(button.getAttribute("formaction"), {
      method: "POST",
      body: data,
      credentials: "same-origin"
    }).then(function (answer) {
      return answer.text();
    }).then(function (html) {
      if (mine !== sent) { return; }
      var doc = new DOMParser().parseFromString(html, "text/html");
      ["editor-page", "editor-findings"].forEach(function (id) {
        var fresh = doc.getElementById(id);
        var here = document.getElementById(id);
        if (fresh && here) { here.replaceWith(document.importNode(fresh, true)); }
      });
    }).catch(function () { /* the button still works */ });
  }
  function later() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(refresh, 600);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
