"""Routes of the glossary (public)."""

from django.urls import path

from samverka.education.glossary import views

app_name = "glossary"

urlpatterns = [
    path("glossary/", views.TermListView.as_view(), name="term-list"),
]
