import datetime as dt

from django.tasks import task

from zwgk.core.scheduler import every


@task()
def deliver(mail_id: int) -> str:
    """Send one notification mail (its retries are queued by the service)."""
    from .services import deliver as send

    return send(mail_id)


@every(dt.timedelta(hours=1), "notifications.digest", "每日通知汇总邮件（每人每天一封）")
@task()
def daily_digest() -> int:
    from .services import send_digests

    return len(send_digests())
