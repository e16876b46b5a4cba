from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import apply, feeds, views
from .sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("zfxxgk/", views.open_government, name="open_government"),
    path("zfxxgk/apply/", views.apply_guide, name="apply"),
    path("zfxxgk/apply/form/", apply.apply_form, name="apply_form"),
    path("zfxxgk/apply/done/", apply.apply_done, name="apply_done"),
    path("zfxxgk/apply/status/", apply.apply_status, name="apply_status"),
    path("zfxxgk/<slug:slug>/", views.column, name="column"),
    path("documents/", views.browse, name="browse"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/qr.svg", views.document_qr, name="document_qr"),
    path("documents/<int:pk>/attachments/<int:att>/", views.attachment, name="attachment"),
    path("documents/<int:pk>/images/<str:sha>/", views.image, name="image"),
    path("areas/", views.areas, name="areas"),
    path("areas/<str:name>/", views.area, name="area"),
    path("search/", views.search, name="search"),
    path("care/", views.care_mode, name="care"),
    path("feeds/latest.xml", feeds.LatestFeed(), name="feed_latest"),
    path("feeds/<slug:slug>.xml", feeds.ColumnFeed(), name="feed_column"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap"}, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap/", views.site_map, name="site_map"),
    path("robots.txt", views.robots_txt, name="robots"),
]
