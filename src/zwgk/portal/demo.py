"""The portal's demo content: the home page's and the 专栏's columns (``publishing.demo_columns``), seeded after the
publishing demo (the portal app comes after publishing in INSTALLED_APPS, and ``seed-demo`` runs each app's ``demo``)."""

from __future__ import annotations


def seed() -> list[str]:
    from zwgk.publishing import demo_columns

    return demo_columns.seed()
