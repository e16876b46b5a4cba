from django.db import models

from zwgk.core.models import GuardedModel


class SearchEntry(GuardedModel):
    """One searchable item (a document, an interpretation, later other modules' content).

    The full-text index lives beside it: an FTS5 table on SQLite, a tsvector table on PostgreSQL
    (migration 0002); both are kept in step by ``zwgk.search.index``.
    """

    kind = models.CharField("类型", max_length=40)
    object_id = models.CharField("对象编号", max_length=40)
    title = models.CharField("标题", max_length=300)
    url = models.CharField("地址", max_length=300)
    text = models.TextField("正文（原文，用于摘要）", blank=True)
    organization_id = models.IntegerField("机构", null=True, db_index=True)
    organization_name = models.CharField("机构名称", max_length=100, blank=True)
    topic = models.CharField("主题分类", max_length=60, blank=True)
    genre = models.CharField("体裁", max_length=20, blank=True)
    validity = models.CharField("有效性", max_length=10, blank=True)
    year = models.PositiveIntegerField("年份", null=True, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, db_index=True)
    # The recency key (index.recency_key): the full-text row's key, newest highest. Null only while written.
    seq = models.BigIntegerField("索引序号", null=True, unique=True)
    doc_number = models.CharField("发文字号", max_length=60, blank=True)
    index_no = models.CharField("索引号", max_length=60, blank=True)
    docnum_key = models.CharField("发文字号（比对用）", max_length=80, blank=True, db_index=True)
    index_key = models.CharField("索引号（比对用）", max_length=80, blank=True, db_index=True)

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        # Facet counts over a window of matches read this index alone, never the rows with their long texts.
        indexes = [
            models.Index(
                fields=["seq", "organization_id", "year", "kind", "validity", "genre", "topic", "organization_name"],
                name="search_entry_facets",
            )
        ]

    def __str__(self) -> str:
        return self.title


class UserWord(GuardedModel):
    """A government term the segmenter should keep whole (the administrator's user dictionary)."""

    word = models.CharField("词语", max_length=50, unique=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "检索词典"
        verbose_name_plural = "检索词典"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class IndexState(GuardedModel):
    """A token that changes with every index write; cached search results are keyed by it. And the version of
    the analysis the index was written with (`analysis.VERSION`): `migrate` rebuilds an index of an older one."""

    token = models.CharField("变更标记", max_length=32)
    version = models.PositiveSmallIntegerField("分词版本", default=1)

    class Meta:
        verbose_name = "检索索引状态"
        verbose_name_plural = "检索索引状态"

    def __str__(self) -> str:
        return f"检索索引（分词版本 {self.version}）"
