"""RSS of the latest disclosures, overall and per 专栏 column."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from zwgk.publishing.models import CatalogColumn, Document

from .views import column_documents, published


class _Feed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        meta = " · ".join(x for x in (item.organization.name, item.doc_number, item.get_validity_display()) if x)
        return f"{meta}<br>{item.body_text[:300]}"

    def item_link(self, item: Document) -> str:
        return reverse("portal:document", args=[item.pk])

    def item_pubdate(self, item: Document) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Document) -> dt.datetime | None:
        return item.updated_at


class LatestFeed(_Feed):
    def title(self) -> str:
        return f"{settings.ZWGK_SITE['name']} 最新公开信息"

    def description(self) -> str:
        return f"{settings.ZWGK_SITE['name']}依法主动公开的最新政府信息"

    def link(self) -> str:
        return reverse("portal:home")

    def items(self):  # noqa: ANN201
        return published().order_by("-published_at", "-id")[:30]


class ColumnFeed(_Feed):
    def get_object(self, request, slug: str) -> CatalogColumn:  # noqa: ANN001
        return get_object_or_404(CatalogColumn, slug=slug)

    def title(self, obj: CatalogColumn) -> str:
        return f"{settings.ZWGK_SITE['name']} · {obj.name}"

    def description(self, obj: CatalogColumn) -> str:
        return f"{obj.name}栏目的最新信息"

    def link(self, obj: CatalogColumn) -> str:
        return reverse("portal:column", args=[obj.slug])

    def items(self, obj: CatalogColumn):  # noqa: ANN201
        return column_documents(obj)[:30]
