from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from . import navigation, permissions, selectors


def site(request: HttpRequest) -> dict:
    context = {"zwgk_site": settings.ZWGK_SITE}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and request.path.startswith(("/staff/", "/admin/")):
        with permissions.one_tree():
            context["zwgk_menu"] = navigation.menu_for(user, request.path)
        if permissions.is_county_wide(user) or permissions.has(user, "calendar.manage"):
            context["zwgk_calendar_missing"] = selectors.calendar_missing(timezone.localdate())
            context["zwgk_calendar_manage"] = permissions.has(user, "calendar.manage")
    return context
