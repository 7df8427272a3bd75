"""The organisers' list of registrations, its export (CSV for Swedish Excel, and .xlsx) and cancelling."""

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.collaboration.events import selectors, services
from samverka.collaboration.events.models import Event, Registration, RegistrationStatus
from samverka.collaboration.events.views.organise import EventObjectMixin
from samverka.platform.core.times import local

#: A cell starting with one of these would be run as a formula by a spreadsheet (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_header() -> list[str]:
    return [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Status"),
        _("Place on the waiting list"),
        _("Dietary needs"),
        _("Accessibility needs"),
        _("Registered"),
        _("Cancelled"),
    ]


def _when(moment: Any) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def export_rows(registrations: Iterable[Registration]) -> Iterable[list[Any]]:
    for r in registrations:
        yield [
            safe_cell(value)
            for value in (
                r.name,
                r.email,
                r.organisation_label,
                r.get_status_display(),
                r.waitlist_position if r.waitlist_position is not None else "",
                r.dietary_needs,
                r.accessibility_needs,
                _when(r.created_at),
                _when(r.cancelled_at),
            )
        ]


def export_filename(event: Event, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    name = slugify(f"{event.title[:60]} {_('registrations')}") or "registrations"
    return f"{name}-{stamp}.{extension}"


class RegistrationListView(EventObjectMixin, TemplateView):
    """Who is coming, who waits, who cancelled — with counts and the export links."""

    permission_required = "events.view_registrations"
    template_name = "events/registration_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        if status not in RegistrationStatus.values:
            status = ""
        context.update(
            {
                "counts": selectors.registration_counts(self.event),
                "page_obj": selectors.registrations_for(self.event, page=self.request.GET.get("page"), status=status),
                "status": status,
                "statuses": RegistrationStatus.choices,
                "can_cancel": self.request.user.has_perm("events.cancel_registration", self.event),
            }
        )
        return context


class RegistrationCsvView(EventObjectMixin, View):
    """UTF-8 with a byte-order mark and ``;`` as separator, so Excel with Swedish settings opens it right."""

    permission_required = "events.export_registrations"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(export_header())
        writer.writerows(export_rows(selectors.registrations_export(self.event)))
        response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export_filename(self.event, "csv")}"'
        return response


class RegistrationXlsxView(EventObjectMixin, View):
    permission_required = "events.export_registrations"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Registrations")[:31]
        sheet.append(export_header())
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in export_rows(selectors.registrations_export(self.event)):
            sheet.append(row)
        sheet.freeze_panes = "A2"
        for column, width in zip("ABCDEFGHI", (28, 32, 28, 18, 12, 30, 30, 17, 17), strict=True):
            sheet.column_dimensions[column].width = width
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(
            output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{export_filename(self.event, "xlsx")}"'
        return response


class RegistrationCancelView(EventObjectMixin, View):
    """An organiser cancels someone's registration (POST); the waiting list moves up."""

    permission_required = "events.cancel_registration"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        registration = self.event.registrations.filter(pk=self.kwargs["registration"]).first()
        if registration is None:
            raise Http404
        try:
            services.registration_cancel(registration=registration, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The registration of %(name)s was cancelled.") % {"name": registration.name})
        return redirect(reverse("events:registration-list", kwargs={"space": self.space.slug, "pk": self.event.pk}))
