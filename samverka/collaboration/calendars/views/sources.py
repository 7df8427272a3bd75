"""My free/busy sources: add an address or a file, refresh, remove."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.collaboration.calendars import selectors, services
from samverka.collaboration.calendars.forms import SourceUploadForm, SourceUrlForm
from samverka.collaboration.calendars.models import FreeBusySource
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin


class SourceListView(PermissionMixin, TemplateView):
    permission_required = "calendars.manage_freebusy"
    template_name = "calendars/source_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sources"] = list(selectors.user_sources(self.request.user))
        context.setdefault("url_form", SourceUrlForm(prefix="url"))
        context.setdefault("upload_form", SourceUploadForm(prefix="upload"))
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        if request.POST.get("action") == "upload":
            upload_form = SourceUploadForm(request.POST, request.FILES, prefix="upload")
            if upload_form.is_valid():
                try:
                    source = services.source_upload(
                        actor=request.user,
                        uploaded_file=upload_form.cleaned_data["file"],
                        label=upload_form.cleaned_data["label"],
                    )
                except ValidationError as error:
                    add_service_error(upload_form, error)
                else:
                    return self._added(source)
            return self.render_to_response(self.get_context_data(upload_form=upload_form), status=400)
        url_form = SourceUrlForm(request.POST, prefix="url")
        if url_form.is_valid():
            try:
                source = services.source_add_url(
                    actor=request.user, url=url_form.cleaned_data["url"], label=url_form.cleaned_data["label"]
                )
            except ValidationError as error:
                add_service_error(url_form, error)
            else:
                return self._added(source)
        return self.render_to_response(self.get_context_data(url_form=url_form), status=400)

    def _added(self, source: FreeBusySource) -> HttpResponse:
        messages.success(
            self.request,
            _("%(name)s was added: %(count)d busy periods read.") % {"name": source.label, "count": source.busy_count},
        )
        return redirect("calendars:source-list")


class SourceObjectMixin(PermissionMixin):
    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def source(self) -> FreeBusySource:
        found = (
            selectors.source_of_user(self.request.user, self.kwargs["pk"])
            if self.request.user.is_authenticated
            else None
        )
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> FreeBusySource:
        return self.source


class SourceRefreshView(SourceObjectMixin, View):
    permission_required = "calendars.change_freebusy_source"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            services.source_refresh(actor=request.user, source=self.source)
        except ValidationError as error:
            messages.error(
                request,
                _("%(name)s could not be read: %(error)s")
                % {"name": self.source.label, "error": " ".join(error.messages)},
            )
        else:
            messages.success(
                request,
                _("%(name)s was read again: %(count)d busy periods.")
                % {"name": self.source.label, "count": self.source.busy_count},
            )
        return redirect("calendars:source-list")


class SourceDeleteView(SourceObjectMixin, View):
    permission_required = "calendars.change_freebusy_source"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        label = self.source.label
        services.source_delete(actor=request.user, source=self.source)
        messages.success(request, _("%(name)s was removed.") % {"name": label})
        return redirect("calendars:source-list")
