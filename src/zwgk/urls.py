from django.contrib import admin
from django.urls import include, path

from zwgk.portal import views as portal_views

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("staff/", include("zwgk.core.urls")),
    path("admin/", admin.site.urls),
]
