// The rich-text editor of a document's body (django-prose-editor's Tiptap build, served from our own static
// files; no inline script or style, so the CSP stays strict). Pasted HTML (Word's included) is cleaned by the
// server (publishing.html.clean_paste: structure kept, styles dropped) before it is inserted; images are the
// draft's own attachments, inserted from the attachment list.
import {
  Editor, Document, Paragraph, Text, HardBreak, Heading, Bold, Italic, Underline, Subscript, Superscript,
  BulletList, OrderedList, ListItem, Blockquote, Link, Table, TableRow, TableHeader, TableCell, Image, History,
  Menu, Dropcursor, Gapcursor,
} from "../django_prose_editor/editor.js";

const textarea = document.querySelector("textarea[data-body-editor]");
const form = document.getElementById("doc-form");

// The table's node view (prosemirror-tables' TableView) writes column widths as style attributes, which the CSP
// refuses: the table is drawn from its plain HTML instead (no widths; the public page has none either).
const PlainTable = Table.extend({
  addNodeView() {
    return null;
  },
});

// The package writes its toolbar in English (titles, aria-labels, the heading picker's options) and builds its
// dialogs (table, link) only when they open, after this script has run: every element under the editor's wrapper
// outside the editing area is translated through window.zwgkEditorLabels (editor-zh.js) when it appears, and again
// whenever the package rewrites a title or label. Text inside a .material-icons button is the icon's ligature name
// ("undo", "title"), not a label, and stays; a select's option keeps its English value for the package's code.
const LABELS = ["title", "aria-label"];

function zh(text) {
  const table = window.zwgkEditorLabels || {};
  const key = (text || "").trim();
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null;
}

function outsideEditing(node) {
  const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return el && !el.closest("[contenteditable]");
}

function translateElement(el) {
  if (!outsideEditing(el)) return;
  for (const name of LABELS) {
    const value = el.getAttribute(name);
    const label = value && zh(value);
    if (label) el.setAttribute(name, label);
  }
  if (el.tagName === "OPTION" && !el.hasAttribute("value")) el.setAttribute("value", el.textContent);
}

function translateText(node) {
  const label = zh(node.nodeValue);
  if (!label || !outsideEditing(node) || node.parentElement.closest(".material-icons")) return;
  node.nodeValue = label;
}

function translateTree(root) {
  if (root.nodeType === Node.TEXT_NODE) { translateText(root); return; }
  if (root.nodeType !== Node.ELEMENT_NODE || !outsideEditing(root)) return;
  translateElement(root);
  root.querySelectorAll("*").forEach(translateElement);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) translateText(node);
}

function translateMenu(wrapper) {
  translateTree(wrapper);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") translateElement(record.target);
      else if (record.type === "characterData") translateText(record.target);
      else record.addedNodes.forEach(translateTree);
    }
  }).observe(wrapper, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: LABELS });
}

function csrfToken() {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

// What happened to a paste, for everyone (a live region under the editor; made on first use).
function say(text) {
  let status = document.getElementById("body-editor-status");
  if (!status && textarea) {
    status = document.createElement("p");
    status.id = "body-editor-status";
    status.className = "hint";
    status.setAttribute("role", "status");
    textarea.closest(".prose-editor").after(status);
  }
  if (status) status.textContent = text;
}

function create() {
  if (!textarea || !form) return null;
  const wrapper = document.createElement("div");
  wrapper.className = "prose-editor body-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);
  translateMenu(wrapper); // before the editor: its menu is built when it has been created, its dialogs on use
  let editor = null;
  editor = new Editor({
    element: wrapper,
    injectCSS: false, // its stylesheet is body-editor.css: an injected <style> would break the CSP
    content: textarea.value,
    extensions: [
      Document, Paragraph, Text, HardBreak, History, Dropcursor, Gapcursor,
      Heading.configure({ levels: [2, 3, 4] }), Bold, Italic, Underline, Subscript, Superscript,
      BulletList, OrderedList, ListItem, Blockquote,
      // no "open in new window": the published body keeps no target (html.sanitize)
      Link.configure({ openOnClick: false, enableTarget: false, HTMLAttributes: { target: null, rel: null, class: null } }),
      PlainTable, TableRow, TableHeader, TableCell,
      Image.configure({ inline: false, allowBase64: false }),
      Menu,
    ],
    onUpdate({ editor: e }) {
      const value = e.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(value) ? "" : value;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
  // Pasted HTML goes to the server before ProseMirror sees it: ProseMirror would parse it in a scratch document,
  // where Word's style attributes are CSP violations, and keep more than the body may have.
  wrapper.addEventListener("paste", (event) => {
    const data = event.clipboardData;
    const html = data && data.getData("text/html");
    if (!html || !editor.isEditable) return;
    event.preventDefault();
    event.stopPropagation();
    const plain = data.getData("text/plain");
    const { selection } = editor.state;
    // a selected image (or other node) is kept: the paste goes after it
    const { from, to } = selection.node ? { from: selection.to, to: selection.to } : selection;
    const body = new FormData();
    body.append("html", html);
    body.append("csrfmiddlewaretoken", csrfToken());
    if (form.dataset.docId) body.append("doc", form.dataset.docId);
    fetch(form.dataset.pasteUrl, { method: "POST", body, credentials: "same-origin" })
      .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then((p) => editor.chain().focus().insertContentAt({ from, to }, p.html).run())
      .catch(() => {
        if (plain) editor.chain().focus().insertContentAt({ from, to }, { type: "text", text: plain }).run();
        say(plain ? "粘贴的格式未能保留（内容过大或网络中断），已按纯文本插入。" : "粘贴未成功，请重试。");
      });
  }, true);
  const view = editor.view.dom;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (view && label) {
    label.id = `${textarea.id}_label`;
    label.removeAttribute("for"); // the textarea is hidden: the label now names the editing area
    label.addEventListener("click", () => editor.commands.focus());
    view.setAttribute("role", "textbox");
    view.setAttribute("aria-multiline", "true");
    view.setAttribute("aria-labelledby", label.id);
    const help = document.getElementById(`${textarea.id}_helptext`);
    if (help) view.setAttribute("aria-describedby", help.id);
  }
  wrapper.classList.add("ready");
  return editor;
}

const editor = create();
window.zwgkBodyEditor = editor;

// An image attachment's "插入正文": the image at the cursor, pointing at the attachment (html.image_url).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-insert-image]");
  if (!button || !editor) return;
  event.preventDefault();
  editor.chain().focus().insertContent({ type: "image", attrs: { src: button.dataset.insertImage, alt: button.dataset.alt || "" } }).run();
});
