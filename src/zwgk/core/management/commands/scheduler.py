import time

from django.core.management.base import BaseCommand

from zwgk.core import scheduler


class Command(BaseCommand):
    help = "定时任务调度：按间隔把到期的定时任务放入任务队列（由 db_worker 执行）。"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--once", action="store_true", help="检查一次后退出")
        parser.add_argument("--interval", type=float, default=60.0, help="检查间隔（秒），默认 60")

    def handle(self, *args, once: bool = False, interval: float = 60.0, **options) -> None:  # noqa: ANN002, ANN003
        while True:
            for name in scheduler.run_due():
                self.stdout.write(f"已入队：{scheduler.JOBS[name].label}")
            if once:
                return
            time.sleep(interval)
