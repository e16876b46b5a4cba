/* zwgk 无障碍 toolbar: text size, high contrast, line spacing, reading guide, large cursor, 语音朗读 (the main
   content read aloud) and 指读 (what the pointer rests on or what gets keyboard focus), all with the browser's own
   speechSynthesis (zh-CN; nothing leaves the browser). A browser with the API but no voice at all (headless Chromium,
   many Linux desktops) would stay silent: the toolbar says so instead; with voices but none Chinese, the utterance
   still asks for zh-CN and the browser picks. Settings are remembered in localStorage under "zwgk-a11y"
   and applied before the first paint by a11y-early.js. The markup is <template id="a11y-template">
   (portal/_a11y_toolbar.html); 关怀模式 stays the server's cookie (the toolbar's preset button switches it). */
(function () {
  "use strict";
  var KEY = "zwgk-a11y", MAX_TEXT = 4, PERCENT = ["100%", "112%", "125%", "150%", "175%"];
  var TOGGLES = { contrast: "高对比度", spacing: "加大行距", guide: "阅读辅助线", cursor: "大鼠标", point: "指读" };
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,pre,legend,label,summary";
  var SKIP = "form[role=search],nav,.a11y-panel,script,style,template,noscript,[aria-hidden=true],[data-a11y-skip]";
  var POINTABLE = "a,button,input,select,textarea,summary,img[alt],[role=button],[aria-label]," + BLOCKS;
  var root = document.documentElement;
  var synth = window.speechSynthesis, Utterance = window.SpeechSynthesisUtterance;
  var canSpeak = !!(synth && Utterance);
  var NO_VOICE = "本机浏览器没有可用的中文语音，无法朗读。请在系统中安装中文语音后重试。", VOICE_WAIT = 1000;

  function load() {
    var s;
    try { s = JSON.parse(window.localStorage.getItem(KEY) || "{}"); } catch (e) { s = null; }
    s = s && typeof s === "object" ? s : {};
    var text = parseInt(s.text, 10), out = { text: text >= 0 && text <= MAX_TEXT ? text : 0 };
    Object.keys(TOGGLES).forEach(function (k) { out[k] = s[k] === true; });
    return out;
  }
  function save() {
    try { window.localStorage.setItem(KEY, JSON.stringify(settings)); } catch (e) { /* private mode: this page only */ }
  }
  var settings = load(), panel, opener, guide, status, note;

  function control(name) { return panel.querySelector('[data-a11y="' + name + '"]'); }
  function setDisabled(button, off) { button.setAttribute("aria-disabled", off ? "true" : "false"); }
  function isDisabled(button) { return button.getAttribute("aria-disabled") === "true"; }
  function announce(message) { status.textContent = ""; window.setTimeout(function () { status.textContent = message; }, 50); }

  function apply() {
    if (settings.text > 0) root.setAttribute("data-a11y-text", String(settings.text));
    else root.removeAttribute("data-a11y-text");
    ["contrast", "spacing", "cursor"].forEach(function (k) { root.classList.toggle("a11y-" + k, settings[k]); });
    guide.hidden = !settings.guide;
    if (!panel) return;
    Object.keys(TOGGLES).forEach(function (k) { control(k).setAttribute("aria-pressed", String(settings[k])); });
    panel.querySelector(".a11y-size").textContent = "文字 " + PERCENT[settings.text];
    setDisabled(control("smaller"), settings.text === 0);
    setDisabled(control("larger"), settings.text === MAX_TEXT);
  }

  /* --- speech --------------------------------------------------------------------------------- */
  var reading = false, paused = false, generation = 0, highlighted = null;

  function chineseVoice() {
    var voices = synth.getVoices ? synth.getVoices() : [], best = null;
    for (var i = 0; i < voices.length; i++) {
      var lang = (voices[i].lang || "").replace("_", "-").toLowerCase();
      if (lang === "zh-cn") return voices[i];
      if (!best && lang.indexOf("zh") === 0) best = voices[i];
    }
    return best;
  }
  function voiceCount() { return synth.getVoices ? synth.getVoices().length : -1; }  // -1: cannot tell
  // Calls done(true) once the browser has a voice, done(false) if none has come within VOICE_WAIT: the list may
  // still be loading (voiceschanged) when the page has just opened.
  function withVoices(done) {
    if (voiceCount() !== 0) { done(true); return; }
    var timer = 0;
    function settle() {
      window.clearTimeout(timer);
      if (synth.removeEventListener) synth.removeEventListener("voiceschanged", changed);
      done(voiceCount() !== 0);
    }
    function changed() { if (voiceCount() !== 0) settle(); }
    timer = window.setTimeout(settle, VOICE_WAIT);
    if (synth.addEventListener) synth.addEventListener("voiceschanged", changed);
  }
  function noVoice() {
    note.textContent = NO_VOICE;
    note.hidden = false;
    announce(NO_VOICE);
  }
  function highlight(el) {
    if (highlighted) highlighted.classList.remove("a11y-reading");
    highlighted = el || null;
    if (highlighted) highlighted.classList.add("a11y-reading");
  }
  function utterance(text, el, onend) {
    var u = new Utterance(text), voice = chineseVoice();
    u.lang = "zh-CN";
    if (voice) u.voice = voice;
    u.onstart = function () { highlight(el); };
    u.onend = u.onerror = onend || null;
    return u;
  }
  // Long text is cut at sentence ends: some engines stop an utterance after about fifteen seconds.
  function sentences(text) {
    var parts = text.replace(/\s+/g, " ").trim().match(/[^。！？；!?;]+[。！？；!?;]*/g) || [], out = [];
    parts.forEach(function (p) {
      p = p.trim();
      while (p.length > 160) { out.push(p.slice(0, 160)); p = p.slice(160); }
      if (p) out.push(p);
    });
    return out;
  }
  function outermostBlock(el, scope) {
    var found = null;
    for (var e = el; e && e !== scope; e = e.parentElement) if (e.matches(BLOCKS)) found = e;
    return found;
  }
  function visible(el) { return el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0; }
  // The main content in reading order: each outermost block once, and text standing outside any block.
  function readingUnits() {
    var scope = document.querySelector("[data-a11y-main]") || document.querySelector("main") || document.body;
    var units = [], seen = [], node;
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    while ((node = walker.nextNode())) {
      var el = node.parentElement;
      if (!node.data.trim() || !el || el.closest(SKIP) || !visible(el)) continue;
      var block = outermostBlock(el, scope);
      if (block) {
        if (seen.indexOf(block) < 0) { seen.push(block); units.push({ el: block, text: block.innerText }); }
      } else {
        var last = units[units.length - 1];
        if (last && last.loose === el) last.text += node.data;
        else units.push({ el: el, text: node.data, loose: el });
      }
    }
    return units;
  }
  function speechState() {
    control("read").setAttribute("aria-pressed", String(reading));
    setDisabled(control("pause"), !reading);
    setDisabled(control("stop"), !reading);
    control("pause").textContent = paused ? "继续" : "暂停";
  }
  function stop() {
    generation++;
    if (canSpeak) synth.cancel();
    reading = paused = false;
    highlight(null);
    if (panel) speechState();
  }
  function readAll() {
    stop();
    var mine = generation;
    withVoices(function (ok) {
      if (mine !== generation) return;  // stopped, or started again, while the voices were awaited
      if (!ok) { noVoice(); return; }
      var queue = [];
      readingUnits().forEach(function (unit) {
        sentences(unit.text).forEach(function (s) { queue.push({ text: s, el: unit.el }); });
      });
      if (!queue.length) { announce("本页没有可朗读的内容"); return; }
      reading = true;
      speechState();
      queue.forEach(function (item, i) {
        var last = i === queue.length - 1;
        synth.speak(utterance(item.text, item.el, last ? function () { if (mine === generation) stop(); } : null));
      });
    });
  }
  function pauseResume() {
    if (!reading) return;
    paused = !paused;
    if (paused) synth.pause(); else synth.resume();
    speechState();
  }

  /* --- 指读 ------------------------------------------------------------------------------------- */
  function labelOf(el) {
    if (el.labels && el.labels.length) return el.labels[0].innerText;
    return el.getAttribute("aria-label") || el.getAttribute("placeholder") || el.getAttribute("title") || "";
  }
  function shownText(el) {  // the text, without decorations hidden from assistive technology (A− / A+)
    if (!el.querySelector('[aria-hidden="true"]')) return el.innerText || el.textContent || "";
    var copy = el.cloneNode(true);
    copy.querySelectorAll('[aria-hidden="true"]').forEach(function (n) { n.remove(); });
    return copy.textContent;
  }
  function describe(el) {
    var tag = el.tagName.toLowerCase(), text;
    if (tag === "img") return (el.getAttribute("alt") || "") + "，图片";
    if (tag === "input" || tag === "textarea" || tag === "select") {
      if (tag === "input" && /^(submit|button|reset)$/.test(el.type)) return el.value + "，按钮";
      var value = tag === "select" ? (el.selectedOptions[0] ? el.selectedOptions[0].text : "") : el.value;
      var kind = tag === "select" ? "下拉列表" : el.type === "checkbox" ? "复选框" : el.type === "radio" ? "单选按钮" : "输入框";
      if (el.type === "checkbox" || el.type === "radio") value = el.checked ? "已选中" : "未选中";
      return [labelOf(el), kind, value].filter(Boolean).join("，");
    }
    text = (el.getAttribute("aria-label") || shownText(el)).replace(/\s+/g, " ").trim();
    if (!text) return "";
    if (text.length > 300) text = text.slice(0, 300);
    if (tag === "a") return text + "，链接";
    if (tag === "button" || el.getAttribute("role") === "button") {
      var pressed = el.getAttribute("aria-pressed");
      return text + "，按钮" + (pressed === "true" ? "，已开启" : pressed === "false" ? "，未开启" : "");
    }
    if (/^h[1-6]$/.test(tag)) return text + "，标题";
    return text;
  }
  var pointed = null, pointTimer = 0;
  function pointRead(target, delay) {
    if (!settings.point || !canSpeak || !(target instanceof Element) || target.closest(".a11y-guide")) return;
    var el = target.closest(POINTABLE);
    if (el === pointed) return;
    pointed = el;
    window.clearTimeout(pointTimer);
    if (!el) return;
    pointTimer = window.setTimeout(function () {
      var text = describe(el);
      if (!text) return;
      stop();
      synth.speak(utterance(text, el, function () { if (highlighted === el) highlight(null); }));
    }, delay);
  }

  /* --- the toolbar ------------------------------------------------------------------------------ */
  function open() {
    panel.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    panel.querySelector("button").focus();
  }
  function close(returnFocus) {
    panel.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    if (returnFocus) opener.focus();
  }
  function goCare(on) {
    var url = panel.getAttribute("data-care-url");
    window.location.href = url + "?on=" + (on ? "1" : "0") + "&next=" + encodeURIComponent(window.location.pathname + window.location.search);
  }
  var actions = {
    smaller: function () { settings.text = Math.max(0, settings.text - 1); },
    larger: function () { settings.text = Math.min(MAX_TEXT, settings.text + 1); },
    read: function () { readAll(); return true; },
    pause: function () { pauseResume(); return true; },
    stop: function () { stop(); announce("已停止朗读"); return true; },
    care: function () { goCare(panel.getAttribute("data-care") !== "1"); return true; },
    close: function () { close(true); return true; },
    reset: function () {
      stop();
      settings = load();
      settings.text = 0;
      Object.keys(TOGGLES).forEach(function (k) { settings[k] = false; });
      try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
      apply();
      announce("已恢复默认设置");
      if (panel.getAttribute("data-care") === "1") goCare(false);
      return true;
    },
  };
  function onClick(event) {
    var button = event.target.closest("[data-a11y]");
    if (!button || isDisabled(button)) return;
    var name = button.getAttribute("data-a11y");
    if (TOGGLES[name]) {
      settings[name] = !settings[name];
      if (name === "point" && !settings.point) stop();
      if (name === "point" && settings.point && canSpeak) {
        withVoices(function (ok) {
          if (ok || !settings.point) return;
          settings.point = false;  // 指读 without a voice would say nothing: it stays off, and the toolbar says why
          save();
          apply();
          noVoice();
        });
      }
      announce(TOGGLES[name] + (settings[name] ? "已开启" : "已关闭"));
    } else if (actions[name] && actions[name]()) {
      return;
    }
    save();
    apply();
  }

  function mount() {
    var template = document.getElementById("a11y-template");
    guide = document.createElement("div");
    guide.className = "a11y-guide";
    guide.setAttribute("aria-hidden", "true");
    guide.hidden = true;
    document.body.appendChild(guide);
    if (!template) { apply(); return; }
    var parts = template.content.cloneNode(true);
    opener = parts.querySelector(".a11y-open");
    panel = parts.querySelector(".a11y-panel");
    status = panel.querySelector(".a11y-status");
    note = panel.querySelector(".a11y-note");
    var slot = document.querySelector("[data-a11y-slot]") || document.querySelector(".site-header .wrap") || document.body;
    slot.appendChild(opener);
    var header = document.querySelector(".site-header");
    if (header) header.parentNode.insertBefore(panel, header.nextSibling);
    else document.body.insertBefore(panel, document.body.firstChild);
    if (!canSpeak) {
      panel.querySelectorAll(".a11y-speech").forEach(function (b) { setDisabled(b, true); });
      note.hidden = false;
    } else if (synth.addEventListener) {
      voiceCount();  // some browsers load the voices on the first ask
      synth.addEventListener("voiceschanged", function () {
        if (note.textContent === NO_VOICE && voiceCount() > 0) note.hidden = true;  // a voice installed since
      });
    }
    opener.addEventListener("click", function () { if (panel.hidden) open(); else close(false); });
    panel.addEventListener("click", onClick);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      if (!panel.hidden) {
        close(panel.contains(document.activeElement) || document.activeElement === opener);
        event.preventDefault();
      } else if (reading) {
        stop();
      }
    });
    document.addEventListener("pointermove", function (event) {
      if (settings.guide) guide.style.transform = "translateY(" + event.clientY + "px)";
    }, { passive: true });
    document.addEventListener("pointerover", function (event) { pointRead(event.target, 250); });
    document.addEventListener("focusin", function (event) {
      if (settings.guide && event.target instanceof Element) {
        var r = event.target.getBoundingClientRect();
        guide.style.transform = "translateY(" + (r.top + r.height / 2) + "px)";
      }
      pointRead(event.target, 0);
    });
    window.addEventListener("pagehide", stop);
    if (canSpeak) speechState();
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
