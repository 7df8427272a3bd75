"""The public order pages: published orders only (an unpublished order answers 404 to everyone outside), each a
secrecy-aware subset of the order with a timeline from the forum's decision to the outcome."""

from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.views.generic import TemplateView

from samverka.education.orders import secrecy, selectors
from samverka.education.orders.models import EducationOrder
from samverka.platform.core.permissions import PUBLIC, PermissionMixin


class PublicOrderListView(PermissionMixin, TemplateView):
    """The published orders, oldest first, by key (``?after=<last id>``)."""

    permission_required = PUBLIC
    template_name = "orders/public_order_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("after", "")
        rows = selectors.public_order_list(after=int(raw) if raw.isdigit() else None)
        more = len(rows) > selectors.PAGE_SIZE
        rows = rows[: selectors.PAGE_SIZE]
        context.update(orders=rows, next_after=rows[-1].pk if more else None)
        return context


class PublicOrderView(PermissionMixin, TemplateView):
    """A published order's public page."""

    permission_required = PUBLIC
    template_name = "orders/public_order.html"

    @cached_property
    def order(self) -> EducationOrder:
        try:
            return selectors.public_order_get(self.kwargs["pk"])
        except EducationOrder.DoesNotExist as missing:
            raise Http404 from missing

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        order = self.order
        for a in order.addressees.all():  # the public page never shows what a secrecy marking hides
            a.shown_reason = secrecy.shown(order, secrecy.REASONS, a.reason, granted=False)  # type: ignore[attr-defined]
        context.update(
            order=order,
            rationale=secrecy.shown(order, secrecy.RATIONALE, order.rationale, granted=False),
            sources=selectors.rationale_sources(order, AnonymousUser())
            if secrecy.shows(order, secrecy.RATIONALE, False)
            else None,
            names=selectors.occupation_names([row.ssyk_code for row in order.occupations.all()]),
        )
        return context
