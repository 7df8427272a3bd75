"""Goal forms: create, edit, retire or delete, metrics, measured values and the yearly revision."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space
from samverka.steering.goals import services
from samverka.steering.goals.forms import GoalCreateForm, GoalForm, MetricForm, MetricValueForm, RetireForm, ReviseForm
from samverka.steering.goals.models import Metric
from samverka.steering.goals.views.pages import GoalObjectMixin

#: The goal's fields the form edits, by name (as the service's GoalData takes them).
GOAL_DATA = tuple(GoalForm.base_fields)


def goal_list_url(space: Space, year: int) -> str:
    return reverse("goals:goal-list", kwargs={"space": space.slug}) + f"?year={year}"


class GoalCreateView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "goals.add_goal"
    template_name = "goals/goal_form.html"
    form_class = GoalCreateForm

    def get_permission_object(self) -> Space:
        return self.space

    def year(self) -> int:
        raw = self.request.POST.get("year") or self.request.GET.get("year") or ""
        return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year

    def get_initial(self) -> dict[str, Any]:
        initial = {"year": self.year(), "kind": self.request.GET.get("kind", "effect")}
        if self.request.GET.get("parent", "").isdigit():
            initial["parent"] = int(self.request.GET["parent"])
        return initial

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(space=self.space, year=self.year())
        return kwargs

    def form_valid(self, form: GoalCreateForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in GOAL_DATA}
        try:
            goal = services.goal_create(
                space=self.space,
                actor=self.request.user,
                year=form.cleaned_data["year"],
                data=services.GoalData(**data),
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The goal %(code)s was created.") % {"code": goal.code})
        return redirect(goal.get_absolute_url())


class GoalUpdateView(GoalObjectMixin, SingleObjectMixin, FormView):
    permission_required = "goals.change_goal"
    template_name = "goals/goal_form.html"
    form_class = GoalForm

    def get_initial(self) -> dict[str, Any]:
        goal = self.goal
        return {name: getattr(goal, name) for name in GOAL_DATA}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(space=self.space, year=self.goal.year, goal=self.goal)
        return kwargs

    def form_valid(self, form: GoalForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in GOAL_DATA}
        try:
            services.goal_update(goal=self.goal, actor=self.request.user, data=services.GoalData(**data))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.goal.get_absolute_url())


class GoalRetireView(GoalObjectMixin, SingleObjectMixin, FormView):
    """Retire a goal (it stays in the history and in plans); deleting is offered when nothing points to it."""

    permission_required = "goals.change_goal"
    template_name = "goals/goal_retire.html"
    form_class = RetireForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["blockers"] = services.goal_delete_blockers(self.goal)
        return context

    def form_valid(self, form: RetireForm) -> HttpResponse:
        try:
            services.goal_retire(goal=self.goal, actor=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The goal %(code)s was retired.") % {"code": self.goal.code})
        return redirect(self.goal.get_absolute_url())


class GoalDeleteView(GoalObjectMixin, SingleObjectMixin, FormView):
    permission_required = "goals.change_goal"
    template_name = "goals/goal_retire.html"
    form_class = RetireForm

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect(reverse("goals:goal-retire", kwargs={"space": self.space.slug, "pk": self.goal.pk}))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["blockers"] = services.goal_delete_blockers(self.goal)
        return context

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        goal = self.goal
        try:
            services.goal_delete(goal=goal, actor=request.user)
        except ValidationError as error:
            context = self.get_context_data(form=RetireForm(), delete_errors=error.messages)
            return self.render_to_response(context, status=409)
        messages.success(request, _("The goal %(code)s was deleted.") % {"code": goal.code})
        return redirect(goal_list_url(self.space, goal.year))


class MetricCreateView(GoalObjectMixin, SingleObjectMixin, FormView):
    permission_required = "goals.change_goal"
    template_name = "goals/metric_form.html"
    form_class = MetricForm

    def form_valid(self, form: MetricForm) -> HttpResponse:
        try:
            services.metric_add(goal=self.goal, actor=self.request.user, data=services.MetricData(**form.cleaned_data))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The metric was added."))
        return redirect(self.goal.get_absolute_url())


class MetricMixin(GoalObjectMixin):
    @property
    def metric(self) -> Metric:
        if not hasattr(self, "_metric"):
            self._metric = get_object_or_404(Metric, pk=self.kwargs["metric"], goal=self.goal)
        return self._metric

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["metric"] = self.metric
        return context


class MetricUpdateView(MetricMixin, SingleObjectMixin, FormView):
    permission_required = "goals.change_goal"
    template_name = "goals/metric_form.html"
    form_class = MetricForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["initial"] = {f: getattr(self.metric, f) for f in MetricForm.Meta.fields}
        return kwargs

    def form_valid(self, form: MetricForm) -> HttpResponse:
        try:
            services.metric_update(
                metric=self.metric, actor=self.request.user, data=services.MetricData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.goal.get_absolute_url())


class MetricValueCreateView(MetricMixin, SingleObjectMixin, FormView):
    permission_required = "goals.record_metric_value"
    template_name = "goals/metric_value_form.html"
    form_class = MetricValueForm

    def form_valid(self, form: MetricValueForm) -> HttpResponse:
        try:
            services.metric_value_record(metric=self.metric, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The value was recorded."))
        return redirect(self.goal.get_absolute_url())


class GoalReviseView(SpaceMixin, PermissionMixin, FormView):
    """The yearly revision: copy a year's active goals and metrics to a later year."""

    permission_required = "goals.revise_goals"
    template_name = "goals/goal_revise.html"
    form_class = ReviseForm

    def get_permission_object(self) -> Space:
        return self.space

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["space"] = self.space
        return kwargs

    def form_valid(self, form: ReviseForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            created = services.goals_revise_year(
                actor=self.request.user,
                space=self.space,
                from_year=data["from_year"],
                to_year=data["to_year"],
                decision=data["decision"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s goals were carried over to %(year)s.") % {"count": len(created), "year": data["to_year"]},
        )
        return redirect(goal_list_url(self.space, data["to_year"]))
