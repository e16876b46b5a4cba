from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"zwgk_site": settings.ZWGK_SITE}
