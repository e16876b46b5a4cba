// Live screening on the edit page: sends the form being typed (body and metadata) to the server, which
// screens it with the document's attachments by the same rules as 送审, and lists the findings.
(function () {
  "use strict";
  var form = document.getElementById("doc-form");
  if (!form) return;
  var body = document.getElementById("id_body");
  var list = document.getElementById("screen-findings");
  var status = document.getElementById("screen-status");
  var timer = null;

  function render(findings) {
    list.textContent = "";
    if (!findings.length) {
      status.textContent = "未发现问题。";
      return;
    }
    var blocking = findings.filter(function (f) { return f.severity === "block"; }).length;
    status.textContent = "发现 " + findings.length + " 个问题" + (blocking ? "，其中 " + blocking + " 个会阻止发布" : "") + "：";
    findings.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "finding-" + f.severity;
      var where = f.source && f.source !== "正文" ? f.source + "：" : "";
      li.textContent = (f.severity === "block" ? "【阻止发布】" : "【提示】") + where + f.message + (f.text ? "（“" + f.text + "”）" : "");
      list.appendChild(li);
    });
  }

  function check() {
    var data = new FormData(form);
    if (form.dataset.docId) data.append("doc", form.dataset.docId);
    status.textContent = "正在检查……";
    fetch(form.dataset.screenUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (payload) { render(payload.findings); })
      .catch(function () { status.textContent = "检查暂时不可用，送审时仍会自动检查。"; });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  if ((body && body.value) || form.dataset.docId) check();

  // Attachments are uploaded and removed without leaving the page, so the body being typed is not lost.
  var upload = document.getElementById("attachment-upload");
  var attachments = document.getElementById("attachment-list");
  var attStatus = document.getElementById("attachment-status");
  if (!upload || !attachments || !window.fetch) return;

  function say(text, bad) {
    attStatus.textContent = text;
    attStatus.className = bad ? "field-error" : "";
  }

  function send(target, data) {
    return fetch(target.action, {
      method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (r) {
      return r.json().catch(function () { return { errors: ["操作没有完成（" + r.status + "），请稍后再试。"] }; });
    });
  }

  upload.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = upload.querySelector("button[type=submit]");
    button.disabled = true;
    say("正在上传……");
    send(upload, new FormData(upload)).then(function (payload) {
      if (payload.errors) { say(payload.errors.join(" "), true); return; }
      var empty = attachments.querySelector("li.empty");
      if (empty) empty.remove();
      attachments.insertAdjacentHTML("beforeend", payload.item);
      upload.reset();
      say(payload.message + (payload.image ? "可点“插入正文”把图片放进正文。" : ""));
      check();
    }).catch(function () { say("上传失败，请检查网络后重试。", true); })
      .then(function () { button.disabled = false; });
  });

  attachments.addEventListener("submit", function (event) {
    var target = event.target;
    if (!target.classList.contains("attachment-remove")) return;
    event.preventDefault();
    send(target, new FormData(target)).then(function (payload) {
      if (payload.errors) { say(payload.errors.join(" "), true); return; }
      target.closest("li").remove();
      say(payload.message);
      check();
    }).catch(function () { say("删除失败，请检查网络后重试。", true); });
  });
})();
