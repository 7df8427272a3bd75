"""Activity pages: add, edit (with result goals and perspectives), move, remove."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from samverka.platform.core.forms import add_service_error
from samverka.steering.workplans import selectors, services
from samverka.steering.workplans.forms import ActivityForm, ConfirmForm
from samverka.steering.workplans.models import Activity
from samverka.steering.workplans.views.mixins import PlanMixin


class ActivityMixin(PlanMixin):
    @cached_property
    def activity(self) -> Activity:
        activity = get_object_or_404(
            Activity.objects.prefetch_related("result_goals", "perspectives"),
            pk=self.kwargs["activity"],
            work_plan=self.plan,
        )
        activity.work_plan = self.plan
        return activity

    def get_permission_object(self) -> Any:
        return self.activity

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["activity"] = self.activity
        return context


def _save_activity(form: ActivityForm, activity: Activity | None, view: PlanMixin) -> Activity:
    """Save the activity, its goals and its perspectives together (all or nothing)."""
    user = view.request.user
    with transaction.atomic():
        if activity is None:
            activity = services.activity_add(
                plan=view.plan, actor=user, data=services.ActivityData(**form.activity_data())
            )
        else:
            activity = services.activity_update(
                activity=activity, actor=user, data=services.ActivityData(**form.activity_data())
            )
        goals = list(form.cleaned_data["result_goals"])
        # Goals linked earlier that this user may not see stay linked (the form could not show them).
        offered = set(form.fields["result_goals"].queryset.values_list("pk", flat=True))
        goals += [goal for goal in activity.result_goals.all() if goal.pk not in offered]
        services.activity_set_result_goals(activity=activity, actor=user, goals=goals)
        services.activity_set_perspectives(activity=activity, actor=user, assessments=form.perspective_data())
    return activity


class ActivityCreateView(PlanMixin, FormView):
    permission_required = "workplans.change_workplan"
    template_name = "workplans/activity_form.html"
    form_class = ActivityForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["goal_queryset"] = selectors.result_goal_choices(self.plan, self.request.user)
        kwargs["contact_queryset"] = selectors.responsible_choices(self.body)
        return kwargs

    def form_valid(self, form: ActivityForm) -> HttpResponse:
        try:
            activity = _save_activity(form, None, self)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The activity “%(title)s” was added.") % {"title": activity.title})
        return redirect(self.plan.get_absolute_url() + f"#activity-{activity.pk}")


class ActivityUpdateView(ActivityMixin, FormView):
    permission_required = "workplans.change_workplan"
    template_name = "workplans/activity_form.html"
    form_class = ActivityForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(
            instance=self.activity,
            goal_queryset=selectors.result_goal_choices(self.plan, self.request.user),
            contact_queryset=selectors.responsible_choices(self.body),
        )
        return kwargs

    def form_valid(self, form: ActivityForm) -> HttpResponse:
        try:
            _save_activity(form, self.activity, self)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The activity was saved."))
        return redirect(self.plan.get_absolute_url() + f"#activity-{self.activity.pk}")


class ActivityMoveView(ActivityMixin, View):
    """POST ``direction=up|down``: move the activity one step."""

    permission_required = "workplans.change_workplan"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.activity_move(
                activity=self.activity, actor=request.user, direction=request.POST.get("direction", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.plan.get_absolute_url() + f"#activity-{self.activity.pk}")


class ActivityRemoveView(ActivityMixin, FormView):
    permission_required = "workplans.change_workplan"
    template_name = "workplans/activity_remove.html"
    form_class = ConfirmForm

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        title = self.activity.title
        try:
            services.activity_remove(activity=self.activity, actor=self.request.user)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The activity “%(title)s” was removed.") % {"title": title})
        return redirect(self.plan.get_absolute_url())
