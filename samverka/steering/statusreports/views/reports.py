"""One report: read it, fill it in (save or submit), reopen, review, feedback, and corrections after approval."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.platform.core.forms import add_service_error
from samverka.steering.statusreports import services
from samverka.steering.statusreports.forms import CRITERIA, CorrectionForm, FeedbackForm, ReasonForm, ReportForm
from samverka.steering.statusreports.models import ActivityStatus, ReportState, RoundState
from samverka.steering.statusreports.selectors import report_rows
from samverka.steering.statusreports.views.mixins import ReportMixin


class ReportDetailView(ReportMixin, TemplateView):
    permission_required = "statusreports.view_status_report"
    template_name = "statusreports/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.report
        context["rows"] = report_rows(report)
        context["feedback"] = list(report.feedback.select_related("by"))
        context["events"] = list(report.events.select_related("by"))
        context["criteria"] = CRITERIA
        context["feedback_form"] = FeedbackForm()
        context["reopen_form"] = ReasonForm()
        open_round = report.round.state == RoundState.OPEN
        context["may_edit"] = context["can_change"] and open_round and report.state == ReportState.DRAFT
        context["may_reopen"] = (
            (context["can_change"] or context["can_review"]) and open_round and report.state != ReportState.DRAFT
        )
        context["may_review"] = (
            context["can_review"]
            and report.state == ReportState.SUBMITTED
            and report.round.state != RoundState.APPROVED
        )
        context["may_correct"] = (
            self.request.user.has_perm("statusreports.correct_status_report", report)
            and report.round.state == RoundState.APPROVED
        )
        return context


class ReportEditView(ReportMixin, FormView):
    permission_required = "statusreports.change_status_report"
    template_name = "statusreports/report_form.html"
    form_class = ReportForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.report.state != ReportState.DRAFT or self.report.round.state != RoundState.OPEN:
            messages.info(request, _("The report has been submitted. Reopen it to make changes."))
            return redirect(self.report.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["rows"] = report_rows(self.report)
        kwargs["initial"] = {"description": self.report.description}
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["criteria"] = CRITERIA
        return context

    def form_valid(self, form: ReportForm) -> HttpResponse:
        user = self.request.user
        try:
            services.report_save(
                actor=user, report=self.report, statuses=form.statuses(), description=form.cleaned_data["description"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        if "submit" not in self.request.POST:
            messages.success(self.request, _("The draft was saved."))
            return redirect(self.report.get_absolute_url())
        try:
            services.report_submit(actor=user, report=self.report)
        except ValidationError as error:
            add_service_error(form, error)
            messages.info(self.request, _("The draft was saved."))
            return self.form_invalid(form)
        messages.success(self.request, _("The report was submitted."))
        return redirect(self.report.get_absolute_url())


class ReportReopenView(ReportMixin, FormView):
    permission_required = "statusreports.reopen_status_report"
    template_name = "statusreports/report_reopen.html"
    form_class = ReasonForm

    def form_valid(self, form: ReasonForm) -> HttpResponse:
        try:
            services.report_reopen(actor=self.request.user, report=self.report, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The report was reopened."))
        return redirect(self.report.get_absolute_url())


class ReportReviewView(ReportMixin, View):
    permission_required = "statusreports.review_status_report"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.report_review(actor=request.user, report=self.report)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The report was marked reviewed."))
        return redirect(self.report.get_absolute_url())


class FeedbackView(ReportMixin, FormView):
    permission_required = "statusreports.give_status_feedback"
    template_name = "statusreports/feedback_form.html"
    form_class = FeedbackForm

    def form_valid(self, form: FeedbackForm) -> HttpResponse:
        try:
            services.feedback_give(actor=self.request.user, report=self.report, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The feedback was saved; the group's leaders see it on the report."))
        return redirect(self.report.get_absolute_url())


class CorrectionView(ReportMixin, FormView):
    permission_required = "statusreports.correct_status_report"
    template_name = "statusreports/correction_form.html"
    form_class = CorrectionForm

    def status(self) -> ActivityStatus:
        if self.report.round.state != RoundState.APPROVED:
            raise Http404
        return get_object_or_404(self.report.statuses.select_related("activity"), pk=self.kwargs["status"])

    def get_initial(self) -> dict[str, Any]:
        status = self.status()
        return {
            "light_activity": status.light_activity,
            "light_result": status.light_result,
            "comment_activity": status.comment_activity,
            "comment_result": status.comment_result,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["status"] = self.status()
        context["criteria"] = CRITERIA
        return context

    def form_valid(self, form: CorrectionForm) -> HttpResponse:
        try:
            services.report_correct(
                actor=self.request.user,
                status=self.status(),
                data=form.status_input(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The correction was saved and logged."))
        return redirect(self.report.get_absolute_url())
