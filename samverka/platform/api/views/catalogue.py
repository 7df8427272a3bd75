"""The education catalogue, read-only: providers, educations and offerings.

The same rule as the pages (the models' ``restrict``): everyone reads the published rows the feed has
not removed; the space's insiders (and platform admins) every row of the space. A row the person may
not read answers 404. Offerings take the public search's filters (``catalogue.selectors.filter_offerings``),
and ``public=true`` keeps only what the public search shows today (not cancelled, not over).
"""

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from samverka.education.catalogue import selectors
from samverka.education.catalogue.models import Education, Offering, Provider, SchoolType
from samverka.education.catalogue.selectors import Pace, SearchFilters
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.catalogue import EducationSerializer, OfferingSerializer, ProviderSerializer
from samverka.platform.api.views.base import ReadOnlyApiViewSet

_TAGS = ["education catalogue"]


class ProviderFilter(filters.FilterSet):
    space = filters.CharFilter(field_name="space__slug", help_text=_("The space's short name, e.g. sormland."))
    municipality = filters.CharFilter(field_name="municipality_id", help_text=_("Municipality code, e.g. 0484."))
    source = filters.CharFilter(help_text=_("emil3 or local."))

    class Meta:
        model = Provider
        fields: list[str] = []


class EducationFilter(filters.FilterSet):
    space = filters.CharFilter(field_name="space__slug", help_text=_("The space's short name, e.g. sormland."))
    provider = filters.NumberFilter(field_name="provider_id", help_text=_("Provider id."))
    school_type = filters.MultipleChoiceFilter(choices=SchoolType.choices)
    sun_field = filters.CharFilter(field_name="sun_field", lookup_expr="startswith")
    source = filters.CharFilter(help_text=_("emil3 or local."))

    class Meta:
        model = Education
        fields: list[str] = []


class OfferingFilter(filters.FilterSet):
    """The public search's filters; applied by ``catalogue.selectors.filter_offerings``."""

    space = filters.CharFilter(help_text=_("The space's short name, e.g. sormland."))
    education = filters.NumberFilter(help_text=_("Education id."))
    provider = filters.NumberFilter(help_text=_("Provider id."))
    q = filters.CharFilter(help_text=_("Words in the education's title, the provider's name or the place."))
    school_type = filters.MultipleChoiceFilter(choices=SchoolType.choices)
    county = filters.CharFilter(help_text=_("County code, e.g. 04."))
    municipality = filters.CharFilter(help_text=_("Municipality code, e.g. 0484."))
    include_distance = filters.BooleanFilter(help_text=_("With county or municipality: also distance offerings."))
    start_from = filters.DateFilter(help_text=_("Starts on or after (YYYY-MM-DD)."))
    start_to = filters.DateFilter(help_text=_("Starts on or before (YYYY-MM-DD)."))
    open_now = filters.BooleanFilter(help_text=_("Open for application today."))
    pace = filters.ChoiceFilter(choices=[(Pace.FULL, _("Full time")), (Pace.PART, _("Part time"))])
    sun_field = filters.CharFilter(help_text=_("SUN 2020 field code or its start, e.g. 72."))
    ssyk = filters.CharFilter(help_text=_("SSYK 2012 code or its start, e.g. 5321."))
    leads_to_degree = filters.BooleanFilter()
    csn = filters.BooleanFilter(help_text=_("Eligible for student aid (CSN)."))
    public = filters.BooleanFilter(help_text=_("Only what the public search shows today (not cancelled, not over)."))

    class Meta:
        model = Offering
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet[Offering]) -> QuerySet[Offering]:
        data = self.form.cleaned_data
        search = SearchFilters(
            q=data.get("q") or "",
            school_types=tuple(data.get("school_type") or ()),
            county=data.get("county") or "",
            municipality=data.get("municipality") or "",
            include_distance=bool(data.get("include_distance")),
            start_from=data.get("start_from"),
            start_to=data.get("start_to"),
            open_now=bool(data.get("open_now")),
            pace=data.get("pace") or "",
            sun_field=data.get("sun_field") or "",
            occupations=(data["ssyk"],) if data.get("ssyk") else (),
            leads_to_degree=bool(data.get("leads_to_degree")),
            csn=bool(data.get("csn")),
        )
        queryset = selectors.filter_offerings(queryset, search)
        if data.get("space"):
            queryset = queryset.filter(space__slug=data["space"])
        if data.get("education"):
            queryset = queryset.filter(education_id=data["education"])
        if data.get("provider"):
            queryset = queryset.filter(provider_id=data["provider"])
        if data.get("public"):
            queryset = queryset.filter(pk__in=selectors.public_offerings().values("pk"))
        return queryset


#: Published rows are public; ``restrict(user)`` in the selectors decides the rest (hidden → 404).
_READ = {"list": PUBLIC_RULE, "retrieve": PUBLIC_RULE}


@extend_schema_view(
    list=extend_schema(summary="List the education providers you may read", tags=_TAGS),
    retrieve=extend_schema(summary="An education provider", tags=_TAGS),
)
class ProviderViewSet(ReadOnlyApiViewSet):
    """Education providers (utbildningsanordnare) with their source (EMIL3 or entered here)."""

    permission_required = _READ
    serializer_class = ProviderSerializer
    filterset_class = ProviderFilter
    lookup_value_regex = r"\d+"
    ordering = ("name", "pk")

    def get_queryset(self) -> QuerySet[Provider]:
        return selectors.visible_providers(self.request.user)


@extend_schema_view(
    list=extend_schema(summary="List the educations you may read", tags=_TAGS),
    retrieve=extend_schema(summary="An education (what is taught)", tags=_TAGS),
)
class EducationViewSet(ReadOnlyApiViewSet):
    """Educations (EMIL's educationInfo): what is taught, with school type, SUN field and target occupations."""

    permission_required = _READ
    serializer_class = EducationSerializer
    filterset_class = EducationFilter
    lookup_value_regex = r"\d+"
    ordering = ("title", "pk")

    def get_queryset(self) -> QuerySet[Education]:
        return selectors.visible_educations(self.request.user)


@extend_schema_view(
    list=extend_schema(summary="List or search the education offerings you may read", tags=_TAGS),
    retrieve=extend_schema(summary="An education offering (when, where and how)", tags=_TAGS),
)
class OfferingViewSet(ReadOnlyApiViewSet):
    """Offerings (EMIL's educationEvent): when, where and how an education is given; filter by start date."""

    permission_required = _READ
    serializer_class = OfferingSerializer
    filterset_class = OfferingFilter
    lookup_value_regex = r"\d+"
    # Keyset pages need non-null columns, and an offering's start date may be empty: in the order they came.
    ordering = ("pk",)

    def get_queryset(self) -> QuerySet[Offering]:
        return selectors.visible_offerings(self.request.user)
