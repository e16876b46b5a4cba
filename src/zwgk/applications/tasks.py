import datetime as dt

from django.tasks import task

from zwgk.core.scheduler import every


@every(dt.timedelta(hours=6), "applications.daily", "依申请公开：逾期未补正/未缴费自动办结，期限提醒")
@task()
def daily_deadlines() -> dict:
    """Close applications whose applicant let a deadline pass, then remind the people handling the rest
    (each reminder once a day)."""
    from .services import close_abandoned, send_reminders

    return {"closed": len(close_abandoned()), "reminders": len(send_reminders())}
