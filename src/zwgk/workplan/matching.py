"""Unit names as written in a work-points document → organizations of the tree.

县教体局 is a short name, 浮梁县教育体育局 the full name, 县教育体育局 the full name without the
county, 县政府办 an abbreviation of 县政府办公室 (a unique prefix); 各乡（镇）人民政府 means every
township, 县直各部门 every department. 县直有关部门 (“the relevant departments”) names nobody in
particular: a person resolves it, as any name the tree does not know. A resolved name can be kept as
an alias (``UnitAlias``) for the next import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from zwgk.core.models import Organization, OrgKind

from .parsing import Point, UnitName

TOWNSHIPS = re.compile(r"^(各|全县各)?乡\(?镇\)?(人民政府)?$|^各乡镇(人民政府)?$|^各乡\(镇\)$")
DEPARTMENTS = re.compile(r"^(县直各部门|县政府各部门|县直各单位|县直各相关单位?)$")
VAGUE = re.compile(r"(有关|相关)")  # “the relevant …”: a person says which


def normalize(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


@dataclass
class Resolution:
    name: str
    organizations: list[Organization]
    lead: bool = False
    group: str = ""  # 全部乡镇, 全部部门

    @property
    def matched(self) -> bool:
        return bool(self.organizations)


@dataclass
class PointUnits:
    lead: Organization | None
    units: list[Organization]  # co-responsible, without the lead
    unmatched: list[tuple[str, bool]] = field(default_factory=list)  # (name as written, was the lead's place)
    resolutions: list[Resolution] = field(default_factory=list)


class Matcher:
    def __init__(self, organizations: list[Organization] | None = None, aliases: dict[str, list[Organization]] | None = None) -> None:
        orgs = organizations if organizations is not None else list(Organization.objects.filter(is_active=True))
        self.orgs = orgs
        top = next((o for o in orgs if o.parent_id is None), None)
        self.county = normalize(top.name).removesuffix("人民政府") if top else ""
        self.by_name: dict[str, list[Organization]] = {}
        for o in orgs:
            for n in {normalize(o.name), normalize(o.short_name)}:
                if n:
                    self.by_name.setdefault(n, []).append(o)
        self.aliases = {normalize(k): v for k, v in (aliases or {}).items()}
        self.townships = [o for o in orgs if o.kind == OrgKind.TOWNSHIP]
        self.departments = [o for o in orgs if o.kind == OrgKind.DEPARTMENT]

    def _one(self, name: str) -> tuple[list[Organization], str]:
        n = normalize(name)
        if n in self.aliases:
            return list(self.aliases[n]), ""
        if n in self.by_name and len(self.by_name[n]) == 1:
            return self.by_name[n], ""
        if TOWNSHIPS.match(n):
            return list(self.townships), "全部乡（镇）人民政府"
        if DEPARTMENTS.match(n):
            return list(self.departments), "全部县直部门"
        if VAGUE.search(n):
            return [], ""
        candidates = [n]
        if self.county and n.startswith("县"):
            candidates.append(self.county + n[1:])
        for c in candidates[1:]:
            if c in self.by_name and len(self.by_name[c]) == 1:
                return self.by_name[c], ""
        if len(n) >= 4:
            prefixed = {o.pk: o for c in candidates for key, os in self.by_name.items() if key.startswith(c) for o in os}
            if len(prefixed) == 1:
                return list(prefixed.values()), ""
        return [], ""

    def resolve(self, unit: UnitName) -> list[Resolution]:
        """One written name → one or more resolutions (县直有关部门和各乡（镇）人民政府 is two)."""
        orgs, group = self._one(unit.name)
        if orgs:
            return [Resolution(unit.name, orgs, unit.lead, group)]
        n = unit.name
        for i, ch in enumerate(n):
            if ch == "和" and 0 < i < len(n) - 1:
                left, right = n[:i], n[i + 1:]
                lo, lg = self._one(left)
                ro, rg = self._one(right)
                # split only where both halves are names (浮梁县发展和改革委员会 stays whole)
                if (lo or VAGUE.search(left)) and (ro or VAGUE.search(right)):
                    return [Resolution(left, lo, unit.lead, lg), Resolution(right, ro, False, rg)]
        return [Resolution(unit.name, [], unit.lead)]

    def point_units(self, point: Point) -> PointUnits:
        resolutions = [r for u in point.units for r in self.resolve(u)]
        lead_slot = next((r for r in resolutions if r.lead), resolutions[0] if resolutions else None)
        lead = lead_slot.organizations[0] if lead_slot and len(lead_slot.organizations) == 1 and not lead_slot.group else None
        units: list[Organization] = []
        seen = {lead.pk} if lead else set()
        unmatched = []
        for r in resolutions:
            if not r.matched:
                unmatched.append((r.name, r is lead_slot))
            for o in r.organizations:
                if o.pk not in seen:
                    seen.add(o.pk)
                    units.append(o)
        return PointUnits(lead, units, unmatched, resolutions)
