"""Staff pages (mounted under /staff/participation/ by ``participation.urls``). SCAFFOLD: replaced by the part's pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "participation/index.html", {"parts": []})


urlpatterns: list = [path("", index, name="consultations")]
