"""Inspection crawler benchmark: crawl a generated 5 000-page county site served on 127.0.0.1 by
another process, with 16 connections; print pages per second and peak memory, and as the baseline
from the same run the same crawler with one connection over the first 500 pages.

    ./run bench crawl [--pages 5000] [--concurrency 16]

Target (issue 6): at least 100 pages/s with 16 connections, under 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def serve(pages_n: int, today: dt.date, port_queue) -> None:  # noqa: ANN001
    from tests.inspect_site import SiteServer, large_site

    server = SiteServer(large_site(pages_n, today))
    port_queue.put(server.url)
    server.httpd.serve_forever()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    os.environ["ZWGK_VAR_DIR"] = tempfile.mkdtemp(prefix="zwgk-bench-crawl-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwgk.settings")
    os.environ["ZWGK_INSPECT_CHECK_OUTBOUND"] = "0"
    today = dt.date.today()
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    server = ctx.Process(target=serve, args=(args.pages, today, queue), daemon=True)
    server.start()
    url = queue.get(timeout=120)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from zwgk.monitoring import crawler, services
    from zwgk.monitoring.models import Page

    before = rss_mb()
    base_run = services.start_run(None, url=url, max_pages=500, max_depth=6)
    t = time.perf_counter()
    crawler.crawl(base_run, crawler.Options(concurrency=1, per_host=1))
    base_elapsed = time.perf_counter() - t
    base_pages = Page.objects.filter(run=base_run).count()

    run = services.start_run(None, url=url, max_pages=args.pages + 100, max_depth=10)
    t = time.perf_counter()
    crawler.crawl(run, crawler.Options(concurrency=args.concurrency, per_host=args.concurrency))
    elapsed = time.perf_counter() - t
    pages = Page.objects.filter(run=run, state="done").count()
    t2 = time.perf_counter()
    services.finish_run(run)
    checks = time.perf_counter() - t2
    server.terminate()
    from tests.inspect_site import large_site

    print(f"site: {len(large_site(args.pages, today))} pages generated, served by a separate process on 127.0.0.1")
    print(f"crawl with {args.concurrency} connections: {pages} pages in {elapsed:.1f} s = {pages / elapsed:.0f} pages/s")
    print(f"baseline, one connection: {base_pages} pages in {base_elapsed:.1f} s = {base_pages / base_elapsed:.0f} pages/s "
          f"({pages / elapsed / (base_pages / base_elapsed):.1f}x)")
    print(f"checks on the finished crawl: {checks:.1f} s")
    print(f"peak memory (RSS): {rss_mb():.0f} MB (before crawling: {before:.0f} MB); target < 300 MB, >= 100 pages/s")


if __name__ == "__main__":
    main()
