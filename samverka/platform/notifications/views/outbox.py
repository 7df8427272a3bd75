"""The outbox pages: what was (or will be) sent, per space and for the whole platform."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.notifications import selectors, services
from samverka.platform.notifications.forms import OutboxFilterForm
from samverka.platform.notifications.models import OutboxMessage
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space

PAGE_SIZE = 25


class _OutboxScope:
    """The space of the URL, or None on the platform-wide pages."""

    kwargs: dict[str, Any]
    request: HttpRequest

    @property
    def scope_space(self) -> Space | None:
        return getattr(self, "space", None) if "space" in self.kwargs else None

    def outbox_url(self, name: str, **kwargs: Any) -> str:
        if self.scope_space is not None:
            kwargs["space"] = self.scope_space.slug
        return reverse(f"notifications:{name}", kwargs=kwargs)


class _OutboxListBase(_OutboxScope, PermissionMixin, TemplateView):
    template_name = "notifications/outbox_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = OutboxFilterForm(self.request.GET or None)
        status = form.cleaned_data.get("status", "") if form.is_valid() else ""
        space = self.scope_space
        rows = selectors.outbox_list(user=self.request.user, space=space, status=status)
        context["filter_form"] = form
        context["filtered"] = bool(status)
        context["page_obj"] = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["counts"] = selectors.outbox_counts(user=self.request.user, space=space)
        context["show_space"] = space is None
        context["list_url"] = self.outbox_url("outbox")
        context["detail_url_name"] = "notifications:outbox-message"
        return context


class SpaceOutboxListView(SpaceMixin, _OutboxListBase):
    """The e-mails queued for one space (its administrators and secretariat)."""

    permission_required = "notifications.view_space_outbox"

    def get_permission_object(self) -> Any:
        return self.space


class OutboxListView(_OutboxListBase):
    """Every e-mail of the platform (platform administrators)."""

    permission_required = "notifications.view_outbox"


class _MessageMixin(_OutboxScope, PermissionMixin):
    @cached_property
    def message(self) -> OutboxMessage:
        found = selectors.outbox_message(user=self.request.user, pk=self.kwargs["pk"], space=self.scope_space)
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> Any:
        return self.message


class _MessageDetailBase(_MessageMixin, TemplateView):
    template_name = "notifications/outbox_detail.html"
    permission_required = "notifications.view_outboxmessage"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["message"] = self.message
        context["list_url"] = self.outbox_url("outbox")
        context["retry_url"] = self.outbox_url("outbox-retry", pk=self.message.pk)
        context["can_retry"] = self.message.status == "failed" and self.request.user.has_perm(
            "notifications.retry_outboxmessage", self.message
        )
        return context


class SpaceOutboxMessageDetailView(SpaceMixin, _MessageDetailBase):
    """One e-mail of the space: recipient, status, text and attachment names."""


class OutboxMessageDetailView(_MessageDetailBase):
    """One e-mail, platform-wide."""


class _MessageRetryBase(_MessageMixin, View):
    permission_required = "notifications.retry_outboxmessage"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.outbox_retry(actor=request.user, message=self.message)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The message is queued again and will be sent shortly."))
        return redirect(self.outbox_url("outbox-message", pk=self.message.pk))


class SpaceOutboxMessageRetryView(SpaceMixin, _MessageRetryBase):
    """Queue a failed e-mail of the space again (POST)."""


class OutboxMessageRetryView(_MessageRetryBase):
    """Queue a failed e-mail again, platform-wide (POST)."""
