"""The registry of notification kinds: each app adds its kinds in its ``AppConfig.ready()`` (as it registers its menu
entries with ``core.navigation``), so this module knows none of the modules that notify. A kind names what happened;
its defaults say whether a person who has not chosen gets an e-mail for it and whether it goes into the daily digest.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default_email: bool = True
    default_digest: bool = False
    help: str = ""


KINDS: dict[str, Kind] = {}


def register(key: str, label: str, *, default_email: bool = True, default_digest: bool = False, help: str = "") -> Kind:  # noqa: A002
    """Add (or replace, by key) a kind of notification; apps call it from ``ready()``."""
    kind = Kind(key, label, default_email, default_digest, help)
    KINDS[key] = kind
    return kind


def get(key: str) -> Kind:
    """The registered kind; an unknown key is a programming error, refused at once rather than stored."""
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(f"notification kind {key!r} is not registered (notifications.kinds.register in the app's ready())") from None


def label(key: str) -> str:
    kind = KINDS.get(key)
    return kind.label if kind else key


def ordered() -> list[Kind]:
    return sorted(KINDS.values(), key=lambda k: k.key)
