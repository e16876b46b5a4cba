/* zwgk: the one script every page loads (a static file: the CSP allows no inline script).
   Marks the page as scripted (html.js) so the narrow-screen menu can collapse; without script the menu stays open. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setupMenu() {
    var button = document.querySelector(".nav-toggle");
    var nav = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") { set(false); button.focus(); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupMenu);
  else setupMenu();
})();
