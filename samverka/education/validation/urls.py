"""Routes of validation."""

from django.urls import URLPattern

app_name = "validation"

urlpatterns: list[URLPattern] = []
