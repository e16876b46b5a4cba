"""The portal's sitemaps (sitemaps.org protocol): an index at /sitemap.xml and one section per kind of page.
Documents come from ``Document.objects.public()`` only; a section is split into pages of ``limit`` URLs."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from zwgk.publishing import taxonomy
from zwgk.publishing.models import CatalogColumn, Document


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["portal:home", "portal:open_government", "portal:browse", "portal:areas", "portal:apply", "portal:site_map"]

    def location(self, item: str) -> str:
        return reverse(item)


class ColumnSitemap(Sitemap):
    changefreq = "daily"

    def items(self):  # noqa: ANN201
        return CatalogColumn.objects.order_by("sort_order", "id").only("slug")

    def location(self, item: CatalogColumn) -> str:
        return reverse("portal:column", args=[item.slug])


class AreaSitemap(Sitemap):
    """The 26 standard areas' pages of the 基层政务公开标准化目录."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        return list(taxonomy.STANDARD_AREAS)

    def location(self, item: str) -> str:
        return reverse("portal:area", args=[item])


class DocumentSitemap(Sitemap):
    limit = 5000  # URLs per sitemap page: well under the protocol's 50 000, so each page stays small

    def items(self):  # noqa: ANN201
        return Document.objects.public().order_by("-published_at", "-id").only("id", "published_at", "updated_at")

    def location(self, item: Document) -> str:
        return reverse("portal:document", args=[item.pk])

    def lastmod(self, item: Document) -> dt.datetime | None:
        return item.updated_at or item.published_at


SITEMAPS = {"pages": PagesSitemap, "columns": ColumnSitemap, "areas": AreaSitemap, "documents": DocumentSitemap}
