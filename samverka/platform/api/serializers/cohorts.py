"""The suppressed follow-up table of a space's cohorts (never the rows)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.education.cohorts.selectors import FIGURES, FollowUpTable


class FollowUpRowSerializer(serializers.Serializer[Any]):
    offering = serializers.IntegerField(read_only=True, help_text=_("The offering's id."))
    offering_label = serializers.CharField(read_only=True)
    municipality = serializers.CharField(read_only=True)
    start_year = serializers.IntegerField(read_only=True)
    figures = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        read_only=True,
        help_text=_("Figure → value; null where the figure is masked (below k)."),
    )
    completion_rate = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Completed as a percentage of started; null when masked.")
    )


class FollowUpTableSerializer(serializers.Serializer[Any]):
    """A space's cohorts per offering and start year; every figure below ``k`` is null (masked)."""

    space = serializers.CharField(read_only=True)
    k = serializers.IntegerField(read_only=True, help_text=_("Figures below this number are masked."))
    year = serializers.IntegerField(read_only=True, allow_null=True)
    figures = serializers.ListField(child=serializers.CharField(), read_only=True)
    rows = FollowUpRowSerializer(many=True, read_only=True)


def follow_up_data(table: FollowUpTable) -> dict[str, Any]:
    return {
        "space": table.space.slug,
        "k": table.k,
        "year": table.year,
        "figures": list(FIGURES),
        "rows": [
            {
                "offering": row.offering_id,
                "offering_label": row.offering,
                "municipality": row.municipality,
                "start_year": row.start_year,
                "figures": {name: cell.value for name, cell in row.cells.items()},
                "completion_rate": row.completion_rate,
            }
            for row in table.rows
        ],
    }
