"""Validation offers and the suppressed aggregate of validation outcomes (never the rows)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.education.validation.models import OfferKind, ValidationOffer
from samverka.education.validation.selectors import DIMENSIONS, FIGURE_COLUMNS, OutcomeTable
from samverka.platform.api.schema import NamedChoiceField


class ValidationOfferSerializer(serializers.ModelSerializer[ValidationOffer]):
    """Where and how a person can have their competence validated."""

    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    kind = NamedChoiceField(choices=OfferKind.choices, enum_name="ValidationOfferKind", label=_("kind"), read_only=True)
    ssyk_codes = serializers.ListField(child=serializers.CharField(), read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True, default="")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, default="")
    public_url = serializers.CharField(source="get_public_url", read_only=True)

    class Meta:
        model = ValidationOffer
        fields = [
            "id",
            "space",
            "title",
            "kind",
            "description",
            "industry_model_owner",
            "industry_model",
            "ssyk_codes",
            "sun_field",
            "provider",
            "provider_name",
            "organisation",
            "organisation_name",
            "municipality",
            "offerings",
            "educations",
            "languages",
            "cost",
            "contact_name",
            "contact_email",
            "contact_phone",
            "url",
            "is_published",
            "public_url",
            "updated_at",
        ]
        read_only_fields = fields


class OutcomeRowSerializer(serializers.Serializer[Any]):
    keys = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("Dimension → code (year, SSYK code, industry model, provider, municipality code)."),
    )
    labels = serializers.DictField(child=serializers.CharField(), read_only=True)
    figures = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        read_only=True,
        help_text=_("Figure → value; null where the figure is masked (below k)."),
    )


class OutcomeTableSerializer(serializers.Serializer[Any]):
    """A space's validation outcomes, aggregated; every figure below ``k`` is null (masked)."""

    space = serializers.CharField(read_only=True)
    k = serializers.IntegerField(read_only=True, help_text=_("Figures below this number are masked."))
    year = serializers.IntegerField(read_only=True, allow_null=True)
    group_by = serializers.ListField(child=serializers.ChoiceField(choices=list(DIMENSIONS)), read_only=True)
    figures = serializers.ListField(child=serializers.CharField(), read_only=True)
    rows = OutcomeRowSerializer(many=True, read_only=True)


def outcome_table_data(table: OutcomeTable) -> dict[str, Any]:
    return {
        "space": table.space.slug,
        "k": table.k,
        "year": table.year,
        "group_by": list(table.group_by),
        "figures": list(FIGURE_COLUMNS),
        "rows": [
            {
                "keys": {name: code for name, (code, _label) in row.keys.items()},
                "labels": {name: label for name, (_code, label) in row.keys.items()},
                "figures": {name: row.cells[name].value for name in FIGURE_COLUMNS},
            }
            for row in table.rows
        ],
    }
