"""The yearly reports to MYH with the pages' rule: ``MyhReport.objects.restrict(user)`` (the space's insiders;
insiders of the national space also see every submitted report; nothing is public)."""

import django_filters as filters
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from samverka.education.myhreports.models import MyhReport, ReportFigure, ReportStatus
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.myhreports import MyhReportSerializer
from samverka.platform.api.views.base import ReadOnlyApiViewSet


class MyhReportFilter(filters.FilterSet):
    space = filters.CharFilter(field_name="space__slug", help_text=_("The space's slug."))
    year = filters.NumberFilter()
    status = filters.ChoiceFilter(choices=ReportStatus.choices)

    class Meta:
        model = MyhReport
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="List the yearly reports to MYH you may see", tags=["myh-reports"]),
    retrieve=extend_schema(
        summary="A yearly report to MYH with its sections' figures (source and vintage) and needs",
        tags=["myh-reports"],
    ),
)
class MyhReportViewSet(ReadOnlyApiViewSet):
    """Yearly reports to MYH; filter by ``space`` (slug), ``year``, ``status``."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "myhreports.view_myhreport"}
    serializer_class = MyhReportSerializer
    lookup_value_regex = r"\d+"
    filterset_class = MyhReportFilter
    ordering = ("space_id", "-year", "pk")

    def get_queryset(self) -> QuerySet[MyhReport]:
        return (
            MyhReport.objects.restrict(self.request.user)
            .select_related("space", "template")
            .prefetch_related(
                Prefetch("figures", queryset=ReportFigure.objects.order_by("section", "position")),
                "needs",
            )
        )
