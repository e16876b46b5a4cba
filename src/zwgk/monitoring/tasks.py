import datetime as dt

from django.tasks import task

from zwgk.core.scheduler import every

from . import indicators

# 20 probes a day at spread intervals: one every 72 minutes (24 × 60 / 20).
PROBE_EVERY = dt.timedelta(minutes=24 * 60 // indicators.PROBES_PER_DAY)


@every(PROBE_EVERY, "monitoring.probe", "网站可用性探测（每天 20 次）；读取政务新媒体订阅源")
@task()
def probe_sites() -> int:
    """Load every monitored site's home page once, 15 s limit, and keep the result."""
    import time

    import httpx
    from django.utils import timezone

    from .models import Probe, Site
    from .services import refresh_account_posts, register_self

    register_self()  # the platform inspects its own portal by default
    refresh_account_posts()
    n = 0
    with httpx.Client(follow_redirects=True, timeout=indicators.PROBE_TIMEOUT_SECONDS, trust_env=False,
                      headers={"User-Agent": "zwgk-inspector/1.0"}) as client:
        for site in Site.objects.filter(is_active=True):
            start = time.monotonic()
            try:
                r = client.get(site.url)
                ok, code, error = r.status_code < 400, r.status_code, "" if r.status_code < 400 else f"HTTP {r.status_code}"
            except httpx.TimeoutException:
                ok, code, error = False, None, f"超过 {indicators.PROBE_TIMEOUT_SECONDS} 秒未响应"
            except httpx.HTTPError as e:
                ok, code, error = False, None, f"无法连接：{type(e).__name__}"
            Probe.objects.create(site=site, at=timezone.now(), ok=ok, status_code=code,
                                 elapsed_ms=int((time.monotonic() - start) * 1000), error=error)
            n += 1
    return n


@every(dt.timedelta(minutes=10), "monitoring.resume_orphans", "继续没有后台任务的中断检查")
@task()
def resume_orphan_runs() -> list[int]:
    from .services import resume_orphan_runs as resume

    return resume()


@task()
def run_inspection(run_id: int) -> str:
    """Crawl (or go on crawling) one run and evaluate it. Safe to run again: a task whose worker was killed is
    requeued (zwgk.core.heartbeat) and resumes the crawl from its stored frontier."""
    from . import crawler, services
    from .models import Run, RunState

    run = Run.objects.get(pk=run_id)
    if run.state == RunState.DONE:
        return "已完成"
    crawler.crawl(run)
    return services.finish_run(run).verdict
