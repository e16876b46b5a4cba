from django.urls import include, path

from . import views
from .consultations import views as consultations
from .decisions import views as decisions
from .evaluations import views as evaluations
from .opendays import views as opendays

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("decisions/", include(decisions.urlpatterns)),
    path("consultations/", include(consultations.urlpatterns)),
    path("open-days/", include(opendays.urlpatterns)),
    path("evaluations/", include(evaluations.urlpatterns)),
]
