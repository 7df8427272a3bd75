"""Feedback reports per goal year: generate, preview, PDF, send and the May follow-up."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.steering.inputs import selectors, services
from samverka.steering.inputs.forms import FollowUpForm
from samverka.steering.inputs.models import FeedbackReport
from samverka.steering.inputs.views.inputs import SpacePermissionMixin


def year_from(request: HttpRequest, default: int | None = None) -> int:
    """The ``year`` of the query string or form, or ``default`` (this year) when missing or wrong."""
    raw = request.POST.get("year") or request.GET.get("year") or ""
    try:
        year = int(raw)
    except ValueError:
        return default or timezone.localdate().year
    return year if 2000 <= year <= 2100 else (default or timezone.localdate().year)


class FeedbackListView(SpacePermissionMixin, TemplateView):
    """The year's reports; POST generates (or refreshes) one report per organisation that gave input."""

    permission_required = "inputs.view_feedbackreport"
    template_name = "inputs/feedback_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = year_from(self.request)
        context["year"] = year
        context["years"] = [year - 1, year + 1]
        context["reports"] = list(selectors.feedback_reports(user=self.request.user, space=self.space, year=year))
        context["pending"] = selectors.feedback_pending(space=self.space, year=year)
        context["can_change"] = self.request.user.has_perm("inputs.change_feedbackreport", self.space)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("inputs.change_feedbackreport", self.space):
            raise PermissionDenied
        year = year_from(request)
        try:
            reports = services.feedback_reports_generate(actor=request.user, space=self.space, year=year)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if reports:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s feedback report was generated for %(year)s. Read it before you send it.",
                        "%(n)s feedback reports were generated for %(year)s. Read them before you send them.",
                        len(reports),
                    )
                    % {"n": len(reports), "year": year},
                )
            else:
                messages.warning(request, _("No organisation has given input for %(year)s.") % {"year": year})
        return redirect(reverse("inputs:feedback-list", kwargs={"space": self.space.slug}) + f"?year={year}")


class FeedbackObjectMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def report(self) -> FeedbackReport:
        found = selectors.feedback_report(user=self.request.user, space=self.space, pk=self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> FeedbackReport:
        return self.report


class FeedbackDetailView(FeedbackObjectMixin, TemplateView):
    """The report as the region will read it, with sending and the follow-up."""

    permission_required = "inputs.view_feedbackreport"
    template_name = "inputs/feedback_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(selectors.feedback_context(self.report))
        context["recipients"] = services.feedback_report_recipients(self.report)
        context["can_change"] = self.request.user.has_perm("inputs.change_feedbackreport", self.report)
        context.setdefault(
            "follow_up_form",
            FollowUpForm(
                initial={"follow_up_on": self.report.follow_up_on, "follow_up_note": self.report.follow_up_note}
            ),
        )
        return context


class FeedbackPdfView(FeedbackObjectMixin, View):
    permission_required = "inputs.view_feedbackreport"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = HttpResponse(services.feedback_report_pdf(self.report), content_type="application/pdf")
        name = f"aterkoppling-{self.report.year}-{self.report.organisation_id}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


class FeedbackSendView(FeedbackObjectMixin, View):
    permission_required = "inputs.change_feedbackreport"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            queued = services.feedback_report_send(actor=request.user, report=self.report)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if queued:
                messages.success(
                    request,
                    ngettext(
                        "The report was queued for %(n)s recipient.",
                        "The report was queued for %(n)s recipients.",
                        queued,
                    )
                    % {"n": queued},
                )
            else:
                messages.info(request, _("This version of the report was already sent; nothing new was queued."))
        return redirect(self.report.get_absolute_url())


class FeedbackFollowUpView(FeedbackDetailView):
    """Record the May follow-up with the region (the form is on the report's page)."""

    permission_required = "inputs.change_feedbackreport"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.feedback_follow_up_record(
                    actor=request.user,
                    report=self.report,
                    follow_up_on=form.cleaned_data["follow_up_on"],
                    note=form.cleaned_data["follow_up_note"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The follow-up was recorded."))
                return redirect(self.report.get_absolute_url())
        return self.render_to_response(self.get_context_data(follow_up_form=form), status=400)
