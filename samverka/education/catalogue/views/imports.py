"""The EMIL3 import page of those who run the space (rule ``catalogue.run_import``): the runs with their counts,
a run's progress, the items it left out (by id) and the raw pages it received, and a button that starts a run
from the configured source (``settings.CATALOGUE_EMIL3_URL``, else the shipped synthetic fixtures)."""

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.education.catalogue.models import ImportPage, ImportRun
from samverka.education.catalogue.services import emil3
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space

BASE = "s/<slug:space>/catalogue/imports/"


class _ImportMixin(SpaceMixin, PermissionMixin):
    permission_required = "catalogue.run_import"

    def get_permission_object(self) -> Space:
        return self.space

    def runs(self) -> QuerySet[ImportRun]:
        """The space's runs (the rule on the space decides who sees them)."""
        return ImportRun.objects.filter(space=self.space).select_related("started_by")


def source_label() -> str:
    url = settings.CATALOGUE_EMIL3_URL
    return url or _("the shipped synthetic Sörmland fixtures (no network)")


class ImportListView(_ImportMixin, TemplateView):
    template_name = "catalogue/import_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(self.runs(), 25).get_page(self.request.GET.get("page"))
        context.update(runs=page, page_obj=page, source=source_label())
        return context


class ImportStartView(_ImportMixin, View):
    """POST: start a full run; the page of the run follows it."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            run = emil3.start_import(actor=request.user, space=self.space)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(reverse("catalogue:import-list", kwargs={"space": self.space.slug}))
        return redirect(reverse("catalogue:import-detail", kwargs={"space": self.space.slug, "pk": run.pk}))


class ImportDetailView(_ImportMixin, TemplateView):
    """A run: progress (htmx polls it while it runs; a meta refresh does without JavaScript), counts, the items
    left out by id, and the pages received."""

    template_name = "catalogue/import_detail.html"

    @cached_property
    def run(self) -> ImportRun:
        return get_object_or_404(self.runs(), pk=self.kwargs["pk"])

    def get_template_names(self) -> list[str]:
        if self.request.headers.get("HX-Request"):
            return ["catalogue/import_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        run = self.run
        rows = [
            (label, run.counts.get(key) or {})
            for key, label in (
                ("providers", _("Providers")),
                ("educations", _("Educations")),
                ("offerings", _("Offerings")),
            )
        ]
        pages = run.pages.defer("body").order_by("endpoint", "page")
        context.update(
            run=run,
            count_rows=rows,
            pages=pages,
            is_running=run.status == "running",
            percent=round(100 * run.done / run.total) if run.total else 0,
        )
        return context


class ImportPageView(_ImportMixin, View):
    """One received page, as received (JSON), for provenance."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        run = get_object_or_404(self.runs(), pk=kwargs["pk"])
        page = get_object_or_404(ImportPage, run=run, pk=kwargs["page"])
        body = json.dumps(page.body, ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{page.endpoint}-page-{page.page}.json"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


urlpatterns: list[URLPattern] = [
    path(BASE, ImportListView.as_view(), name="import-list"),
    path(BASE + "start/", ImportStartView.as_view(), name="import-start"),
    path(BASE + "<int:pk>/", ImportDetailView.as_view(), name="import-detail"),
    path(BASE + "<int:pk>/pages/<int:page>/", ImportPageView.as_view(), name="import-page"),
]
