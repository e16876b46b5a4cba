from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("sites/new/", views.site_new, name="site_new"),
    path("sites/<int:pk>/", views.site_detail, name="site"),
    path("sites/<int:pk>/run/", views.run_now, name="run_now"),
    path("sites/<int:pk>/columns/", views.columns_save, name="columns_save"),
    path("sites/<int:pk>/interaction/", views.interaction_save, name="interaction_save"),
    path("scoring/", views.scoring_save, name="scoring_save"),
    path("sites/<int:pk>/columns/discover/", views.columns_discover, name="columns_discover"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("tasks/", views.tasks, name="tasks"),
    path("findings/<int:pk>/fixed/", views.mark_fixed, name="mark_fixed"),
    path("accounts/", views.accounts, name="accounts"),
]
