"""The automatic checks of a draft: the edit page's live check and 送审 compose them the same way.

``engine.screen_draft`` joins the body's findings (with its metadata and links) and each attachment's, and
the rules alone decide each finding's severity, so what the editor sees while typing is what the reviewer
sees after 送审. Two differences, both of reach, not of judgement: the live check does not open the body's
links (no requests to other sites at each keystroke; 失效链接 is found at 送审), and it reuses an attachment's
findings while its file and the term list are unchanged, where 送审 reads every attachment anew.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

from zwgk.screening import engine, extract, terms

from .models import Attachment, Document, Revision

# The metadata the rules read (screening.rules.MissingMetadataRule, DocNumberFormatRule), by field name.
METADATA_FIELDS = (
    "title", "written_date", "topic", "genre", "disclosure_mode", "nondisclosure_ground", "validity", "is_normative", "doc_number",
)
TRUE_VALUES = ("on", "true", "1", "True")


def revision_metadata(rev: Revision, doc: Document) -> dict[str, Any]:
    return {**{name: getattr(rev, name) for name in METADATA_FIELDS}, "organization": doc.organization_id}


def form_metadata(data: Mapping[str, str], organization_id: int | str | None) -> dict[str, Any]:
    """The same metadata from the edit form's fields as the browser sends them (nothing is saved)."""
    values: dict[str, Any] = {name: (data.get(name) or "").strip() for name in METADATA_FIELDS}
    values["is_normative"] = values["is_normative"] in TRUE_VALUES
    values["organization"] = organization_id or None
    return values


def attachment_text(att: Attachment) -> extract.Extraction:
    """An attachment's text read anew from its file within extract's limits, and what cut it short."""
    try:
        with att.file.open("rb") as fh:
            data = fh.read()
    except OSError:  # the file is gone from storage: the text kept at upload
        return extract.Extraction(att.text[: extract.MAX_TEXT_CHARS], [])
    result = extract.extract(data, att.kind)
    return extract.Extraction(result.text or "", result.problems)


# Per process: (sha256, kind, name) -> (the term matcher they were made with, findings). Findings are small; the
# texts are not kept. A changed term list builds a new matcher, so its findings are made again.
CACHE_SIZE = 256
_cache: OrderedDict[tuple[str, str, str], tuple[object, list[dict[str, Any]]]] = OrderedDict()
_lock = threading.Lock()


def attachment_findings(att: Attachment, *, reuse: bool = False) -> list[dict[str, Any]]:
    """The findings of one attachment (``engine.screen_attachment``); ``reuse``: those made before for the same
    file under the same term list, when there are any."""
    key = (att.sha256, att.kind, att.name)
    matcher = terms.matcher()
    if reuse:
        with _lock:
            hit = _cache.get(key)
        if hit is not None and hit[0] is matcher:
            return [dict(f) for f in hit[1]]
    found = engine.screen_attachment(att.name, attachment_text(att))
    with _lock:
        _cache[key] = (matcher, [dict(f) for f in found])
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def draft_findings(
    text: str, metadata: dict[str, Any], links: list[str], attachments: Iterable[Attachment], *, reuse: bool = False
) -> list[dict[str, Any]]:
    return engine.screen_draft(text, metadata, links, [attachment_findings(att, reuse=reuse) for att in attachments])


def revision_findings(rev: Revision, doc: Document) -> list[dict[str, Any]]:
    """送审's checks of body, metadata, links and attachments (every file read anew): slow, so never under a lock."""
    _, links = engine.html_to_text(rev.body_html)
    return draft_findings(rev.body_text, revision_metadata(rev, doc), links, rev.attachments.order_by("pk"))
