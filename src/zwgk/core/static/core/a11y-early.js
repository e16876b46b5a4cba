/* zwgk 无障碍: applies the visitor's remembered settings to <html> before the page is drawn (loaded synchronously
   in <head>; the CSP forbids inline script). The toolbar itself is a11y.js. */
(function () {
  "use strict";
  var root = document.documentElement, s = {};
  try { s = JSON.parse(window.localStorage.getItem("zwgk-a11y") || "{}") || {}; } catch (e) { s = {}; }
  var text = parseInt(s.text, 10);
  if (text > 0 && text <= 4) root.setAttribute("data-a11y-text", String(text));
  ["contrast", "spacing", "cursor"].forEach(function (k) { if (s[k] === true) root.classList.add("a11y-" + k); });
})();
