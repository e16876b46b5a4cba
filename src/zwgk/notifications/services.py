"""Every change to notifications: notify (the in-app row, and the e-mail queued as the person's choice says), the
delivery of a queued mail with its bounded retries, the daily digest, marking read, and the preferences. Each
function is one audited transaction (``zwgk.core.audit``); the modules call ``notify`` inside their own services.

Mail goes through Django's mail backend from a task (``zwgk.notifications.tasks.deliver``) enqueued in the same
transaction as the change that caused it: with the database task backend a rolled-back change sends nothing and a
committed one's mail is not lost. A failed send is tried again ``ZWGK_MAIL_ATTEMPTS`` times in all (default 3),
``ZWGK_MAIL_RETRY_SECONDS`` (default 300) times the attempt apart; then the mail is FAILED with its last error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from zwgk.core import audit, references
from zwgk.core.models import User

from . import kinds, selectors
from .models import Delivery, Mail, MailState, Notification, NotificationPreference

SUBJECT_PREFIX = "【政务公开】"


def _attempts_allowed() -> int:
    return max(1, int(getattr(settings, "ZWGK_MAIL_ATTEMPTS", 3)))


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return urljoin(settings.ZWGK_PUBLIC_URL, url)


def _mail_text(n: Notification) -> str:
    lines = [n.title]
    if n.body:
        lines += ["", n.body]
    link = _absolute(n.target_url)
    if link:
        lines += ["", f"办理：{link}"]
    lines += ["", f"（{n.kind_label}。可在平台“通知 → 通知设置”中调整是否接收邮件。）"]
    return "\n".join(lines)


def _enqueue(mail: Mail, delay: dt.timedelta | None = None) -> None:
    from .tasks import deliver

    task = deliver if delay is None else deliver.using(run_after=timezone.now() + delay)
    task.enqueue(mail.pk)


@audit.service("notifications.notify", "发出通知")
def notify(
    recipients: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    *,
    ref: tuple[str, Any] | None = None,
    url: str = "",
    dedup: str = "",
) -> list[Notification]:
    """Tell each recipient (inactive accounts skipped, each person once) about one event of a registered ``kind``.
    ``ref`` is a ``core.references`` (kind, id) pair, ``url`` an address for a page that is no record. With ``dedup``
    a person is told about the same event once, however often it is reported. Returns the notifications made."""
    spec = kinds.get(kind)
    title = " ".join((title or "").split())[:200]
    if not title:
        raise ValidationError("通知须有标题。")
    if ref is not None and ref[0] != "link" and ref[0] not in references.PAGES:
        raise LookupError(f"reference kind {ref[0]!r} is not registered (core.references.register)")
    people = list({u.pk: u for u in recipients if u is not None and u.is_active}.values())
    choices = selectors.choices_for(people, kind)
    made: list[Notification] = []
    for user in people:
        if dedup and Notification.objects.filter(recipient=user, kind=kind, dedup=dedup).exists():
            continue
        delivery = choices[user.pk].delivery if user.email else Delivery.IN_APP
        try:
            with transaction.atomic():
                n = Notification.objects.create(
                    recipient=user, kind=kind, title=title, body=(body or "").strip(), dedup=dedup[:200],
                    ref_kind=ref[0] if ref else "", ref_id=str(ref[1]) if ref else "", url=url[:500], delivery=delivery,
                )
        except IntegrityError:
            continue  # the same event told to this person a moment ago by another process
        if delivery == Delivery.EMAIL:
            n.mail = Mail.objects.create(recipient=user, to=user.email, subject=(SUBJECT_PREFIX + title)[:200], body=_mail_text(n))
            n.save(update_fields=["mail"])
            _enqueue(n.mail)
        made.append(n)
    if not made:
        audit.nothing_changed()
        return []
    mails = sum(1 for n in made if n.mail_id)
    audit.record(None, None, summary=f"{spec.label}：{title}（通知 {len(made)} 人，邮件 {mails} 封）")
    return made


@audit.service("notifications.mail.public", "发送邮件告知公众")
def mail_public(to: str, subject: str, body: str, *, key: str) -> Mail | None:
    """One e-mail to a member of the public who left an address (a commenter told that the adoption report is out, a
    registrant told of the selection): queued in the caller's transaction and sent by the same task, with the same
    retries, as staff mail. ``key`` names the event: the same address is told about it once. Returns the mail, or
    None when this address was told already or the address is not a valid one (nothing is stored then)."""
    to, key = (to or "").strip(), (key or "").strip()[:200]
    if not key:
        raise ValueError("mail_public needs the event's key")
    try:
        validate_email(to)
    except ValidationError:
        audit.nothing_changed()
        return None
    if Mail.objects.filter(to=to, key=key).exists():
        audit.nothing_changed()
        return None
    try:
        with transaction.atomic():
            mail = Mail.objects.create(recipient=None, to=to, key=key, subject=(SUBJECT_PREFIX + " ".join(subject.split()))[:200],
                                       body=(body or "").strip())
    except IntegrityError:
        audit.nothing_changed()
        return None  # told a moment ago by another process
    _enqueue(mail)
    audit.record(None, mail, summary=f"邮件告知公众：{mail.subject}")
    return mail


@audit.service("notifications.mail.deliver", "发送通知邮件")
def deliver(mail_id: int) -> str:
    """Send one queued mail through the mail backend (never silently): SENT, or the attempt and its error recorded
    and the mail queued again while attempts remain, else FAILED. A mail already sent or failed is left alone, so the
    task is safe to run again."""
    mail = Mail.objects.select_for_update().filter(pk=mail_id).first()
    if mail is None or mail.state != MailState.QUEUED:
        audit.nothing_changed()
        return mail.state if mail else "missing"
    mail.attempts += 1
    try:
        EmailMessage(subject=mail.subject, body=mail.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[mail.to]).send()
    except Exception as exc:  # noqa: BLE001  any backend failure (SMTP, connection, file) is recorded, not raised
        mail.last_error = f"{type(exc).__name__}: {exc}"[:300]
        if mail.attempts >= _attempts_allowed():
            mail.state = MailState.FAILED
            summary = f"通知邮件发送失败（已尝试 {mail.attempts} 次，不再重试）：{mail.to}，{mail.last_error}"
        else:
            wait = int(getattr(settings, "ZWGK_MAIL_RETRY_SECONDS", 300)) * mail.attempts
            _enqueue(mail, dt.timedelta(seconds=wait) if wait > 0 else None)
            summary = f"通知邮件第 {mail.attempts} 次发送失败，{wait} 秒后重试：{mail.to}，{mail.last_error}"
    else:
        mail.state, mail.sent_at, mail.last_error = MailState.SENT, timezone.now(), ""
        summary = f"通知邮件已发送：{mail.to}，{mail.subject}"
    mail.save(update_fields=["attempts", "state", "sent_at", "last_error"])
    audit.record(None, mail, summary=summary)
    return mail.state


@audit.service("notifications.digest", "发送每日通知汇总")
def send_digests(now: dt.datetime | None = None) -> list[Mail]:
    """One mail per person with their unread notifications waiting for the digest (the kinds they set to 每日汇总),
    once a day, from ``ZWGK_DIGEST_HOUR`` (default 17, Asia/Shanghai) on. What they read in the app meanwhile is not
    mailed."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < int(getattr(settings, "ZWGK_DIGEST_HOUR", 17)):
        audit.nothing_changed()
        return []
    day = local.date()
    # only people a mail can reach (active, with an address): the others' rows stay in the app, never rescanned in Python
    waiting = (Notification.objects.awaiting_digest().filter(created_at__lte=now, recipient__is_active=True)
               .exclude(recipient__email="").select_related("recipient").order_by("created_at", "pk"))
    per_user: dict[int, list[Notification]] = {}
    for n in waiting:
        per_user.setdefault(n.recipient_id, []).append(n)
    done_today = set(Mail.objects.filter(recipient_id__in=per_user, digest_day=day).values_list("recipient_id", flat=True))
    made: list[Mail] = []
    for user_id, items in per_user.items():
        user = items[0].recipient
        if user_id in done_today or not user.email or not user.is_active:
            continue
        lines = [f"{user.get_full_name() or user.username}：", "", f"您有 {len(items)} 条未读通知（{day:%Y-%m-%d}）："]
        for i, n in enumerate(items, start=1):
            link = _absolute(n.target_url)
            lines.append(f"{i}. 【{n.kind_label}】{n.title}" + (f"\n   {link}" if link else ""))
        lines += ["", "可在平台“通知 → 通知设置”中调整汇总的类别。"]
        mail = Mail.objects.create(recipient=user, to=user.email, subject=f"{SUBJECT_PREFIX}每日通知汇总（{len(items)} 条）",
                                   body="\n".join(lines), digest_day=day)
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(mail=mail)
        _enqueue(mail)
        made.append(mail)
    if not made:
        audit.nothing_changed()
        return []
    audit.record(None, None, summary=f"每日通知汇总 {len(made)} 封")
    return made


@audit.service("notifications.read", "通知标为已读")
def mark_read(actor: User, notification: Notification | None = None) -> int:
    """Mark one of the actor's notifications read, or all of them (``notification`` None)."""
    qs = Notification.objects.filter(recipient=actor, read_at=None)
    if notification is not None:
        if notification.recipient_id != actor.pk:
            raise ValidationError("只能处理发给自己的通知。")
        qs = qs.filter(pk=notification.pk)
    n = qs.update(read_at=timezone.now())
    if not n:
        audit.nothing_changed()
        return 0
    audit.record(actor, notification if notification is not None else None,
                 summary=f"{n} 条通知标为已读" if notification is None else "通知标为已读")
    return n


@audit.service("notifications.settle", "待办已办理，相关通知标为已读")
def settle(actor: User | None, kind: str, dedup: str) -> int:
    """The thing a notification asked for is done (a review step decided, by whoever): every recipient's unread
    notification of that event (``kind`` and ``dedup``) is marked read, so no badge counts work already done. Mail
    already queued is still sent (it says what happened then)."""
    kinds.get(kind)
    if not dedup:
        raise ValidationError("须指明是哪一件事的通知。")
    n = Notification.objects.filter(kind=kind, dedup=dedup, read_at=None).update(read_at=timezone.now())
    if not n:
        audit.nothing_changed()
        return 0
    audit.record(actor, None, summary=f"{kinds.label(kind)}（{dedup}）已办理：{n} 条通知标为已读")
    return n


@audit.service("notifications.preferences", "修改通知设置")
def save_preferences(actor: User, choices: dict[str, tuple[bool, bool]]) -> list[NotificationPreference]:
    """The actor's choice per kind: (e-mail, digest). Digest only has effect with e-mail (the day's mails in one)."""
    unknown = [k for k in choices if k not in kinds.KINDS]
    if unknown:
        raise ValidationError(f"未知的通知类别：{'、'.join(unknown)}。")
    saved, changed = [], []
    for key, (email, digest) in choices.items():
        pref, created = NotificationPreference.objects.get_or_create(user=actor, kind=key,
                                                                     defaults={"email": bool(email), "digest": bool(digest)})
        if not created and (pref.email, pref.digest) != (bool(email), bool(digest)):
            pref.email, pref.digest = bool(email), bool(digest)
            pref.save(update_fields=["email", "digest"])
            created = True
        if created:
            label = "每日汇总" if email and digest else ("邮件" if email else "仅站内")
            changed.append(f"{kinds.label(key)}：{label}")
        saved.append(pref)
    if not changed:
        audit.nothing_changed()
    else:
        audit.record(actor, None, summary="通知设置：" + "；".join(changed))
    return saved
