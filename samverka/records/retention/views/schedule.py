"""The retention schedule of a space: the overview page and the rule forms."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space
from samverka.records.retention import selectors, services
from samverka.records.retention.forms import RuleForm
from samverka.records.retention.models import RetentionRule


def home_url(space: Space) -> str:
    return reverse("retention:home", kwargs={"space": space.slug})


class SpacePermissionMixin(SpaceMixin, PermissionMixin):
    def get_permission_object(self) -> Any:
        return self.space


class RetentionHomeView(SpacePermissionMixin, TemplateView):
    """The retention schedule, the disposal runs and how many documents are due now."""

    permission_required = "retention.view_retention"
    template_name = "retention/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            rules=selectors.schedule(self.space),
            runs=selectors.runs(self.space)[:20],
            due_count=selectors.due_count(self.space),
            can_manage=user.has_perm("retention.manage_schedule", self.space),
            can_propose=user.has_perm("retention.propose_disposal", self.space),
        )
        return context


class RuleObjectMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]

    @cached_property
    def rule(self) -> RetentionRule:
        return get_object_or_404(RetentionRule, space=self.space, pk=self.kwargs["pk"])

    def get_permission_object(self) -> Any:
        return self.rule


RULE_FIELDS = ("code", "name", "action", "years", "disposal_decision", "note")


class RuleCreateView(SpacePermissionMixin, FormView):  # type: ignore[type-arg]
    permission_required = "retention.manage_schedule"
    template_name = "retention/rule_form.html"
    form_class = RuleForm

    def form_valid(self, form: RuleForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in RULE_FIELDS}
        try:
            rule = services.rule_create(actor=self.request.user, space=self.space, **data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The rule %(code)s was added.") % {"code": rule.code})
        return redirect(home_url(self.space))


class RuleUpdateView(RuleObjectMixin, FormView):  # type: ignore[type-arg]
    permission_required = "retention.manage_schedule"
    template_name = "retention/rule_form.html"
    form_class = RuleForm

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.rule, name) for name in RULE_FIELDS}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rule"] = self.rule
        return context

    def form_valid(self, form: RuleForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in RULE_FIELDS}
        try:
            services.rule_update(actor=self.request.user, rule=self.rule, **data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The rule %(code)s was saved.") % {"code": data["code"]})
        return redirect(home_url(self.space))


class RuleDeleteView(RuleObjectMixin, TemplateView):
    permission_required = "retention.manage_schedule"
    template_name = "retention/rule_delete.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rule"] = self.rule
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        code = self.rule.code
        services.rule_delete(actor=request.user, rule=self.rule)
        messages.success(request, _("The rule %(code)s was removed.") % {"code": code})
        return redirect(home_url(self.space))
