"""Rounds: the list of a space, opening one, its reports, closing and approving, the steering overview
and its exports (PDF and Excel for the steering-group meeting)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.steering.statusreports import services
from samverka.steering.statusreports.exports import round_pdf, round_xlsx
from samverka.steering.statusreports.forms import CRITERIA, RoundForm
from samverka.steering.statusreports.render import matrix_html
from samverka.steering.statusreports.selectors import my_reports, overview, round_reports, rounds_for, submitted_count
from samverka.steering.statusreports.views.mixins import RoundMixin


class RoundListView(SpaceMixin, PermissionMixin, TemplateView):
    permission_required = "statusreports.view_round_list"
    template_name = "statusreports/round_list.html"

    def get_permission_object(self) -> Any:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_view_rounds"] = user.has_perm("statusreports.view_rounds", self.space)
        context["can_manage"] = user.has_perm("statusreports.manage_rounds", self.space)
        context["rounds"] = list(rounds_for(self.space)) if context["can_view_rounds"] else []
        context["my_reports"] = my_reports(user, self.space)
        return context


class RoundCreateView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "statusreports.manage_rounds"
    template_name = "statusreports/round_form.html"
    form_class = RoundForm

    def get_permission_object(self) -> Any:
        return self.space

    def get_initial(self) -> dict[str, Any]:
        today = timezone.localdate()
        return {"year": today.year, "opens_on": today}

    def form_valid(self, form: RoundForm) -> HttpResponse:
        try:
            status_round = services.round_open(actor=self.request.user, space=self.space, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The round %(name)s was opened with %(count)s reports.")
            % {"name": status_round.name, "count": status_round.reports.count()},
        )
        return redirect(status_round.get_absolute_url())


class RoundDetailView(RoundMixin, TemplateView):
    permission_required = "statusreports.view_rounds"
    template_name = "statusreports/round_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        reports = round_reports(self.status_round)
        context["reports"] = reports
        context["submitted"] = submitted_count(reports)
        context["can_manage"] = self.request.user.has_perm("statusreports.manage_rounds", self.status_round)
        return context


class RoundActionView(RoundMixin, View):
    """POST only: close or approve."""

    permission_required = "statusreports.manage_rounds"
    action = ""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        service = services.round_close if self.action == "close" else services.round_approve
        try:
            service(actor=request.user, status_round=self.status_round)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if self.action == "close":
                messages.success(request, _("The round was closed."))
            else:
                messages.success(request, _("The round was approved."))
        return redirect(self.status_round.get_absolute_url())


class OverviewMixin(RoundMixin):
    permission_required = "statusreports.view_status_overview"

    def goal_id(self) -> int | None:
        raw = self.request.GET.get("goal", "")
        return int(raw) if raw.isdigit() and len(raw) < 10 else None


class OverviewView(OverviewMixin, TemplateView):
    template_name = "statusreports/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        data = overview(self.status_round, goal_id=self.goal_id())
        context["overview"] = data
        context["matrix"] = matrix_html(data)
        context["criteria"] = CRITERIA
        context["export_query"] = f"?goal={data.goal.pk}" if data.goal else ""
        context["can_feedback"] = self.request.user.has_perm("statusreports.give_status_feedback", self.status_round)
        return context


def _filename(status_round: Any, ext: str) -> str:
    return f"lagesbedomning-{slugify(status_round.name) or status_round.pk}.{ext}"


class OverviewPdfView(OverviewMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = overview(self.status_round, goal_id=self.goal_id())
        response = HttpResponse(round_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{_filename(self.status_round, "pdf")}"'
        return response


class OverviewXlsxView(OverviewMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = overview(self.status_round, goal_id=self.goal_id())
        response = HttpResponse(
            round_xlsx(data), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename(self.status_round, "xlsx")}"'
        return response


def round_url(status_round: Any, name: str = "round-detail") -> str:
    return reverse(f"statusreports:{name}", kwargs={"space": status_round.space.slug, "pk": status_round.pk})
