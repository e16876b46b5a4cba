"""Demo term list: common wrong phrasings in government texts (the administrator keeps the real list)."""

from .models import Severity, Term, TermKind
from .services import save_term

TERMS = [
    ("党史教育", "党史学习教育", TermKind.WRONG, Severity.WARN, "2021 年中央规范表述"),
    ("一带一路战略", "“一带一路”倡议", TermKind.WRONG, Severity.WARN, "规范表述为倡议"),
    ("新冠肺炎", "新冠病毒感染", TermKind.WRONG, Severity.WARN, "2022 年 12 月起更名"),
    ("台湾总统", "台湾地区领导人", TermKind.WRONG, Severity.BLOCK, "涉台规范表述"),
    ("中华民国", "", TermKind.SENSITIVE, Severity.BLOCK, "涉台敏感表述，须按规定处理"),
    ("十三五规划", "“十三五”规划", TermKind.WRONG, Severity.WARN, "规划名称加引号"),
]


def seed() -> list[str]:
    for wrong, right, kind, severity, note in TERMS:
        if not Term.objects.filter(wrong=wrong).exists():
            save_term(None, wrong=wrong, right=right, kind=kind, severity=severity, note=note, is_active=True)
    return []
