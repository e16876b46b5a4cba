from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ledger/", views.ledger, name="ledger"),
    path("new/", views.register, name="register"),
    path("report/", views.report_view, name="report"),
    path("report/county/", views.county_report_view, name="county_report"),
    path("cases/", views.cases, name="cases"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/personal/", views.show_personal, name="personal"),
    path("<int:pk>/notice/", views.notice, name="notice"),
    path("<int:pk>/notice/<slug:kind>/", views.step_notice, name="step_notice"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
    path("consultations/<int:pk>/answer/", views.consult_answer, name="consult_answer"),
    path("files/<int:pk>/", views.file, name="file"),
]
