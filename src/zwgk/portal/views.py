"""The public website. The 政府信息公开 专栏, search and document pages come with the portal issue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zwgk.core.models import Organization, OrgKind


def home(request: HttpRequest) -> HttpResponse:
    units = Organization.objects.filter(is_active=True).exclude(kind=OrgKind.GOVERNMENT)
    return render(
        request,
        "portal/home.html",
        {
            "departments": units.filter(kind__in=[OrgKind.OFFICE, OrgKind.DEPARTMENT]),
            "townships": units.filter(kind=OrgKind.TOWNSHIP),
            "enterprises": units.filter(kind__in=[OrgKind.ENTERPRISE, OrgKind.INSTITUTION]),
        },
    )
