/* The public site's page tools (a static file: the CSP allows no inline script). Each works only where its markup is:
   打印, 字号 大/中/小 (remembered in localStorage), 复制链接, and the search facets folded on a narrow screen. */
(function () {
  "use strict";
  var SIZES = ["small", "medium", "large"];
  var KEY = "zwgk-font-size";

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function applySize(size) {
    if (SIZES.indexOf(size) < 0) size = "medium";
    document.querySelectorAll("[data-font-target]").forEach(function (el) {
      SIZES.forEach(function (s) { el.classList.remove("font-" + s); });
      el.classList.add("font-" + size);
    });
    document.querySelectorAll("[data-font-size]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-font-size") === size ? "true" : "false");
    });
  }

  function setup() {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });

    if (document.querySelector("[data-font-target]")) applySize(stored());
    document.querySelectorAll("[data-font-size]").forEach(function (b) {
      b.addEventListener("click", function () {
        var size = b.getAttribute("data-font-size");
        try { localStorage.setItem(KEY, size); } catch (e) { /* private mode: this page only */ }
        applySize(size);
      });
    });

    document.querySelectorAll("[data-copy]").forEach(function (b) {
      var field = document.getElementById(b.getAttribute("data-copy"));
      var status = document.getElementById(b.getAttribute("data-copy-status"));
      b.addEventListener("click", function () {
        function done(ok) { if (status) status.textContent = ok ? "链接已复制。" : "请选中上面的链接后复制。"; }
        field.select();
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () { done(false); });
        } else {
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          done(ok);
        }
      });
    });

    /* The facets are open for a wide screen and folded below the results on a phone (open without script). */
    var narrow = window.matchMedia("(max-width: 48rem)");
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (d) {
      if (narrow.matches) d.removeAttribute("open");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
