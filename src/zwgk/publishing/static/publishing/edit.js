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
})();
