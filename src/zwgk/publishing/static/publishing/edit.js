// Live screening on the edit page: sends the body being typed to the server's rules, lists findings.
(function () {
  "use strict";
  var form = document.getElementById("doc-form");
  if (!form) return;
  var body = document.getElementById("id_body");
  var docNumber = document.getElementById("id_doc_number");
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
      li.textContent = (f.severity === "block" ? "【阻止发布】" : "【提示】") + f.message + (f.text ? "（“" + f.text + "”）" : "");
      list.appendChild(li);
    });
  }

  function check() {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("body", body ? body.value : "");
    data.append("doc_number", docNumber ? docNumber.value : "");
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

  [body, docNumber].forEach(function (el) { if (el) el.addEventListener("input", schedule); });
  if (body && body.value) check();
})();
