// Chinese labels for the body editor (django-prose-editor asks window.gettext when its module loads, so this
// classic script runs first; body-editor.js uses the same table for the toolbar's titles, aria-labels and options
// and for the dialogs built later). Every English string the package's menu, table and link code can show is here.
(function () {
  "use strict";
  var zh = {
    "Add caption": "添加说明", "Alternative Text": "替代文字", "Browse...": "浏览……", "Bullets": "项目符号",
    "Cancel": "取消", "Caption": "说明", "Columns": "列数", "Decimal numbers": "阿拉伯数字", "Edit Figure": "编辑图片",
    "Edit HTML": "编辑 HTML", "Edit Image": "编辑图片", "Edit Link": "编辑链接", "Image URL": "图片地址",
    "Include header row": "包含标题行", "Insert": "插入", "Insert Figure": "插入图片", "Insert Table": "插入表格",
    "List properties": "列表属性", "List type": "列表类型", "Lowercase Roman numerals": "小写罗马数字",
    "Lowercase letters": "小写字母", "Open in new window": "在新窗口打开", "Prettify": "整理格式", "Remove caption": "去掉说明",
    "Rows": "行数", "Start at": "起始编号", "Table Properties": "表格属性", "Title": "标题", "Toggle fullscreen": "全屏",
    "URL": "链接地址", "Update": "确定", "Uppercase Roman numerals": "大写罗马数字", "Uppercase letters": "大写字母",
    "Insert table": "插入表格", "Merge cells": "合并单元格", "Split cell": "拆分单元格", "blockquote": "引用",
    "bold": "加粗", "italic": "倾斜", "underline": "下划线", "subscript": "下标", "superscript": "上标",
    "insert link": "插入链接", "remove link": "去掉链接", "ordered list": "编号列表", "unordered list": "项目列表",
    "paragraph": "正文段落", "Paragraph": "正文段落", "redo": "重做", "undo": "撤销", "strike": "删除线",
    "Add column": "右侧加一列", "Add row": "下方加一行", "Delete column": "删除本列", "Delete row": "删除本行",
    "Delete table": "删除表格", "Toggle header cell": "设为/取消标题单元格",
    "Heading 2": "一级标题", "Heading 3": "二级标题", "Heading 4": "三级标题",
    "heading 2": "一级标题", "heading 3": "二级标题", "heading 4": "三级标题",
    "Yes": "是", "No": "否", "question_mark": "其他格式", "horizontal rule": "分隔线", "figure": "图片",
    "edit HTML": "编辑 HTML", "HTML": "HTML 源码", "Code": "代码", "Code block": "代码块", "Block style": "段落样式",
    "Reset all classes": "清除全部样式", "left": "左对齐", "center": "居中", "right": "右对齐", "justify": "两端对齐"
  };
  window.zwgkEditorLabels = zh;
  window.gettext = function (s) { return Object.prototype.hasOwnProperty.call(zh, s) ? zh[s] : s; };
})();
