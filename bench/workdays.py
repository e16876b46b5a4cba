"""Working-day arithmetic: deadlines for many applications at once.

Prints the time to compute N due dates (20 working days from receipt) with one calendar snapshot
(``workdays.load()`` once, then ``WorkCalendar.add``) against the baseline of one table read per
call (``workdays.add_workdays``), on a fresh SQLite database in a temporary directory.

    ./run bench            (or: .venv/bin/python bench/workdays.py [N])
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5000


def main() -> None:
    var = tempfile.mkdtemp(prefix="zwgk-bench-")
    os.environ["ZWGK_VAR_DIR"] = var
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwgk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from zwgk.core import workdays

    rng = random.Random(7)
    starts = [dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 900)) for _ in range(N)]

    t0 = time.perf_counter()
    cal = workdays.load()
    snapshot = [cal.add(d, 20) for d in starts]
    t_snapshot = time.perf_counter() - t0

    sample = starts[: max(1, N // 10)]
    t0 = time.perf_counter()
    baseline = [workdays.add_workdays(d, 20) for d in sample]
    t_baseline = (time.perf_counter() - t0) * (N / len(sample))

    assert snapshot[: len(sample)] == baseline
    print(f"due dates for {N} applications (20 working days each)")
    print(f"  snapshot (load once):        {t_snapshot * 1000:8.1f} ms  ({N / t_snapshot:,.0f} per second)")
    print(f"  baseline (load per call):    {t_baseline * 1000:8.1f} ms  (extrapolated from {len(sample)} calls)")
    print(f"  speed-up: {t_baseline / t_snapshot:.1f}x")


if __name__ == "__main__":
    main()
