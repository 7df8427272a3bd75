"""The pages of the yearly report to MYH. Thin: a rule, a selector or a service, a template."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from samverka.education.myhreports import exports, selectors, services
from samverka.education.myhreports.forms import (
    AdvanceForm,
    CommentForm,
    CorrectionForm,
    NeedForm,
    ReportCreateForm,
    SectionTextForm,
)
from samverka.education.myhreports.models import MyhReport, NeedEntry, ReportStatus
from samverka.platform.accounts.models import User
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: The label of the button that takes a report to each step (each does what it says).
STEP_BUTTONS = {
    ReportStatus.REVIEW: gettext_lazy("Send for review"),
    ReportStatus.DECIDED: gettext_lazy("Record the decision"),
    ReportStatus.REGISTERED: gettext_lazy("Record the registration"),
    ReportStatus.SUBMITTED: gettext_lazy("Mark as submitted to MYH (freezes the report)"),
}


def signed_in(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


class SpacePermissionMixin(SpaceMixin, PermissionMixin):
    def get_permission_object(self) -> Any:
        return self.space


class ReportListView(SpacePermissionMixin, TemplateView):
    permission_required = "myhreports.view_reports"
    template_name = "myhreports/report_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            reports=list(selectors.report_list(user=self.request.user, space=self.space)),
            can_add=self.request.user.has_perm("myhreports.add_report", self.space),
            form=kwargs.pop("form", None) or ReportCreateForm(),
            **kwargs,
        )


class ReportCreateView(SpacePermissionMixin, FormView):
    permission_required = "myhreports.add_report"
    template_name = "myhreports/report_create.html"
    form_class = ReportCreateForm

    def form_valid(self, form: ReportCreateForm) -> HttpResponse:
        try:
            report = services.report_create(
                space=self.space, year=form.cleaned_data["year"], actor=signed_in(self.request)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft was generated from the space's data."))
        return redirect(report.get_absolute_url())


class ReportObjectMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]

    @cached_property
    def report(self) -> MyhReport:
        return selectors.report_get(user=self.request.user, space=self.space, pk=self.kwargs["pk"])

    def get_permission_object(self) -> MyhReport:
        return self.report

    def back(self) -> HttpResponse:
        return redirect(self.report.get_absolute_url())


class ReportDetailView(ReportObjectMixin, TemplateView):
    permission_required = "myhreports.view_myhreport"
    template_name = "myhreports/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        report = self.report
        can_change = user.has_perm("myhreports.change_myhreport", report)
        editable = report.status in (ReportStatus.DRAFT, ReportStatus.REVIEW)
        next_status = report.next_status
        return super().get_context_data(
            report=report,
            sections=selectors.report_sections(report),
            needs=selectors.report_needs(report),
            corrections=selectors.report_corrections(report),
            document_url=selectors.registered_document_url(report, user),
            can_list=user.has_perm("myhreports.view_reports", self.space),
            can_change=can_change and editable,
            can_generate=can_change and report.status == ReportStatus.DRAFT,
            can_comment=editable and user.has_perm("myhreports.comment_myhreport", report),
            can_correct=report.is_frozen and user.has_perm("myhreports.correct_myhreport", report),
            next_status=next_status if can_change else None,
            next_label=STEP_BUTTONS.get(next_status, "") if next_status else "",
            decisions=selectors.space_decisions(self.space, user) if next_status == ReportStatus.DECIDED else [],
            text_form=SectionTextForm(report=report),
            comment_form=CommentForm(report=report),
            correction_form=CorrectionForm(report=report),
            **kwargs,
        )


class ReportActionView(ReportObjectMixin, View):
    """A button or small form posted from the report page: the service, a message, back to the page."""

    http_method_names = ["post"]
    permission_required = "myhreports.change_myhreport"

    def act(self) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            messages.success(request, self.act())
        except ValidationError as error:
            _errors(request, error)
        return self.back()


class ReportGenerateView(ReportActionView):
    def act(self) -> str:
        services.report_generate(report=self.report, actor=signed_in(self.request))
        return _("The draft was generated again from the space's data.")


class SectionTextView(ReportActionView):
    def act(self) -> str:
        form = SectionTextForm(self.request.POST, report=self.report)
        if not form.is_valid():
            raise ValidationError(_("Choose a section."))
        services.report_set_text(
            report=self.report,
            actor=signed_in(self.request),
            section=form.cleaned_data["section"],
            text=form.cleaned_data["text"],
        )
        return _("The section's text was saved.")


class CommentAddView(ReportActionView):
    permission_required = "myhreports.comment_myhreport"

    def act(self) -> str:
        form = CommentForm(self.request.POST, report=self.report)
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        services.comment_add(
            report=self.report,
            actor=signed_in(self.request),
            section=form.cleaned_data["section"],
            text=form.cleaned_data["text"],
        )
        return _("The comment was added.")


class ReportAdvanceView(ReportActionView):
    def act(self) -> str:
        form = AdvanceForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        decision = None
        if form.cleaned_data["decision"]:
            decision = (
                selectors.space_decisions(self.space, self.request.user)
                .filter(pk=form.cleaned_data["decision"])
                .first()
            )
            if decision is None:
                raise ValidationError(_("Choose a decision of a body in this space."))
        report = services.report_advance(
            report=self.report,
            actor=signed_in(self.request),
            to=form.cleaned_data["to"],
            decision=decision,
            case_reference=form.cleaned_data["case_reference"] or "",
            document_reference=form.cleaned_data["document_reference"] or "",
        )
        return _("The report is now: %(status)s.") % {"status": report.get_status_display()}


class ReportCorrectView(ReportActionView):
    permission_required = "myhreports.correct_myhreport"

    def act(self) -> str:
        form = CorrectionForm(self.request.POST, report=self.report)
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        services.report_correct(report=self.report, actor=signed_in(self.request), **form.cleaned_data)
        return _("The correction was recorded; the submitted version is kept.")


class NeedFormView(ReportObjectMixin, FormView):
    """Add a competence need, or edit one (the form opens with its stored values)."""

    permission_required = "myhreports.change_myhreport"
    template_name = "myhreports/need_form.html"
    form_class = NeedForm

    @cached_property
    def need(self) -> NeedEntry | None:
        pk = self.kwargs.get("need")
        return selectors.need_get(report=self.report, pk=pk) if pk else None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.need}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(report=self.report, need=self.need, **kwargs)

    def form_valid(self, form: NeedForm) -> HttpResponse:
        data = services.NeedData(**form.data_fields())
        try:
            if self.need is None:
                services.need_create(report=self.report, actor=signed_in(self.request), data=data)
            else:
                self.need.refresh_from_db()
                services.need_update(need=self.need, actor=signed_in(self.request), data=data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The competence need was saved."))
        return self.back()


class NeedDeleteView(ReportActionView):
    def act(self) -> str:
        need = selectors.need_get(report=self.report, pk=self.kwargs["need"])
        services.need_delete(need=need, actor=signed_in(self.request))
        return _("The competence need was removed.")


class ReportExportView(ReportObjectMixin, View):
    permission_required = "myhreports.view_myhreport"
    formats = {
        "pdf": (exports.report_pdf, "application/pdf"),
        "xlsx": (exports.report_xlsx, XLSX),
        "docx": (exports.report_docx, DOCX),
    }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        render, content_type = self.formats[kwargs["fmt"]]
        response = HttpResponse(render(self.report), content_type=content_type)
        name = f"myh-rapport-{self.space.slug}-{self.report.year}.{kwargs['fmt']}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ReportCompareView(ReportObjectMixin, TemplateView):
    permission_required = "myhreports.view_myhreport"
    template_name = "myhreports/report_compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        previous = selectors.previous_report(self.report, self.request.user)
        titles = dict(self.report.template.section_list())
        rows = selectors.compare(self.report, previous)
        return super().get_context_data(report=self.report, previous=previous, rows=rows, titles=titles, **kwargs)


class NationalView(SpacePermissionMixin, TemplateView):
    """The regions' submitted reports side by side and their needs per YH education area (national space)."""

    permission_required = "myhreports.view_national_reports"
    template_name = "myhreports/national.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        raw = self.request.GET.get("year", "")
        year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None
        every = selectors.national_reports(user=self.request.user)
        years = selectors.report_years(every)
        year = year or (years[0] if years else None)
        reports = [r for r in every if r.year == year]
        return super().get_context_data(
            reports=reports, year=year, years=years, areas=selectors.needs_by_area(reports), **kwargs
        )


urlpatterns = [
    path("s/<slug:space>/myh/", ReportListView.as_view(), name="report-list"),
    path("s/<slug:space>/myh/new/", ReportCreateView.as_view(), name="report-create"),
    path("s/<slug:space>/myh/national/", NationalView.as_view(), name="national"),
    path("s/<slug:space>/myh/<int:pk>/", ReportDetailView.as_view(), name="report-detail"),
    path("s/<slug:space>/myh/<int:pk>/generate/", ReportGenerateView.as_view(), name="report-generate"),
    path("s/<slug:space>/myh/<int:pk>/text/", SectionTextView.as_view(), name="report-text"),
    path("s/<slug:space>/myh/<int:pk>/comment/", CommentAddView.as_view(), name="report-comment"),
    path("s/<slug:space>/myh/<int:pk>/advance/", ReportAdvanceView.as_view(), name="report-advance"),
    path("s/<slug:space>/myh/<int:pk>/correct/", ReportCorrectView.as_view(), name="report-correct"),
    path("s/<slug:space>/myh/<int:pk>/compare/", ReportCompareView.as_view(), name="report-compare"),
    path("s/<slug:space>/myh/<int:pk>/needs/new/", NeedFormView.as_view(), name="need-create"),
    path("s/<slug:space>/myh/<int:pk>/needs/<int:need>/edit/", NeedFormView.as_view(), name="need-update"),
    path("s/<slug:space>/myh/<int:pk>/needs/<int:need>/delete/", NeedDeleteView.as_view(), name="need-delete"),
    path("s/<slug:space>/myh/<int:pk>/export.pdf", ReportExportView.as_view(), {"fmt": "pdf"}, name="report-pdf"),
    path("s/<slug:space>/myh/<int:pk>/export.xlsx", ReportExportView.as_view(), {"fmt": "xlsx"}, name="report-xlsx"),
    path("s/<slug:space>/myh/<int:pk>/export.docx", ReportExportView.as_view(), {"fmt": "docx"}, name="report-docx"),
]
