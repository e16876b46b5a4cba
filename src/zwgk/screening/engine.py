"""Run the registered rules over a text, an HTML body or a file."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from . import extract
from .rules import BLOCK, RULES, WARN, Finding, Subject

BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "blockquote"}


class _TextAndLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag in BLOCK_TAGS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.links.append(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, list[str]]:
    """Plain text (block elements on their own lines) and the link targets of an HTML fragment."""
    parser = _TextAndLinks()
    parser.feed(html or "")
    parser.close()
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line), parser.links


def screen(subject: Subject, rules: list[str] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for code, cls in RULES.items():
        if rules is None or code in rules:
            findings.extend(cls().scan(subject))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def screen_text(text: str, metadata: dict[str, Any] | None = None, links: list[str] | None = None) -> list[Finding]:
    return screen(Subject(text=text, metadata=metadata, links=links or []))


BODY = "正文"


def attachment_source(name: str) -> str:
    return f"附件：{name}"


def screen_attachment(name: str, extraction: extract.Extraction) -> list[dict[str, Any]]:
    """The findings of one attachment as a draft's findings carry them: why its text was read only in part,
    then the rules over the text read."""
    source = attachment_source(name)
    findings = [{**f.as_dict(), "source": source} for f in extraction_findings(name, extraction.problems)]
    if extraction.text:
        findings += [{**f.as_dict(), "source": source} for f in screen_text(extraction.text)]
    return findings


def screen_draft(
    text: str,
    metadata: dict[str, Any] | None = None,
    links: list[str] | None = None,
    attachments: list[list[dict[str, Any]]] | tuple = (),
) -> list[dict[str, Any]]:
    """All findings of a draft: its body (source 正文) with its metadata and links, then each attachment's
    findings (``screen_attachment``). The one composition used by the edit page's live check and by 送审,
    so a finding is the same, severity included, in both."""
    findings = [{**f.as_dict(), "source": BODY} for f in screen_text(text, metadata=metadata, links=links)]
    for found in attachments:
        findings += found
    return findings


def screen_file(path: str | Path) -> tuple[str | None, str | None, list[Finding]]:
    """(kind, text, findings) for a file; text is None when nothing could be read."""
    data = Path(path).read_bytes()
    kind = extract.sniff(data)
    text = extract.extract_text(data, kind) if kind else None
    if text is None:
        return kind, None, []
    return kind, text, screen_text(text)


def extraction_findings(name: str, problems: list[str]) -> list[Finding]:
    """Why the text of file ``name`` was read only in part (``extract.Extraction.problems``), for the reviewer."""
    return [Finding("extraction", WARN, -1, -1, "", f"附件“{name}”{problem}，请检查附件") for problem in problems]


def has_blocking(findings: list[Finding] | list[dict[str, Any]]) -> bool:
    return any((f["severity"] if isinstance(f, dict) else f.severity) == BLOCK for f in findings)
