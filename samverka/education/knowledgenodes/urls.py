"""Routes of knowledgenodes."""

from django.urls import URLPattern

app_name = "knowledgenodes"

urlpatterns: list[URLPattern] = []
