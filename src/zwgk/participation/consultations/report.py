"""The adoption report (采纳情况) as county sites publish it: the counts (received, adopted, partly adopted, not
adopted, out of scope, and per article) and a table 序号 · 意见人 · 条款 · 意见摘要 · 处理意见 · 理由, commenters'
names masked (朱**) and ID or phone numbers in the text masked. Built from the answers; no change of its own."""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.urls import reverse

from zwgk.core.masking import mask_id, mask_name, mask_phone

from .models import Consultation, Decision, Opinion

SUMMARY_CHARS = 120


def mask_personal(text: str) -> str:
    """ID and mobile numbers in a commenter's text masked (the screening's own detectors find them)."""
    from zwgk.screening.rules import IdNumberRule, MobileRule, Subject

    spans = [(f.start, f.end, mask_id) for f in IdNumberRule().scan(Subject(text))]
    spans += [(f.start, f.end, mask_phone) for f in MobileRule().scan(Subject(text))]
    out, last = [], 0
    for start, end, mask in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(mask("".join(ch for ch in text[start:end] if ch.isalnum())))
        last = end
    out.append(text[last:])
    return "".join(out)


def held_terms(text: str) -> list[str]:
    """The screening list's sensitive terms (敏感词) in the text: such an opinion waits for staff."""
    from zwgk.screening.models import TermKind
    from zwgk.screening.terms import matcher

    m = matcher()
    if not m.size:
        return []
    found: list[str] = []
    for _, entry in m.automaton.iter(text):
        if entry.kind == TermKind.SENSITIVE and entry.wrong not in found:
            found.append(entry.wrong)
    return found


def commenter(op: Opinion) -> str:
    return mask_name(op.name) or "匿名"


def summary(op: Opinion) -> str:
    text = op.summary or " ".join(op.body.split())
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS] + "…"
    return mask_personal(text)


@dataclass
class Counts:
    received: int = 0
    adopted: int = 0
    partly: int = 0
    not_adopted: int = 0
    out_of_scope: int = 0

    def add(self, decision: str) -> None:
        self.received += 1
        name = {Decision.ADOPTED: "adopted", Decision.PARTLY: "partly", Decision.NOT_ADOPTED: "not_adopted",
                Decision.OUT_OF_SCOPE: "out_of_scope"}.get(decision)
        if name:
            setattr(self, name, getattr(self, name) + 1)


def title(c: Consultation) -> str:
    return f"关于《{c.title}》公开征求意见采纳情况的说明"


def public_path(c: Consultation) -> str:
    """The results page's full address, for an e-mail (``ZWGK_PUBLIC_URL``, the site's public address)."""
    from urllib.parse import urljoin

    from django.conf import settings

    return urljoin(settings.ZWGK_PUBLIC_URL, reverse("portal:consultation_results", args=[c.pk]))


def rows(c: Consultation) -> tuple[Counts, list[tuple[str, Counts]], list[Opinion]]:
    """The counts, the counts per article (in the text's order; 草案整体 last) and the opinions in order."""
    from . import selectors

    opinions = list(selectors.report_opinions(c))
    total = Counts()
    per: dict[str, Counts] = {}
    labels: dict[str, str] = {}
    for op in opinions:
        total.add(op.decision)
        per.setdefault(op.target, Counts()).add(op.decision)
        labels[op.target] = op.target_label or "草案整体"
    order = selectors.target_order(c)
    keys = sorted(per, key=lambda k: (k == "", order.get(k, 10**6), k))
    return total, [(labels[k], per[k]) for k in keys], opinions


def body_html(c: Consultation) -> str:
    total, per, opinions = rows(c)
    e = html.escape
    out = [
        f"<p>{e(c.organization.name)}于 {c.opens:%Y年%-m月%-d日}至 {c.closes:%Y年%-m月%-d日}就《{e(c.title)}》公开征求意见，"
        f"共收到意见 {total.received} 条，其中采纳 {total.adopted} 条、部分采纳 {total.partly} 条、未采纳 {total.not_adopted} 条、"
        f"不属于本次征集范围 {total.out_of_scope} 条。现将采纳情况说明如下。</p>",
        "<h2>一、按条款统计</h2>",
        "<table><thead><tr><th>条款</th><th>意见数</th><th>采纳</th><th>部分采纳</th><th>未采纳</th><th>不属于本次征集</th></tr></thead><tbody>",
    ]
    for label, n in per:
        out.append(f"<tr><td>{e(label)}</td><td>{n.received}</td><td>{n.adopted}</td><td>{n.partly}</td><td>{n.not_adopted}</td>"
                   f"<td>{n.out_of_scope}</td></tr>")
    out.append("</tbody></table>")
    out.append("<h2>二、意见采纳情况</h2>")
    out.append("<table><thead><tr><th>序号</th><th>意见人</th><th>条款</th><th>意见摘要</th><th>处理意见</th><th>理由</th></tr></thead><tbody>")
    for i, op in enumerate(opinions, 1):
        out.append(f"<tr><td>{i}</td><td>{e(commenter(op))}</td><td>{e(op.target_label or '草案整体')}</td><td>{e(summary(op))}</td>"
                   f"<td>{e(op.get_decision_display())}</td><td>{e(mask_personal(op.reason))}</td></tr>")
    out.append("</tbody></table>")
    if c.urgency_reason:
        out.append(f"<p>征求意见期限缩短的理由：{e(c.urgency_reason)}</p>")
    out.append("<p>感谢社会各界对本次意见征集的关注和支持。</p>")
    return "".join(out)
