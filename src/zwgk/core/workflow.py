"""State machines: one per workflow (a document's revision, a disclosure request, a work-point task, an
inspection finding). Each declares its states (TextChoices carrying their labels) and its transitions; one
function answers "what may this user do now" for templates, views and the services' own checks alike.

As in Wagtail's workflow actions, asking is separate from doing: :meth:`Machine.refusal` (and
:meth:`Machine.available`) only ask; a service calls :meth:`Machine.check` under its row lock, then
changes the state. A refusal is Chinese text saying why: the state does not allow it, the person lacks
the permission, or a rule of the workflow forbids it (e.g. reviewing one's own draft).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from . import permissions

Guard = Callable[[Any, Any], "str | Refusal | None"]  # (obj, user) -> why not (a rule, or a Refusal), or None


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]  # the states in which it can happen
    permission: str | Callable[[Any], str | None] | None = None  # a permission, or one derived from the object
    guards: tuple[Guard, ...] = ()
    # where the permission is checked, when not the machine's organization (e.g. the person's own unit)
    permission_org: Callable[[Any, Any], Any] | None = None
    wrong_state: str = "当前状态（{state}）下不能{label}。"


@dataclass(frozen=True)
class Refusal:
    kind: str  # "state", "permission" or "rule"
    reason: str

    def error(self) -> Exception:
        return PermissionDenied(self.reason) if self.kind == "permission" else ValidationError(self.reason)


@dataclass
class Machine:
    """``state_of(obj)`` gives the current state's value, ``labels`` each state's label, ``organization_of(obj)``
    the organization within which permissions are checked."""

    name: str
    state_of: Callable[[Any], str]
    labels: dict[str, str]
    organization_of: Callable[[Any], Any]
    transitions: dict[str, Transition] = field(default_factory=dict)

    def add(self, *transitions: Transition) -> Machine:
        for t in transitions:
            unknown = set(t.sources) - set(self.labels)
            if unknown:
                raise ValueError(f"{self.name}.{t.name}: unknown states {sorted(unknown)}")
            self.transitions[t.name] = t
        return self

    def state_label(self, obj: Any) -> str:
        state = self.state_of(obj)
        return self.labels.get(state, state)

    def refusal(self, name: str, obj: Any, user: Any, *, state: str | None = None) -> Refusal | None:
        """Why ``user`` may not take ``name`` on ``obj`` now, or None. ``state``: the current state if known."""
        t = self.transitions[name]
        state = self.state_of(obj) if state is None else state
        if state not in t.sources:
            return Refusal("state", t.wrong_state.format(state=self.labels.get(state, state), label=t.label))
        perm = t.permission(obj) if callable(t.permission) else t.permission
        if perm is not None and user is not None:
            org = t.permission_org(obj, user) if t.permission_org else self.organization_of(obj)
            if not permissions.has(user, perm, org):
                where = f"“{org.short_name or org.name}”" if org is not None else "本系统"
                return Refusal("permission", f"您没有在{where}{permissions.PERMISSIONS.get(perm, perm)}的权限。")
        for guard in t.guards:
            reason = guard(obj, user)
            if isinstance(reason, Refusal):
                return reason
            if reason:
                return Refusal("rule", reason)
        return None

    def check(self, name: str, obj: Any, user: Any) -> None:
        """Raise ValidationError (state, rule) or PermissionDenied (permission) with the Chinese reason."""
        refused = self.refusal(name, obj, user)
        if refused is not None:
            raise refused.error()

    def available(self, obj: Any, user: Any, names: Iterable[str] | None = None) -> dict[str, Transition]:
        """The transitions ``user`` may take on ``obj`` now, by name."""
        wanted = self.transitions if names is None else {n: self.transitions[n] for n in names}
        state = self.state_of(obj)  # once: it may be derived (a statutory clock)
        return {n: t for n, t in wanted.items() if self.refusal(n, obj, user, state=state) is None}
