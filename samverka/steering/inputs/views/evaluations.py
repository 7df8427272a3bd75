"""Evaluations of a new structure after one year: plan, edit, record the result."""

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.steering.inputs import selectors, services
from samverka.steering.inputs.forms import EvaluationForm, EvaluationResultForm
from samverka.steering.inputs.models import Evaluation
from samverka.steering.inputs.views.inputs import SpacePermissionMixin


class EvaluationListView(SpacePermissionMixin, FormView):
    """The space's evaluations; the form below plans a new one (for those who may)."""

    permission_required = "inputs.view_evaluation"
    template_name = "inputs/evaluation_list.html"
    form_class = EvaluationForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["evaluations"] = list(selectors.evaluations(user=self.request.user, space=self.space))
        context["can_change"] = self.request.user.has_perm("inputs.change_evaluation", self.space)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("inputs.change_evaluation", self.space):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: EvaluationForm) -> HttpResponse:
        try:
            services.evaluation_create(
                actor=self.request.user, space=self.space, data=services.EvaluationData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The evaluation was planned."))
        return redirect(reverse("inputs:evaluation-list", kwargs={"space": self.space.slug}))


class EvaluationMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def evaluation(self) -> Evaluation:
        found = selectors.evaluation(user=self.request.user, space=self.space, pk=self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> Evaluation:
        return self.evaluation

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["evaluation"] = self.evaluation
        return context

    def back(self) -> HttpResponse:
        return redirect(reverse("inputs:evaluation-list", kwargs={"space": self.space.slug}))


class EvaluationUpdateView(EvaluationMixin, FormView):
    permission_required = "inputs.change_evaluation"
    template_name = "inputs/evaluation_form.html"
    form_class = EvaluationForm

    def get_initial(self) -> dict[str, Any]:
        e = self.evaluation
        return {
            "structure_name": e.structure_name,
            "criteria": e.criteria,
            "responsible": e.responsible,
            "questions": "\n".join(e.questions or []),
            "due_on": e.due_on,
        }

    def form_valid(self, form: EvaluationForm) -> HttpResponse:
        try:
            services.evaluation_update(
                actor=self.request.user, evaluation=self.evaluation, data=services.EvaluationData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return self.back()


class EvaluationCompleteView(EvaluationMixin, FormView):
    permission_required = "inputs.change_evaluation"
    template_name = "inputs/evaluation_complete.html"
    form_class = EvaluationResultForm

    def get_initial(self) -> dict[str, Any]:
        return {"result": self.evaluation.result}

    def form_valid(self, form: EvaluationResultForm) -> HttpResponse:
        try:
            services.evaluation_complete(
                actor=self.request.user, evaluation=self.evaluation, result=form.cleaned_data["result"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The result of the evaluation was recorded."))
        return self.back()


class EvaluationQuestionsExportView(EvaluationMixin, View):
    """The evaluation questions as CSV (UTF-8, semicolons, opens in Excel), to send with a survey tool:
    Samverka has no survey capability yet."""

    permission_required = "inputs.view_evaluation"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([_("Number"), _("Question"), _("Answer type"), _("What is evaluated")])
        for number, question in enumerate(self.evaluation.questions or [], start=1):
            writer.writerow([number, question, _("Free text"), self.evaluation.structure_name])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="utvarderingsfragor-{self.evaluation.pk}.csv"'
        return response
