// A native file input says "Choose file / No file chosen" in the browser's own language, whatever the page's
// lang: show a Chinese button and the chosen names instead. The input stays in the page, focusable and labelled
// (visually hidden); without this script it shows as the browser draws it.
(function () {
  "use strict";
  function status(input) {
    var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    return names.length ? "已选择：" + names.join("、") : "未选择文件";
  }
  document.querySelectorAll('input[type="file"][id]').forEach(function (input) {
    if (input.dataset.zwgkFile) return;
    input.dataset.zwgkFile = "1";
    var button = document.createElement("label");
    button.htmlFor = input.id;
    button.className = "file-button";
    button.setAttribute("aria-hidden", "true"); // the input keeps its own label; this is only the visible button
    button.textContent = input.multiple ? "选择文件（可多选）" : "选择文件";
    var shown = document.createElement("span");
    shown.className = "file-status";
    shown.setAttribute("aria-live", "polite");
    shown.textContent = status(input);
    input.classList.add("file-native");
    input.after(button, shown);
    input.addEventListener("change", function () { shown.textContent = status(input); });
    if (input.form) {
      input.form.addEventListener("reset", function () { setTimeout(function () { shown.textContent = status(input); }); });
    }
  });
})();
