import time

from django.core.management.base import BaseCommand

from zwgk.core import scheduler
from zwgk.core.services import tasks


class Command(BaseCommand):
    help = "定时任务调度：按间隔把到期的定时任务放入任务队列（由 db_worker 执行），并把执行进程已中断的任务重新排队。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--once", action="store_true", help="检查一次后退出")
        parser.add_argument("--interval", type=float, default=30.0, help="检查间隔（秒），默认 30")

    def handle(self, *args, once: bool = False, interval: float = 30.0, **options) -> None:  # noqa: ANN002, ANN003
        while True:
            # Here, not as a queued job: with every worker busy (or dead) a queued check would wait behind them.
            for task_id in tasks.recover_stale_tasks():
                self.stdout.write(f"执行进程已中断，已重新排队或终止：{task_id}")
            for name in scheduler.run_due():
                self.stdout.write(f"已入队：{scheduler.JOBS[name].label}")
            if once:
                return
            time.sleep(interval)
