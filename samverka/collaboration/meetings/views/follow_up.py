"""Decision and action item pages: record them from a meeting, close a decision, change an action
item's status."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.forms_minutes import (
    ActionItemForm,
    ActionStatusForm,
    DecisionCloseForm,
    DecisionForm,
)
from samverka.collaboration.meetings.models import ActionItem, Decision
from samverka.collaboration.meetings.views.minutes import MeetingMinutesMixin, minutes_url
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin


def _next_url(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


class DecisionCreateView(MeetingMinutesMixin, FormView):
    """Record a decision under an agenda item; it gets the next number of the body and year."""

    permission_required = "meetings.change_minutes"
    template_name = "meetings/decision_form.html"
    form_class = DecisionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["meeting"] = self.meeting
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        item = self.request.GET.get("item", "")
        return {"agenda_item": int(item)} if item.isdigit() and len(item) < 12 else {}

    def form_valid(self, form: DecisionForm) -> HttpResponse:
        try:
            decision = services.decision_create(actor=self.request.user, meeting=self.meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Decision %(label)s was recorded.") % {"label": decision.label})
        return redirect(minutes_url(self.meeting, "minutes-edit") + "#decisions")


class ActionItemCreateView(MeetingMinutesMixin, FormView):
    """Record an action item: what, who, by when."""

    permission_required = "meetings.change_minutes"
    template_name = "meetings/action_form.html"
    form_class = ActionItemForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["meeting"] = self.meeting
        return kwargs

    def form_valid(self, form: ActionItemForm) -> HttpResponse:
        try:
            services.action_item_create(actor=self.request.user, meeting=self.meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The action item was recorded."))
        return redirect(minutes_url(self.meeting, "minutes-edit") + "#actions")


class DecisionCloseView(SpaceMixin, PermissionMixin, FormView):
    """Close a followed-up decision with a note on the outcome."""

    permission_required = "meetings.change_decision"
    template_name = "meetings/decision_close.html"
    form_class = DecisionCloseForm

    @cached_property
    def decision(self) -> Decision:
        queryset = Decision.objects.restrict(self.request.user).filter(body__space=self.space)
        return get_object_or_404(
            queryset.select_related("body__space", "meeting", "responsible_contact"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self) -> Decision:
        return self.decision

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["decision"] = self.decision
        context["next"] = _next_url(self.request, "")
        return context

    def form_valid(self, form: DecisionCloseForm) -> HttpResponse:
        try:
            services.decision_close(
                actor=self.request.user, decision=self.decision, closing_note=form.cleaned_data["closing_note"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Decision %(label)s was closed.") % {"label": self.decision.label})
        meeting = self.decision.meeting
        return redirect(_next_url(self.request, minutes_url(meeting) if meeting else "meetings:my-page"))


class ActionItemStatusView(SpaceMixin, PermissionMixin, FormView):
    """Change an action item's status (open, in progress, done): its owner or who runs the body."""

    permission_required = "meetings.change_action_item"
    template_name = "meetings/action_status.html"
    form_class = ActionStatusForm

    @cached_property
    def item(self) -> ActionItem:
        queryset = ActionItem.objects.restrict(self.request.user).filter(body__space=self.space)
        return get_object_or_404(
            queryset.select_related("body__space", "meeting", "owner_contact", "owner_user"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self) -> ActionItem:
        return self.item

    def get_initial(self) -> dict[str, Any]:
        return {"status": self.item.status}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["next"] = _next_url(self.request, "")
        return context

    def form_valid(self, form: ActionStatusForm) -> HttpResponse:
        try:
            services.action_item_set_status(actor=self.request.user, item=self.item, status=form.cleaned_data["status"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” is now %(status)s.") % {"title": self.item.title, "status": self.item.get_status_display()},
        )
        return redirect(_next_url(self.request, "meetings:my-page"))
