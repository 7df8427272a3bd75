"""Shared view mixins and the few pages that belong to no domain."""

from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect
from django.template import loader
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.platform.core.audit import HISTORY_MODELS
from samverka.platform.core.audit_log import AuditFilterForm, actors_in, page_by_key
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.core.uploads import UploadProblem


class CachedObjectMixin:
    """``get_object`` runs its query once, so the permission check and the page share it."""

    def get_object(self, queryset: Any = None) -> Any:
        if not hasattr(self, "_cached_object"):
            self._cached_object = super().get_object(queryset)  # type: ignore[misc]
        return self._cached_object

    def get_permission_object(self) -> Any:
        return self.get_object()


class SpreadsheetUploadView(FormView):  # type: ignore[type-arg]
    """Upload a filled-in template (a form with a ``file`` field): ``upload`` checks every row and saves all or
    nothing; a refusal lists each problem by cell under the form (400), a success says what was saved."""

    def upload(self, content: bytes) -> Any:
        raise NotImplementedError

    def saved(self, summary: Any) -> tuple[str, str]:
        """The success message and where to go."""
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            summary = self.upload(form.cleaned_data["file"].read())
        except UploadProblem as problem:
            form.add_error("file", _("Nothing was saved: correct the cells below and upload the file again."))
            return self.render_to_response(self.get_context_data(form=form, problems=problem.problems), status=400)
        message, url = self.saved(summary)
        messages.success(self.request, message)
        return redirect(url)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AccessibilityStatementView(PermissionMixin, TemplateView):
    """Tillgänglighetsredogörelse, required of public digital services (DOS-lagen)."""

    permission_required = PUBLIC
    template_name = "core/accessibility.html"


class ObjectHistoryView(PermissionMixin, TemplateView):
    """Every recorded change of one object: who, when, what before and after, request id."""

    template_name = "core/object_history.html"

    @cached_property
    def target(self) -> Model:
        label = self.kwargs["model"].lower()
        if label not in HISTORY_MODELS:  # registered by each app: audit.register(..., history=True)
            raise Http404
        model = apps.get_model(label)
        manager = model._default_manager
        if hasattr(manager, "restrict"):
            manager = manager.restrict(self.request.user)
        return get_object_or_404(manager, pk=self.kwargs["pk"])

    @property
    def permission_required(self) -> str:  # type: ignore[override]
        meta = self.target._meta
        return f"{meta.app_label}.change_{meta.model_name}"

    def get_permission_object(self) -> Model:
        return self.target

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.target), object_pk=str(self.target.pk)
        ).select_related("actor", "content_type")
        form = AuditFilterForm(self.request.GET or None, actors=actors_in(entries), with_kind=False)
        context["object"] = self.target
        context["object_kind"] = self.target._meta.verbose_name
        context["filter_form"] = form
        context["audit_page"] = page_by_key(form.filter(entries), self.request.GET)
        return context


class HealthView(PermissionMixin, View):
    """Liveness probe for load balancers (also the benchmark's trivial baseline)."""

    permission_required = PUBLIC

    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok", content_type="text/plain")


# --- error pages -----------------------------------------------------------------------------------


def _space_slug(request: HttpRequest) -> str:
    """The space the failed address was in (``/s/<slug>/…``), for a way back; not looked up."""
    parts = request.path.split("/")
    return parts[2] if len(parts) > 3 and parts[1] == "s" and parts[2] else ""


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    from django.urls import NoReverseMatch, reverse

    slug = _space_slug(request)
    space_url = ""
    if slug:
        try:
            space_url = reverse("spaces:detail", kwargs={"space": slug})
        except NoReverseMatch:
            space_url = ""
    context = {"space_slug": slug, "space_url": space_url, "path": request.path}
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 (a garbled or tampered address, e.g. a list's page cursor): what it means, and the first page."""
    return _error_page(request, "400.html", 400)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: in Swedish (or the chosen language), in the site's frame, with ways back."""
    return _error_page(request, "404.html", 404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: what it means, with ways back (and a login link for someone not logged in)."""
    return _error_page(request, "403.html", 403)


#: Shown when even the 500 template cannot be rendered.
_BARE_500 = (
    '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Ett fel uppstod – Samverka</title></head>'
    "<body><main><h1>Ett fel uppstod</h1><p>Något gick fel hos oss. Försök igen om en stund.</p>"
    '<p><a href="/">Till startsidan</a></p></main></body></html>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: rendered without a request context and without the database (which may be what failed)."""
    try:
        return HttpResponseServerError(loader.get_template("500.html").render())
    except Exception:  # noqa: BLE001 - the last resort must answer whatever broke
        return HttpResponseServerError(_BARE_500)
