"""The scoring table: deductions per finding with a cap per rule, from the table the county office keeps
(``ScoreRule`` rows, seeded from ``indicators.DEFAULT_RULES``)."""

from __future__ import annotations

from collections import defaultdict

from . import indicators


def rules() -> dict[str, indicators.Rule]:
    from .models import ScoreRule

    table = dict(indicators.RULES)
    for row in ScoreRule.objects.all():
        table[row.item] = indicators.Rule(row.item, row.label, row.kind, row.points, row.cap)
    return table


def score(found: list) -> float:  # noqa: ANN001
    table = rules()
    taken: dict[str, float] = defaultdict(float)
    for f in found:
        rule = table.get(f.check)
        if rule is None or rule.kind != "deduct" or f.severity == "warn":
            continue
        taken[f.check] += rule.points
    total = 0.0
    for check, points in taken.items():
        cap = table[check].cap
        total += min(points, cap) if cap else points
    return round(max(0.0, 100.0 - total), 1)
