"""The demo's public participation: each part's own demo, in order (decisions first: consultations and evaluations
point at its items)."""

from __future__ import annotations

from importlib import import_module

from .apps import PARTS


def seed() -> list[str]:
    lines: list[str] = []
    for part in PARTS:
        lines += import_module(f"zwgk.participation.{part}.demo").seed()
    return lines
