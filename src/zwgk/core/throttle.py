"""Rate limits of the public forms, counted in the shared cache so that every worker process and every server
sees the same count (the "throttle" cache: Django's database cache by default, Redis when ``REDIS_URL`` is set;
see settings.CACHES),
keyed by the client address the audit log records (``zwgk.core.middleware.client_address``, proxy-aware).

A limit counts the requests from one address in each fixed window (an hour by default): the first request of
a window creates its counter, which expires with the window.
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
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens the window again
        cache.set(key, 1, remaining)
        return 1 > limit
    cache.touch(key, remaining)  # incr keeps the expiry on Redis, but the database cache's resets it to the default
    return count > limit
