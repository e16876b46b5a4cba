from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from zwgk.api import views as api

urlpatterns = [
    path("staff/docs/", include("zwgk.publishing.urls")),
    path("staff/applications/", include("zwgk.applications.urls")),
    path("staff/monitoring/", include("zwgk.monitoring.urls")),
    path("staff/workplan/", include("zwgk.workplan.urls")),
    path("staff/notifications/", include("zwgk.notifications.urls")),
    path("staff/", include("zwgk.core.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls()),
    path("", include("zwgk.portal.urls")),
    path("favicon.ico", RedirectView.as_view(url=static("core/favicon.svg"), permanent=True)),
]

# The public site's 404 and 500 in its own look (staff paths keep the staff pages; 500 needs no database).
handler404 = "zwgk.portal.views.page_not_found"
handler500 = "zwgk.portal.views.server_error"
