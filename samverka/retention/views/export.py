"""Archive export: choose closed cases and download them as an archive package (zip)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.views.generic import TemplateView

from samverka.retention import archive, selectors
from samverka.retention.views.schedule import SpacePermissionMixin


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
        return FileResponse(package.file, as_attachment=True, filename=package.filename, content_type="application/zip")
