from django.apps import AppConfig
from django.db import DatabaseError


class SearchConfig(AppConfig):
    name = "zwgk.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        from zwgk.core.models import Role
        from zwgk.core.permissions import grant

        grant(Role.ADMIN, "search.manage", "维护检索（词典、重建索引）")
        from django.db.backends.signals import connection_created

        connection_created.connect(_load_dictionary, dispatch_uid="zwgk_search_dictionary")
        from django.db.models.signals import post_migrate

        post_migrate.connect(_rebuild_outdated_index, sender=self, dispatch_uid="zwgk_search_rebuild")


def _rebuild_outdated_index(sender, using="default", verbosity=1, stdout=None, **kwargs) -> None:  # noqa: ANN001, ANN003
    """After `migrate` (every app's migrations applied, so the providers' models match their tables): an index
    written with an older analysis is rebuilt (search.analysis.VERSION; 2 split numbers into bigrams)."""
    from django.db import connections

    from . import index

    if connections[using].vendor not in ("sqlite", "postgresql") or not index.outdated():
        return
    from .services import reindex

    counts = reindex(None)
    if verbosity:
        import sys

        (stdout or sys.stdout).write("检索索引已按新的分词方式重建：" + "，".join(f"{k} {n} 条" for k, n in counts.items()) + "\n")


_loaded = False


def _load_dictionary(sender, connection, **kwargs) -> None:  # noqa: ANN001, ANN003
    """Load the administrator's words into the segmenter once per process, on the first connection."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT word FROM search_userword")
            words = [r[0] for r in cur.fetchall()]
    except DatabaseError:  # table not migrated yet
        _loaded = False
        return
    from .analysis import add_user_words

    add_user_words(words)
