/* The site's script on every page: quick exit, search, and the files that
   wait for the load event (print and wide-screen rules; the file-check
   page's list and script). No storage, no
   cookies, no request to another origin. The page works without it: the exit
   button is a plain link and the menu lists every page. The quick-exit
   section (up to the next section mark) is also inlined, as it is, in every
   single-file copy (alerta/offline/single_file.py): keep it self-contained. */
(function () {
  "use strict";
  // Material's CSS hides search until scripts run ("no-js").
  document.documentElement.classList.remove("no-js");

  /* ---------- Quick exit ---------- */
  var exitLink = document.querySelector("[data-quick-exit]");
  var exitStatus = document.querySelector(".quick-exit__status");
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;

  function leave() {
    // Blank the page at once so nothing stays on screen while the next page
    // loads, then replace this history entry so Back does not return here.
    document.documentElement.style.display = "none";
    document.title = "";
    window.location.replace(exitLink.href);
  }

  // The status line is optional markup: a page without it still exits.
  function announce(text) {
    if (exitStatus && text) exitStatus.textContent = text;
  }

  if (exitLink) {
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });

    // Shift pressed alone three times within five seconds. A Shift used with
    // another key (typing a capital letter) does not count.
    var presses = [];
    var shiftAlone = false;
    document.addEventListener("keydown", function (event) {
      shiftAlone = event.key === "Shift" && !event.repeat && !event.ctrlKey && !event.altKey && !event.metaKey;
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift" || !shiftAlone) {
        shiftAlone = false;
        return;
      }
      shiftAlone = false;
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < SHIFT_WINDOW_MS; });
      presses.push(now);
      if (presses.length >= SHIFT_PRESSES) {
        announce(exitStatus && exitStatus.dataset.leaving);
        leave();
      } else {
        announce(exitStatus && exitStatus.getAttribute("data-press-" + presses.length));
      }
    });
  }

  /* ---------- Labels used as buttons (menu, search): keyboard support ---------- */
  Array.prototype.forEach.call(document.querySelectorAll("label[tabindex]"), function (label) {
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  });

  /* ---------- What can wait for the load event ---------- */
  // The print and wide-screen rules: a wide screen had them written in by
  // the page's head (alerta/site_css.py); a phone's screen does not use them,
  // so they come after the page has loaded, for printing or turning the phone
  // sideways. Then the scripts the page names (the file-check page's list and
  // check.js), in their order.
  var thisScript = document.currentScript;
  function afterLoad() {
    var wide = document.querySelector("script[data-stylesheet]");
    var href = wide && wide.getAttribute("data-stylesheet");
    var linked = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"), function (l) {
      return l.getAttribute("href") === href;
    });
    if (href && !linked) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.media = wide.getAttribute("data-media");
      document.head.appendChild(link);
    }
    ((thisScript && thisScript.getAttribute("data-after-load")) || "").split(" ").filter(Boolean).forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false; // run in the order given
      document.body.appendChild(script);
    });
  }
  window.addEventListener("load", afterLoad); // a deferred script runs before it

  /* ---------- Search: this language only, loaded on first use ---------- */
  var toggle = document.getElementById("__search");
  var form = document.querySelector("form[data-search-index]");
  if (!toggle || !form) return;
  var input = form.querySelector("input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  var resultTemplate = document.getElementById("search-result");
  var indexSrc = form.getAttribute("data-search-index");
  // Index locations are relative to the site root; the index script's own
  // relative URL tells where that root is from this page.
  var root = indexSrc.replace(/assets\/search\/[^/]+$/, "");
  var loading = false;

  function loadIndex() {
    if (window.siteSearchIndex || loading) return;
    loading = true;
    meta.textContent = meta.getAttribute("data-placeholder");
    var script = document.createElement("script");
    script.src = indexSrc;
    script.onload = function () { if (input.value) run(); };
    // A missing or blocked index must not leave "loading" on screen for
    // ever: say so, and let the next opening of search try again.
    script.onerror = function () {
      loading = false;
      script.remove();
      meta.textContent = meta.getAttribute("data-failed");
    };
    document.head.appendChild(script);
  }

  function normalize(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u2019/g, "'");
  }

  function terms(query) {
    return normalize(query).match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) || [];
  }

  function score(entry, queryTerms) {
    var words = entry.words || (entry.words = entry.w.split(" "));
    var title = normalize(entry.t + " " + entry.h);
    var total = 0;
    for (var i = 0; i < queryTerms.length; i++) {
      var term = queryTerms[i];
      var hit = words.some(function (w) { return w.lastIndexOf(term, 0) === 0; });
      if (!hit) return 0;
      total += title.indexOf(term) !== -1 ? 5 : 1;
    }
    return total;
  }

  function plural(count) {
    if (count === 0) return meta.getAttribute("data-none");
    if (count === 1) return meta.getAttribute("data-one");
    return meta.getAttribute("data-other").replace("#", count);
  }

  function run() {
    var queryTerms = terms(input.value);
    // The list also holds the result <template>: remove only earlier results.
    Array.prototype.forEach.call(list.querySelectorAll(".md-search-result__item"), function (old) { old.remove(); });
    if (!queryTerms.length) {
      meta.textContent = meta.getAttribute("data-placeholder");
      return;
    }
    if (!window.siteSearchIndex) return;
    var results = window.siteSearchIndex
      .map(function (entry) { return { entry: entry, score: score(entry, queryTerms) }; })
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) { return b.score - a.score; })
      .slice(0, 20);
    meta.textContent = plural(results.length);
    results.forEach(function (r) {
      var item = resultTemplate.content.firstElementChild.cloneNode(true);
      item.querySelector("a").href = root + r.entry.u;
      item.querySelector("h2").textContent = r.entry.h ? r.entry.t + " – " + r.entry.h : r.entry.t;
      item.querySelector("p").textContent = r.entry.x;
      list.appendChild(item);
    });
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      loadIndex();
      input.focus();
    }
  });
  // On wide screens the field is always in the header: typing in it opens
  // search (Material's own script did this), or the results stay hidden.
  input.addEventListener("focus", function () {
    toggle.checked = true;
    loadIndex();
  });
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  // A result link inside the page: close search so the section is visible.
  list.addEventListener("click", function () { toggle.checked = false; });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) toggle.checked = false;
  });
})();
