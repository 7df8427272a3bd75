"""The education catalogue: providers, educations and offerings, each with its source and last update."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.education.catalogue.models import (
    CreditSystem,
    Education,
    Offering,
    Provider,
    ResponsibleBodyType,
    SchoolType,
    Source,
)
from samverka.platform.api.schema import NamedChoiceField

_SOURCE_FIELDS = ["source", "source_id", "last_updated", "is_published", "removed_at"]


def _source_field() -> NamedChoiceField:
    return NamedChoiceField(choices=Source.choices, enum_name="CatalogueSource", label=_("source"), read_only=True)


class _Sourced(serializers.ModelSerializer[Any]):
    source = _source_field()  # type: ignore[assignment]
    space: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    last_updated = serializers.DateTimeField(
        read_only=True, help_text=_("When the source last changed the row (or, for local rows, when last saved).")
    )


class ProviderSerializer(_Sourced):
    responsible_body_type = NamedChoiceField(
        choices=ResponsibleBodyType.choices,
        enum_name="ResponsibleBodyType",
        label=_("responsible body"),
        read_only=True,
    )

    class Meta:
        model = Provider
        fields = [
            "id",
            "space",
            "name",
            "org_number",
            "organisation",
            "responsible_body_type",
            "street_address",
            "postal_code",
            "town",
            "municipality",
            "email",
            "phone",
            "url",
            *_SOURCE_FIELDS,
        ]
        read_only_fields = fields


class EducationSerializer(_Sourced):
    school_type = NamedChoiceField(
        choices=SchoolType.choices, enum_name="SchoolType", label=_("school type"), read_only=True
    )
    credit_system = NamedChoiceField(
        choices=CreditSystem.choices, enum_name="CreditSystem", label=_("credit system"), read_only=True
    )
    occupations = serializers.SerializerMethodField(
        help_text=_("Target occupations (SSYK 2012): the primary first; 'local' when added here.")
    )

    class Meta:
        model = Education
        fields = [
            "id",
            "space",
            "provider",
            "code",
            "title",
            "description",
            "school_type",
            "sun_field",
            "sun_level",
            "seqf_level",
            "credit_system",
            "credits",
            "extent",
            "is_vocational",
            "leads_to_degree",
            "csn_eligible",
            "occupations",
            *_SOURCE_FIELDS,
        ]
        read_only_fields = fields

    def get_occupations(self, education: Education) -> list[dict[str, Any]]:
        return [
            {"ssyk_code": row.ssyk_code, "is_primary": row.is_primary, "local": row.is_local}
            for row in education.occupations.all()
        ]


class OfferingSerializer(_Sourced):
    local_occupations = serializers.SerializerMethodField(
        help_text=_("Target occupations (SSYK 2012) added here to the offering, beside the education's.")
    )
    public_url = serializers.SerializerMethodField(help_text=_("The offering's page on the public education search."))

    class Meta:
        model = Offering
        fields = [
            "id",
            "space",
            "education",
            "provider",
            "municipality",
            "county_code",
            "locality",
            "start_date",
            "end_date",
            "application_opens",
            "application_closes",
            "continuous_admission",
            "pace_percent",
            "is_distance",
            "onsite_sessions",
            "places",
            "fee_sek",
            "fee_note",
            "language",
            "is_apprenticeship",
            "is_cancelled",
            "url",
            "hidden_after",
            "local_occupations",
            "public_url",
            *_SOURCE_FIELDS,
        ]
        read_only_fields = fields

    def get_local_occupations(self, offering: Offering) -> list[str]:
        return [row.ssyk_code for row in offering.local_occupations.all()]

    def get_public_url(self, offering: Offering) -> str:
        return offering.get_public_url()
