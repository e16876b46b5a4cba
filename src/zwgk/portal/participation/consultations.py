"""Public pages. SCAFFOLD: replaced by the part's pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/participation/index.html", {"parts": []})


urlpatterns: list = [path("", index, name="consultations")]
