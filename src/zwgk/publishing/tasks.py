import datetime as dt

from django.tasks import task

from zwgk.core.scheduler import every


@every(dt.timedelta(hours=1), "publishing.expire", "到期信息自动失效")
@task()
def expire_documents() -> int:
    """Mark published items whose expiry date has come as 失效 (each change is logged)."""
    from .services import expire_due

    return len(expire_due())
