"""The service-layer contract and the append-only audit log.

Every state change in zwgk is a function decorated with :func:`service`. The decorator runs the
function in one database transaction and refuses to commit unless the function wrote at least one
audit entry with :func:`record` (or declared with :func:`nothing_changed` that it changed nothing).
With ``ZWGK_STRICT_WRITES`` on (the test suite turns it on), saving or deleting a zwgk model outside
a service raises :class:`DirectWriteError`, and so do the queryset's bulk writes (``update()``,
``bulk_create()``, ``bulk_update()``, ``delete()``; see ``zwgk.core.models.GuardedQuerySet``) and the changes of a
many-to-many relation (``add()``, ``set()``, ``remove()``, ``clear()``), so a path
that skips the service layer fails its tests.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction

P = ParamSpec("P")
T = TypeVar("T")


class AuditMissing(RuntimeError):
    """A service finished without writing the audit log; its transaction was rolled back."""


class DirectWriteError(RuntimeError):
    """A zwgk model was saved or deleted outside a service function."""


@dataclass
class _ServiceCall:
    action: str
    label: str
    records: int = 0
    declared_no_change: bool = False


@dataclass(frozen=True)
class ServiceInfo:
    action: str
    label: str
    func: Callable[..., Any] = field(repr=False)


# action name -> ServiceInfo; the audit log's filter lists these labels.
SERVICES: dict[str, ServiceInfo] = {}
# Extra action names written by record(action=...) that are not a service's own.
EXTRA_ACTIONS: dict[str, str] = {}

_current_call: contextvars.ContextVar[_ServiceCall | None] = contextvars.ContextVar("zwgk_service", default=None)
_client_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("zwgk_client_ip", default=None)
_direct_writes_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("zwgk_direct_writes", default=False)


def service(action: str, label: str, prepare: Callable[..., Any] | None = None) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Declare a service function: one transaction, and it must write the audit log.

    ``prepare``, when given, is called with the service's arguments before the transaction opens, for slow
    read-only work (reading files, screening) that must not hold a write transaction and its locks; its result
    reaches the function as the keyword argument ``prepared``. It runs outside the service, so it cannot write
    (the write guard refuses), and the function must re-check under its locks that what was prepared still
    holds. Called from inside another service, ``prepare`` runs inside that service's transaction.
    """

    def decorate(func: Callable[P, T]) -> Callable[P, T]:
        if action in SERVICES and SERVICES[action].func.__qualname__ != func.__qualname__:
            raise RuntimeError(f"audit action {action!r} is declared twice")

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            if prepare is not None:
                kwargs["prepared"] = prepare(*args, **kwargs)
            call = _ServiceCall(action=action, label=label)
            outer = _current_call.get()
            token = _current_call.set(call)
            try:
                with transaction.atomic():
                    result = func(*args, **kwargs)
                    if call.records == 0 and not call.declared_no_change:
                        raise AuditMissing(f"service {action} finished without writing the audit log")
            finally:
                _current_call.reset(token)
            if outer is not None:
                outer.records += call.records
            return result

        wrapper.zwgk_service = ServiceInfo(action, label, wrapper)  # type: ignore[attr-defined]
        SERVICES[action] = wrapper.zwgk_service  # type: ignore[attr-defined]
        return wrapper

    return decorate


def register_action(action: str, label: str) -> str:
    """Name an audit action written with ``record(action=...)`` that is not a service's own name."""
    EXTRA_ACTIONS[action] = label
    return action


def action_labels() -> dict[str, str]:
    labels = {info.action: info.label for info in SERVICES.values()}
    labels.update(EXTRA_ACTIONS)
    return dict(sorted(labels.items()))


def in_service() -> bool:
    return _current_call.get() is not None


def nothing_changed() -> None:
    """Declare that the running service made no change, so there is nothing to log."""
    call = _current_call.get()
    if call is None:
        raise RuntimeError("nothing_changed() called outside a service")
    call.declared_no_change = True


def _describe(obj: models.Model | None) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    return obj._meta.label_lower, str(obj.pk or ""), str(obj)[:300]


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def record(
    actor: Any,
    obj: models.Model | None = None,
    *,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    action: str | None = None,
    label: str | None = None,
) -> None:
    """Write one audit entry for the running service. ``actor`` is a User, or None for the system."""
    from .models import AuditEntry

    call = _current_call.get()
    if call is None:
        raise RuntimeError("audit.record() must be called inside a service function")
    if action is not None and label is None:
        label = EXTRA_ACTIONS.get(action) or (SERVICES[action].label if action in SERVICES else None)
        if label is None:
            raise RuntimeError(f"unknown audit action {action!r}: declare it with register_action()")
    object_type, object_id, object_repr = _describe(obj)
    org = getattr(actor, "organization", None) if actor is not None else None
    entry = AuditEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_full_name() if actor is not None else "系统")[:150],
        organization=org,
        organization_name=org.name if org is not None else "",
        action=action or call.action,
        action_label=label or call.label,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        summary=summary,
        changes=_jsonable(changes or {}),
        client_ip=_client_ip.get(),
    )
    with allow_direct_writes():
        entry.save(force_insert=True)
    call.records += 1


def diff(instance: models.Model, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """Field -> [old, new] for the values that differ; shared by update services."""
    out: dict[str, list[Any]] = {}
    for name, new in new_values.items():
        old = getattr(instance, name)
        if old != new:
            out[name] = [_jsonable(old), _jsonable(new)]
    return out


def summarize(model: type[models.Model], changes: dict[str, list[Any]]) -> str:
    parts = []
    for name, (old, new) in changes.items():
        try:
            verbose = model._meta.get_field(name).verbose_name
        except (FieldDoesNotExist, AttributeError):  # a non-field key, or a reverse relation such as "roles"
            verbose = {"roles": "角色", "password": "密码"}.get(name, name)
        if name == "password":
            parts.append("重设密码")
        else:
            parts.append(f"{verbose}：{old or '（空）'} → {new or '（空）'}")
    return "；".join(parts)


@contextmanager
def client_ip(ip: str | None) -> Iterator[None]:
    token = _client_ip.set(ip)
    try:
        yield
    finally:
        _client_ip.reset(token)


@contextmanager
def allow_direct_writes() -> Iterator[None]:
    """For test fixtures and the audit writer itself: permit model writes outside a service."""
    token = _direct_writes_allowed.set(True)
    try:
        yield
    finally:
        _direct_writes_allowed.reset(token)


# The model classes the guard protects (install_write_guard); historical models in migrations are other classes.
_guarded: set[type[models.Model]] = set()


def check_write(model: type[models.Model]) -> None:
    """Raise DirectWriteError (strict mode) if a guarded model is written outside a service and outside
    allow_direct_writes(). Called by the pre_save/pre_delete receivers and by GuardedQuerySet's bulk writes."""
    if model not in _guarded or not settings.ZWGK_STRICT_WRITES:
        return
    if _current_call.get() is None and not _direct_writes_allowed.get():
        raise DirectWriteError(
            f"{model._meta.label} written outside a service function: call the service in its app's services"
        )


def _guard(sender: type[models.Model], **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        check_write(sender)


def _guard_m2m(sender: type[models.Model], action: str, **kwargs: Any) -> None:
    if action in ("pre_add", "pre_remove", "pre_clear"):
        check_write(sender)


def install_write_guard(model_classes: list[type[models.Model]]) -> None:
    """Guard save() and delete() (signals; cascades included) of these models; their bulk writes are guarded by
    their default queryset, zwgk.core.models.GuardedQuerySet. So are the changes of their many-to-many relations,
    ``add()``, ``set()``, ``remove()`` and ``clear()`` on either side, which write the relation's table in bulk: the
    ``m2m_changed`` signal, sent before the write (its listener also turns off Django's signal-less fast add)."""
    from django.db.models.signals import m2m_changed, pre_delete, pre_save

    for model in model_classes:
        _guarded.add(model)
        pre_save.connect(_guard, sender=model, dispatch_uid=f"zwgk_guard_save_{model._meta.label}")
        pre_delete.connect(_guard, sender=model, dispatch_uid=f"zwgk_guard_delete_{model._meta.label}")
        for relation in model._meta.local_many_to_many:
            through = relation.remote_field.through
            _guarded.add(through)
            m2m_changed.connect(_guard_m2m, sender=through, dispatch_uid=f"zwgk_guard_m2m_{through._meta.label}")
