"""The periodic job of consultations (``zwgk scheduler``)."""

import datetime as dt

from django.tasks import task

from zwgk.core.scheduler import every


@every(dt.timedelta(minutes=15), "participation.consultations", "意见征集：期满结束征集，采纳情况公开后办结并告知留有邮箱的意见人")
@task()
def tick() -> dict:
    from .services import run_due

    return run_due()
