"""Work plan pages: a body's plans, a plan, create/edit, adopt, final report, close, documents (HTML and PDF)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.platform.core.forms import add_service_error
from samverka.platform.core.pdf import render_pdf
from samverka.steering.workplans import selectors, services
from samverka.steering.workplans.forms import ConfirmForm, CopyForm, FinalReportForm, WorkPlanForm
from samverka.steering.workplans.views.mixins import BodyMixin, PlanMixin


class PlanListView(BodyMixin, TemplateView):
    """A body's work plans, newest first."""

    permission_required = "workplans.view_workplan"
    template_name = "workplans/plan_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["plans"] = list(selectors.body_plans(self.body, self.request.user))
        return context


class PlanCreateView(BodyMixin, FormView):
    permission_required = "workplans.change_workplan"
    template_name = "workplans/plan_form.html"
    form_class = WorkPlanForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["is_project"] = self.body.kind == "project"
        return kwargs

    def form_valid(self, form: WorkPlanForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        year = data.pop("year")
        try:
            plan = services.work_plan_create(
                body=self.body, actor=self.request.user, year=year, data=services.AssignmentData(**data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The work plan for %(year)s was created.") % {"year": plan.year})
        return redirect(plan.get_absolute_url())


class PlanDetailView(PlanMixin, TemplateView):
    """A plan with its activities, their result goals and perspective status."""

    permission_required = "workplans.view_workplan"
    template_name = "workplans/plan_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        activities = selectors.plan_activities(self.plan)
        context["activities"] = activities
        context["missing_count"] = sum(1 for a in activities if a.perspectives_missing)  # type: ignore[attr-defined]
        context["is_project"] = self.body.kind == "project"
        context["participation"] = selectors.regional_participation(self.body, self.plan.year)
        context["may_copy"] = self.request.user.has_perm("workplans.change_workplan", self.body)
        context["may_close_body"] = (
            self.plan.is_closed
            and self.body.status != "closed"
            and self.request.user.has_perm("bodies.close_body", self.body)
        )
        return context


class PlanUpdateView(PlanMixin, FormView):
    permission_required = "workplans.change_workplan"
    template_name = "workplans/plan_form.html"
    form_class = WorkPlanForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.plan, is_project=self.body.kind == "project", creating=False)
        return kwargs

    def form_valid(self, form: WorkPlanForm) -> HttpResponse:
        try:
            services.work_plan_update(
                plan=self.plan, actor=self.request.user, data=services.WorkPlanData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The work plan was saved."))
        return redirect(self.plan.get_absolute_url())


class FinalReportUpdateView(PlanMixin, FormView):
    permission_required = "workplans.change_workplan"
    template_name = "workplans/final_report_form.html"
    form_class = FinalReportForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.plan
        return kwargs

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.plan.is_closed:
            messages.info(request, _("The work plan is closed and can no longer be changed."))
            return redirect(self.plan.get_absolute_url() + "final-report/")
        return super().get(request, *args, **kwargs)

    def form_valid(self, form: FinalReportForm) -> HttpResponse:
        try:
            services.work_plan_update(
                plan=self.plan, actor=self.request.user, data=services.WorkPlanData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The final report was saved."))
        return redirect(self.plan.get_absolute_url() + "final-report/")


class _TransitionView(PlanMixin, FormView):
    """A confirming page whose POST runs one service (adopt, close)."""

    permission_required = "workplans.change_workplan"
    form_class = ConfirmForm
    success_message = ""

    def run(self) -> None:
        raise NotImplementedError

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        try:
            self.run()
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.plan.get_absolute_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["missing"] = services.missing_perspectives(self.plan)
        context["missing_goals"] = services.missing_goals(self.plan)
        return context


class PlanAdoptView(_TransitionView):
    template_name = "workplans/plan_adopt.html"

    def run(self) -> None:
        services.work_plan_adopt(plan=self.plan, actor=self.request.user)
        self.success_message = _("The work plan was adopted.")


class PlanCloseView(_TransitionView):
    """The closing routine: the checklist (final report, what was done per activity), then close."""

    template_name = "workplans/plan_close.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["missing_outcomes"] = services.missing_outcomes(self.plan)
        return context

    def run(self) -> None:
        services.work_plan_close(plan=self.plan, actor=self.request.user)
        self.success_message = _("The work plan was closed. It can no longer be changed.")


class PlanCopyView(PlanMixin, FormView):
    """Start another year's plan of the body from this one."""

    permission_required = "workplans.change_workplan"
    template_name = "workplans/plan_copy.html"
    form_class = CopyForm

    def get_permission_object(self) -> Any:
        return self.body  # copying a closed plan is allowed: it writes only the new plan

    def get_initial(self) -> dict[str, Any]:
        return {"year": self.plan.year + 1}

    def form_valid(self, form: CopyForm) -> HttpResponse:
        try:
            plan = services.work_plan_copy(plan=self.plan, actor=self.request.user, year=form.cleaned_data["year"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The work plan for %(year)s was started from %(source)s. Check the activities and adopt it.")
            % {"year": plan.year, "source": self.plan.year},
        )
        return redirect(plan.get_absolute_url())


def document_context(view: PlanMixin) -> dict[str, Any]:
    plan = view.plan
    return {
        "space": view.space,
        "body": view.body,
        "plan": plan,
        "activities": selectors.plan_activities(plan),
        "is_project": view.body.kind == "project",
        "participation": selectors.regional_participation(view.body, plan.year),
    }


class AssignmentView(PlanMixin, TemplateView):
    """The assignment description (uppdragsbeskrivning) of a plan, printable."""

    permission_required = "workplans.view_workplan"
    template_name = "workplans/assignment.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **document_context(self)}


class FinalReportView(AssignmentView):
    """The final report (slutrapport) of a plan, printable."""

    template_name = "workplans/final_report.html"


class _PdfView(PlanMixin, View):
    permission_required = "workplans.view_workplan"
    template_name = ""
    filename = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = render_pdf(self.template_name, document_context(self))
        response = HttpResponse(data, content_type="application/pdf")
        name = f"{self.filename}-{self.plan.year}-{self.plan.pk}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


class AssignmentPdfView(_PdfView):
    template_name = "workplans/pdf/assignment.html"
    filename = "uppdragsbeskrivning"


class FinalReportPdfView(_PdfView):
    template_name = "workplans/pdf/final_report.html"
    filename = "slutrapport"
