"""Rate limits of the public forms, counted in the shared cache so that every worker process and every server
sees the same count (the "throttle" cache: Django's database cache by default, Redis when ``REDIS_URL`` is set;
see settings.CACHES),
keyed by the client address the audit log records (``zwgk.core.middleware.client_address``, proxy-aware).

A limit counts the requests from one address in each fixed window (an hour by default): the first request of
a window creates its counter (``add``, which only one of two simultaneous requests wins), which expires with the
window; every later one increments it atomically (``incr``: one locked row in the database cache, ``INCRBY`` in
Redis; ``zwgk.core.caches``), so requests at the same moment are each counted.
"""

from __future__ import annotations

import time

from django.core.cache import caches
from django.http import HttpRequest

from .middleware import client_address


def over_limit(request: HttpRequest, what: str, limit: int, window: int = 3600) -> bool:
    """Count this request against ``limit`` per ``window`` seconds for its address; True once it is over."""
    cache = caches["throttle"]
    now = time.time()
    bucket = int(now // window)
    key = f"zwgk-throttle:{what}:{client_address(request) or 'unknown'}:{bucket}"
    remaining = max(1, int((bucket + 1) * window - now) + 1)
    if cache.add(key, 1, remaining):
        return 1 > limit
    try:
        count = cache.incr(key)  # atomic, and keeps the window's expiry (zwgk.core.caches)
    except ValueError:  # expired between add and incr: this request opens the window again
        cache.set(key, 1, remaining)
        return 1 > limit
    return count > limit
