"""Query-string filters of the list endpoints (django-filter; invalid values answer 400)."""

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors import selectors as actor_selectors
from samverka.collaboration.actors.models import Contact, GeographicLevel, Organisation, OrganisationType
from samverka.collaboration.bodies.models import Area, Body, BodyKind, BodyRole, BodyStatus, Membership
from samverka.platform.core.models import County, Municipality


class OrganisationFilter(filters.FilterSet):
    """The register's filters, applied by ``actors.selectors.organisation_list`` (the same search as the UI)."""

    q = filters.CharFilter(help_text=_("Part of the name or an organisation number."))
    type = filters.ChoiceFilter(choices=OrganisationType.choices)
    level = filters.ChoiceFilter(choices=GeographicLevel.choices)
    county = filters.ModelChoiceFilter(queryset=County.objects.all(), help_text=_("County code, e.g. 04."))
    municipality = filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(), help_text=_("Municipality code, e.g. 0484.")
    )
    include_inactive = filters.BooleanFilter(help_text=_("Also organisations marked inactive (left out by default)."))

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
        """All filters at once, through the selector (the view's queryset is the unfiltered register)."""
        data = self.form.cleaned_data
        county, municipality = data.get("county"), data.get("municipality")
        return actor_selectors.organisation_list(
            user=self.request.user if self.request is not None else None,  # live for editors, else published
            q=data.get("q") or "",
            type=data.get("type") or "",
            level=data.get("level") or "",
            county=county.pk if county else "",
            municipality=municipality.pk if municipality else "",
            include_inactive=bool(data.get("include_inactive")),
        )


class ContactFilter(filters.FilterSet):
    organisation = filters.NumberFilter(field_name="organisation_id", help_text=_("Organisation id."))

    class Meta:
        model = Contact
        fields: list[str] = []


class MunicipalityFilter(filters.FilterSet):
    county = filters.CharFilter(field_name="county_id", help_text=_("County code, e.g. 04."))

    class Meta:
        model = Municipality
        fields: list[str] = []


class BodyFilter(filters.FilterSet):
    space = filters.CharFilter(field_name="space__slug", help_text=_("The space's short name (slug)."))
    kind = filters.ChoiceFilter(choices=BodyKind.choices)
    area = filters.ChoiceFilter(choices=Area.choices)
    status = filters.ChoiceFilter(choices=BodyStatus.choices)

    class Meta:
        model = Body
        fields: list[str] = []


class MembershipFilter(filters.FilterSet):
    body = filters.NumberFilter(field_name="body_id", help_text=_("Body id."))
    organisation = filters.NumberFilter(field_name="organisation_id", help_text=_("Organisation id."))
    role = filters.ChoiceFilter(choices=BodyRole.choices)

    class Meta:
        model = Membership
        fields: list[str] = []
