/* loa: search. Without this script the page shows a link to the A–Z list
   of pages instead of the box. With it, the box appears; the index (the
   district's pages in this language) is loaded on the first keystroke as a
   script of this site (so it works from file:// too), and results show as
   the reader types. Words are compared without accents ("bao luc" finds
   "bạo lực"), each as the start of a word. Nothing is stored, sent or put
   in the address: the field is emptied when the page is left or the quick
   exit is used, so Back does not bring the results back. */
(function () {
  "use strict";
  var box = document.querySelector("[data-search]");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var panel = box && box.querySelector(".search-panel");
  if (!box || !input || !status || !list || !panel) { return; }
  var base = box.getAttribute("data-search");
  var root = box.getAttribute("data-root");
  var az = document.querySelector(".search-az");
  var azLink = az && az.querySelector("a");
  var SHOWN = 10;
  var loaded = {};
  var waiting = {};
  var turn = 0;
  var split = (function () {
    try { return new RegExp("[^\\p{L}\\p{N}]+", "u"); } catch (e) { return /[^0-9a-z\u00aa-\uffff]+/; }
  })();

  function fold(text) {
    var s = String(text);
    try { s = s.normalize("NFD"); } catch (e) { /* an old browser: accents stay */ }
    return s.replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "")
      .replace(/[\u0111\u0110]/g, "d").toLowerCase();
  }

  function words(text) {
    return fold(text).split(split).filter(function (w) { return w.length > 0; });
  }

  function termKey(word) {
    var c = word.charAt(0);
    return /[a-z0-9]/.test(c) ? c : "_";
  }

  /* The index's files call loaSearch({key: …, …}) when they load. */
  window.loaSearch = function (data) {
    var key = data && data.key;
    if (typeof key !== "string" || !waiting.hasOwnProperty(key)) { return; }
    loaded[key] = data;
  };

  function load(key, done) {
    if (loaded.hasOwnProperty(key)) { done(loaded[key]); return; }
    if (waiting.hasOwnProperty(key)) { waiting[key].push(done); return; }
    waiting[key] = [done];
    var script = document.createElement("script");
    script.src = base + (key === "index" ? "index" : key) + ".js";
    function finish() {
      var callbacks = waiting[key];
      script.parentNode.removeChild(script);
      delete waiting[key];
      for (var i = 0; i < callbacks.length; i++) { callbacks[i](loaded[key] || null); }
    }
    script.onload = finish;
    script.onerror = finish;
    document.head.appendChild(script);
  }

  function loadAll(keys, done) {
    var out = {};
    var left = keys.length;
    if (!left) { done(out); return; }
    keys.forEach(function (key) {
      load(key, function (data) {
        out[key] = data;
        left -= 1;
        if (left === 0) { done(out); }
      });
    });
  }

  /* Results for the query's words, best first: every word must start a
     word of the result; a whole word counts twice a beginning. */
  function rank(query, termsOf) {
    var total = null;
    for (var i = 0; i < query.length; i++) {
      var q = query[i];
      var terms = termsOf(q);
      var best = {};
      for (var term in terms) {
        if (!terms.hasOwnProperty(term) || term.lastIndexOf(q, 0) !== 0) { continue; }
        var weight = term === q ? 2 : 1;
        var p = terms[term];
        for (var j = 0; j + 1 < p.length; j += 2) {
          var s = p[j + 1] * weight;
          if (!(best[p[j]] >= s)) { best[p[j]] = s; }
        }
      }
      var next = {};
      for (var doc in best) {
        if (!best.hasOwnProperty(doc)) { continue; }
        if (total === null) { next[doc] = best[doc]; }
        else if (total.hasOwnProperty(doc)) { next[doc] = total[doc] + best[doc]; }
      }
      total = next;
    }
    var found = [];
    for (var d in total) { if (total.hasOwnProperty(d)) { found.push([+d, total[d]]); } }
    found.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return found;
  }

  /* A title holding the query's words in their order ("bạo lực", not
     "bảo vệ … lực lượng") goes first. */
  function phrase(found, docs, query) {
    if (query.length < 2) { return; }
    var joined = " " + query.join(" ");
    found.forEach(function (hit) {
      var doc = docs(hit[0]);
      if (doc && (" " + words(doc[1]).join(" ")).indexOf(joined) >= 0) { hit[1] += 100; }
    });
    found.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  /* `text` with the words the query starts marked. */
  function marked(text, query) {
    var fragment = document.createDocumentFragment();
    var pattern;
    try { pattern = new RegExp("[\\p{L}\\p{N}\\p{M}]+", "gu"); } catch (e) { pattern = /[0-9A-Za-z\u00aa-\uffff]+/g; }
    var at = 0;
    var m;
    while ((m = pattern.exec(text)) !== null) {
      var w = words(m[0])[0] || "";
      var hit = w && query.some(function (q) { return w.lastIndexOf(q, 0) === 0; });
      if (!hit) { continue; }
      fragment.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      fragment.appendChild(mark);
      at = m.index + m[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  function say(text) { status.textContent = text; }

  function clear() {
    turn += 1;
    list.textContent = "";
    panel.hidden = true;
    say("");
  }

  function note(text) {
    var li = document.createElement("li");
    li.className = "search-note";
    li.textContent = text;
    list.appendChild(li);
  }

  function show(found, docs, query) {
    list.textContent = "";
    found.slice(0, SHOWN).forEach(function (hit) {
      var doc = docs(hit[0]);
      if (!doc) { return; }
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + doc[0];
      var title = document.createElement("span");
      title.className = "search-title";
      title.appendChild(marked(doc[1], query));
      a.appendChild(title);
      li.appendChild(a);
      if (doc[2]) {
        var section = document.createElement("span");
        section.className = "search-section";
        section.textContent = doc[2];
        li.appendChild(section);
      }
      if (doc[3]) {
        var text = doc[3].length > 160 ? doc[3].slice(0, 157) + "…" : doc[3];
        var p = document.createElement("p");
        p.className = "search-text";
        p.appendChild(marked(text, query));
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    var n = found.length;
    /* The words come with the index's head (one per language, not per page). */
    var texts = (loaded.index && loaded.index.say) || {};
    var told = String((n === 0 ? texts.search_none : n === 1 ? texts.search_one : texts.search_count) || n)
      .replace("{n}", String(n));
    if (n === 0) { note(told); }
    if (azLink) {
      var more = document.createElement("li");
      more.className = "search-more";
      var link = azLink.cloneNode(true);
      more.appendChild(link);
      list.appendChild(more);
    }
    panel.hidden = false;
    say(told);
  }

  function failed() {
    list.textContent = "";
    note(box.getAttribute("data-error"));
    panel.hidden = false;
    say(box.getAttribute("data-error"));
  }

  function search() {
    var query = words(input.value);
    if (!query.length) { clear(); return; }
    var mine = ++turn;
    load("index", function (head) {
      if (mine !== turn) { return; }
      if (!head) { failed(); return; }
      if (head.terms) {
        var found = rank(query, function () { return head.terms; });
        phrase(found, function (d) { return head.docs[d]; }, query);
        show(found, function (d) { return head.docs[d]; }, query);
        return;
      }
      /* A split index: the words' parts, then the parts of the results. */
      var keys = [];
      query.forEach(function (q) {
        var k = "t-" + termKey(q);
        if (keys.indexOf(k) < 0) { keys.push(k); }
      });
      loadAll(keys, function (parts) {
        if (mine !== turn) { return; }
        for (var k in parts) { if (parts.hasOwnProperty(k) && !parts[k]) { failed(); return; } }
        var found = rank(query, function (q) { return parts["t-" + termKey(q)].terms; });
        var chunks = [];
        found.slice(0, SHOWN).forEach(function (hit) {
          var c = "d-" + Math.floor(hit[0] / head.chunk);
          if (chunks.indexOf(c) < 0) { chunks.push(c); }
        });
        loadAll(chunks, function (docs) {
          if (mine !== turn) { return; }
          show(found, function (d) {
            var part = docs["d-" + Math.floor(d / head.chunk)];
            return part && part.docs[d % head.chunk];
          }, query);
        });
      });
    });
  }

  /* Empties the field and the results: nothing of the query is left for
     Back, the page cache or someone picking up the phone. */
  function forget() {
    input.value = "";
    clear();
  }

  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { forget(); }
    else if (event.key === "Enter") {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first && !panel.hidden) { first.focus(); }
    } else if (event.key === "ArrowDown" && !panel.hidden) {
      var a = list.querySelector("a");
      if (a) { event.preventDefault(); a.focus(); }
    }
  });
  list.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (at < 0) { return; }
    event.preventDefault();
    if (event.key === "ArrowDown") { links[Math.min(at + 1, links.length - 1)].focus(); }
    else if (at === 0) { input.focus(); }
    else { links[at - 1].focus(); }
  });
  document.addEventListener("loa-exit", forget);
  window.addEventListener("pagehide", forget);
  window.addEventListener("pageshow", function (event) { if (event.persisted) { forget(); } });

  box.hidden = false;
  if (az) { az.hidden = true; }
  /* Loaded when the box was first used: what was typed meanwhile counts. */
  if (input.value) { search(); }
})();
