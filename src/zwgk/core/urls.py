from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("password/", views.password_change, name="password_change"),
    path("org/<int:pk>/", views.org_detail, name="org_detail"),
    path("org/<int:pk>/edit/", views.org_edit, name="org_edit"),
    path("calendar/", views.calendar_years, name="calendar"),
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/export.xlsx", views.audit_export, {"fmt": "xlsx"}, name="audit_export_xlsx"),
    path("audit/export.csv", views.audit_export, {"fmt": "csv"}, name="audit_export_csv"),
]
