"""The managed term list: add, change, switch off, import."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError

from zwgk.core import audit, permissions
from zwgk.core.models import User
from zwgk.core.text import clean

from .models import Severity, Term, TermKind

FIELDS = ("wrong", "right", "kind", "severity", "note", "is_active")


def _check(term: Term) -> None:
    term.wrong = term.wrong.strip()
    term.right = term.right.strip()
    if term.kind == TermKind.WRONG and not term.right:
        raise ValidationError({"right": "错误表述须给出正确表述。"})
    if term.right and term.right == term.wrong:
        raise ValidationError({"right": "正确表述与词语相同。"})
    term.full_clean()


@audit.service("screening.term.save", "维护敏感词与规范表述")
def save_term(actor: User | None, term: Term | None = None, **fields: Any) -> Term:
    permissions.require(actor, "screening.terms")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown term fields: {sorted(unknown)}")
    if term is None:
        term = Term(**fields)
        changes = {k: [None, v] for k, v in fields.items()}
    else:
        term = Term.objects.select_for_update().get(pk=term.pk)
        changes = audit.diff(term, fields)
        if not changes:
            audit.nothing_changed()
            return term
        for k, v in fields.items():
            setattr(term, k, v)
    _check(term)
    term.save()
    audit.record(actor, term, summary=f"{term}（{term.get_severity_display()}）", changes=changes)
    return term


@audit.service("screening.term.import", "导入敏感词与规范表述")
def import_terms(actor: User | None, csv_text: str) -> int:
    """CSV columns: 词语,正确表述,类型(错误表述/敏感词),级别(阻止发布/提示),说明. All rows or none."""
    permissions.require(actor, "screening.terms")
    kinds = {**{label: value for value, label in TermKind.choices}, **{v: v for v in TermKind.values}}
    severities = {**{label: value for value, label in Severity.choices}, **{v: v for v in Severity.values}}
    errors, rows = [], []
    for line_no, row in enumerate(csv.reader(io.StringIO(clean(csv_text).lstrip("\ufeff"))), start=1):
        if not row or not row[0].strip() or (line_no == 1 and row[0].strip() == "词语"):
            continue
        row = (row + [""] * 5)[:5]
        wrong, right, kind, severity, note = (c.strip() for c in row)
        kind = kinds.get(kind or ("错误表述" if right else "敏感词"))
        severity = severities.get(severity or "提示")
        if kind is None or severity is None:
            errors.append(f"第 {line_no} 行：类型或级别无法识别")
            continue
        term = Term.objects.filter(wrong=wrong).first() or Term(wrong=wrong)
        term.right, term.kind, term.severity, term.note, term.is_active = right, kind, severity, note, True
        try:
            _check(term)
        except ValidationError as exc:
            errors.append(f"第 {line_no} 行：{'；'.join(exc.messages)}")
            continue
        rows.append(term)
    if errors:
        raise ValidationError(errors)
    for term in rows:
        term.save()
    audit.record(actor, None, summary=f"导入 {len(rows)} 条敏感词与规范表述")
    return len(rows)
