"""imports views of the catalogue."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
