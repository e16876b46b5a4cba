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
