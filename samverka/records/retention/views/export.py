"""Archive export: choose closed cases and download them as an archive package (zip); the deliveries log."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from samverka.records.retention import archive, selectors
from samverka.records.retention.models import ArchiveDelivery
from samverka.records.retention.views.schedule import SpacePermissionMixin


class ArchiveExportView(SpacePermissionMixin, TemplateView):
    permission_required = "retention.export_archive"
    template_name = "retention/export.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(selectors.exportable_cases(self.space), 100).get_page(
            self.request.GET.get("page")
        )
        context.setdefault("chosen", set())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        raw = request.POST.getlist("cases")
        case_ids = [int(value) for value in raw if value.isdigit()]
        try:
            if len(case_ids) != len(raw):
                raise ValidationError(archive.bad_choice_message())
            package = archive.export_cases(actor=request.user, space=self.space, case_ids=case_ids)
        except ValidationError as error:
            context = self.get_context_data(errors=error.messages, chosen=set(case_ids))
            return self.render_to_response(context, status=400)
        if package.delivery is not None:
            # Shown on the next page the user opens: the download itself is the response.
            messages.success(
                request,
                _("%(count)d cases were delivered to the archive in %(file)s (SHA-256 %(sha256)s).")
                % {"count": package.case_count, "file": package.filename, "sha256": package.delivery.sha256},
            )
        return FileResponse(package.file, as_attachment=True, filename=package.filename, content_type="application/zip")


class DeliveryListView(SpacePermissionMixin, TemplateView):
    """Every archive package made: who, when, how many cases and files, and the package's checksum."""

    permission_required = "retention.view_retention"
    template_name = "retention/delivery_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(selectors.deliveries(self.space), 50).get_page(self.request.GET.get("page"))
        return context


class DeliveryDetailView(SpacePermissionMixin, TemplateView):
    """One delivery with the cases it carried."""

    permission_required = "retention.view_retention"
    template_name = "retention/delivery_detail.html"

    @cached_property
    def delivery(self) -> ArchiveDelivery:
        return selectors.delivery_for(self.space, self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["delivery"] = self.delivery
        return context
