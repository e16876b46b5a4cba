"""Receivers wired in CoreConfig.ready(): each hands over to a service."""

from __future__ import annotations

from typing import Any

from .services import accounts, calendar


def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    accounts.record_login(user)


def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        accounts.record_logout(user)


def on_login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    accounts.record_login_failure(str(credentials.get("username", "")))


def seed_calendar(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """After migrate (and after a test flush) the holiday table holds every year the package knows."""
    calendar.seed_from_package(None)


def create_cache_table(sender: Any, using: str = "default", plan: Any = None, **kwargs: Any) -> None:
    """After migrate, the database cache's table exists wherever migrate ran (not after a test flush: it stays)."""
    if plan is None:
        return
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
