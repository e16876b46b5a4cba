"""Numbers of the notices an office sends (告知书编号), in the office's own pattern, never reused.

GB/T 9704-2012 7.2.4: a 发文字号 is 发文机关代字, 年份 in 〔〕 and 发文顺序号 (no leading zeros, no 第). A county
office numbers its disclosure notices in a sequence of their own per year, e.g. “浮教体依申复〔2026〕3号”; the pattern
is the organization's (``Organization.notice_number_pattern``), the default below. One sequence per office, kind
and year; a number is taken when the act is recorded (inside the recording service's transaction, the office row
locked) and is never given again, even when a later correction of the record changes nothing else. A pattern
without {类} puts all kinds in one sequence, so that no two notices of an office share a number.
"""

from __future__ import annotations

from django.db.models import Max

from zwgk.core.models import Organization

from .models import Application, NoticeNumber

DEFAULT_PATTERN = "{代字}依申{类}〔{年}〕{号}号"
KIND_WORDS = {"reply": "复", "correction": "补", "extension": "延", "fee": "费", "split": "拆"}


def render(org: Organization, kind: str, year: int, seq: int) -> str:
    pattern = org.notice_number_pattern or DEFAULT_PATTERN
    return (pattern.replace("{代字}", org.doc_prefix or org.short_name).replace("{类}", KIND_WORDS[kind])
            .replace("{年}", str(year)).replace("{号}", str(seq)))


def allocate(app: Application, kind: str, year: int) -> NoticeNumber:
    """The application's number for ``kind``, taken now if it has none. Call inside a service's transaction."""
    existing = NoticeNumber.objects.filter(application=app, kind=kind).first()
    if existing is not None:
        return existing
    org = Organization.objects.select_for_update(no_key=True).get(pk=app.organization_id)
    # A pattern without {类} gives every kind the same prefix: then the kinds share one sequence, or numbers would repeat.
    kinds = [kind] if "{类}" in (org.notice_number_pattern or DEFAULT_PATTERN) else list(KIND_WORDS)
    last = NoticeNumber.objects.filter(organization=org, kind__in=kinds, year=year).aggregate(m=Max("seq"))["m"] or 0
    return NoticeNumber.objects.create(organization=org, application=app, kind=kind, year=year, seq=last + 1,
                                       text=render(org, kind, year, last + 1))


def number_for(app: Application, kind: str) -> str:
    found = next((n for n in app.notice_numbers.all() if n.kind == kind), None)
    return found.text if found else ""
