"""Tracked education orders with the pages' rule: ``EducationOrder.objects.restrict(user)`` (published orders for
everyone; the rest for the space's insiders and the leaders of the ordering and the addressee bodies)."""

import django_filters as filters
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from samverka.education.orders.models import EducationOrder, OrderAddressee, OrderStatus
from samverka.education.validation.models import ValidationOffer
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.orders import EducationOrderSerializer
from samverka.platform.api.views.base import ReadOnlyApiViewSet


class EducationOrderFilter(filters.FilterSet):
    space = filters.CharFilter(field_name="space__slug", help_text=_("The space's slug."))
    status = filters.ChoiceFilter(choices=OrderStatus.choices)
    is_published = filters.BooleanFilter()

    class Meta:
        model = EducationOrder
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="List the education orders you may see (published ones, and those of your spaces and bodies)",
        tags=["orders"],
    ),
    retrieve=extend_schema(summary="An education order with its addressees' line decisions", tags=["orders"]),
)
class EducationOrderViewSet(ReadOnlyApiViewSet):
    """Education orders; filter by ``space`` (slug), ``status``, ``is_published``."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "orders.view_educationorder"}
    serializer_class = EducationOrderSerializer
    lookup_value_regex = r"\d+"
    filterset_class = EducationOrderFilter
    ordering = ("space_id", "created_at", "pk")

    def get_queryset(self) -> QuerySet[EducationOrder]:
        return (
            EducationOrder.objects.restrict(self.request.user)
            .select_related("space", "origin_body")
            .prefetch_related(
                Prefetch("addressees", queryset=OrderAddressee.objects.select_related("body", "organisation")),
                "occupations",
                "consultations",
                "municipalities",
                "offerings",
                Prefetch("validation_offers", queryset=ValidationOffer.objects.restrict(self.request.user)),
            )
        )
