"""The cache backends of settings.CACHES: Django's, with the two behaviours the shared caches need.

- :class:`DatabaseCache`: ``incr()`` is atomic. Django's database cache inherits ``BaseCache.incr``, a
  ``get()`` then a ``set()``: two requests at once read the same count and both write count + 1, so a rate
  limit (``zwgk.core.throttle``) lets both through. Here the row is read and written in one transaction, locked
  (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` takes the database's write lock), and its
  expiry is kept (Django's ``set()`` resets it to the default timeout).
- :class:`RedisCache`: ``clear()`` deletes this cache's keys only. With ``REDIS_URL`` every cache
  (``default``, ``throttle``) lives in the one Redis database, told apart by its ``KEY_PREFIX``; Django's
  ``clear()`` is ``FLUSHDB``, which would empty the rate-limit counts with the page cache (and anything else kept
  in that database). ``incr()`` is Redis's own ``INCRBY``: atomic, and it keeps the key's expiry.
"""

from __future__ import annotations

import base64
import pickle
from itertools import batched
from typing import Any

from django.core.cache.backends import db, redis
from django.db import connections, router, transaction
from django.utils import timezone


class DatabaseCache(db.DatabaseCache):
    def incr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        """Add ``delta`` to the stored value under the row's lock; ValueError when the key is missing or expired."""
        key = self.make_and_validate_key(key, version=version)
        using = router.db_for_write(self.cache_model_class)
        connection = connections[using]
        quote = connection.ops.quote_name
        table, cache_key, value_col, expires = (quote(n) for n in (self._table, "cache_key", "value", "expires"))
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(f"SELECT {value_col} FROM {table} WHERE {cache_key} = %s AND {expires} >= %s{lock}", [key, now])  # noqa: S608 (quoted names)
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            new_value = pickle.loads(base64.b64decode(stored.encode(), validate=True)) + delta  # noqa: S301 (this cache's own rows)
            encoded = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {value_col} = %s WHERE {cache_key} = %s", [encoded, key])  # noqa: S608
        return new_value

    def decr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        return self.incr(key, -delta, version)


def _glob_escape(text: str) -> str:
    return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)


class RedisCache(redis.RedisCache):
    def clear(self) -> bool:
        """Delete the keys of this cache (``KEY_PREFIX:version:key``), not the whole Redis database."""
        client = self._cache.get_client(None, write=True)
        pattern = f"{_glob_escape(self.key_prefix)}:*"
        for keys in batched(client.scan_iter(match=pattern, count=1000), 500):
            client.delete(*keys)
        return True
