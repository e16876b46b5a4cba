from django.conf import settings
from django.http import HttpRequest

from . import permissions


def site(request: HttpRequest) -> dict:
    context = {"zwgk_site": settings.ZWGK_SITE}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["zwgk_can_audit"] = permissions.has(user, "audit.view")
    return context
