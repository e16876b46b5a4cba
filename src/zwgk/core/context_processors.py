from django.conf import settings
from django.http import HttpRequest

from . import navigation


def site(request: HttpRequest) -> dict:
    context = {"zwgk_site": settings.ZWGK_SITE}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and request.path.startswith(("/staff/", "/admin/")):
        context["zwgk_menu"] = navigation.menu_for(user, request.path)
    return context
