import datetime as dt

from django.tasks import task

from zwgk.core.scheduler import every


@every(dt.timedelta(hours=6), "workplan.remind", "工作要点任务提醒（逾期、久未报送、督办超期；每天一次）")
@task()
def remind() -> int:
    from .services import send_reminders

    return len(send_reminders())
