"""Statistical datasets with their readable versions, observations, and the indicator catalogue."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.insight.statistics.models import Dataset, DatasetSource, DatasetVersion, Observation, VersionStatus
from samverka.insight.statistics.storage import ROW_COLUMNS
from samverka.platform.api.schema import NamedChoiceField


class DatasetVersionSerializer(serializers.ModelSerializer[DatasetVersion]):
    status = NamedChoiceField(
        choices=VersionStatus.choices, enum_name="DatasetVersionStatus", label=_("status"), read_only=True
    )

    class Meta:
        model = DatasetVersion
        fields = [
            "id",
            "number",
            "status",
            "imported_at",
            "published_at",
            "source_url",
            "source_updated",
            "cell_count",
            "quality_errors",
            "accepted_reason",
        ]
        read_only_fields = fields

    quality_errors = serializers.SerializerMethodField(
        help_text=_("The quality checks that found errors (publishing needed a reason to accept them).")
    )

    def get_quality_errors(self, version: DatasetVersion) -> list[str]:
        from samverka.insight.statistics.quality import errors

        return errors(version.quality or {})


class DatasetSerializer(serializers.ModelSerializer[Dataset]):
    """A dataset with the versions you may read (published ones; insiders of its space also see drafts)."""

    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    source = NamedChoiceField(  # type: ignore[assignment]
        choices=DatasetSource.choices, enum_name="DatasetSource", label=_("source"), read_only=True
    )
    versions = serializers.SerializerMethodField()

    class Meta:
        model = Dataset
        fields = [
            "id",
            "space",
            "slug",
            "title",
            "description",
            "source",
            "table_id",
            "unit",
            "is_public",
            "is_synthetic",
            "versions",
        ]
        read_only_fields = fields

    def get_versions(self, dataset: Dataset) -> list[dict[str, Any]]:
        return DatasetVersionSerializer(getattr(dataset, "readable_versions", []), many=True).data  # type: ignore[return-value]


class ObservationSerializer(serializers.ModelSerializer[Observation]):
    """One cell: the source's category code per dimension (empty when the table lacks it), the name of
    each code (``labels``, e.g. ``{"region": "Eskilstuna"}``) and whether the data is synthetic."""

    labels = serializers.SerializerMethodField()
    synthetic = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = ["id", "version", *ROW_COLUMNS, "labels", "synthetic"]
        read_only_fields = fields

    def get_labels(self, cell: Observation) -> dict[str, str]:
        names: dict[str, dict[str, str]] = self.context.get("labels", {})
        found = {}
        for column, by_code in names.items():
            code = getattr(cell, column, "")
            if code:
                found[column] = by_code.get(str(code), str(code))
        return found

    def get_synthetic(self, cell: Observation) -> bool:
        return bool(self.context.get("synthetic", False))


class IndicatorSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    definition = serializers.CharField(read_only=True)
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    measures = serializers.ListField(child=serializers.CharField(), read_only=True)
    params = serializers.ListField(child=serializers.CharField(), read_only=True)
    available = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text=_("With ?version=: whether the indicator can be computed on that version (null without one)."),
    )
    unavailable_reason = serializers.CharField(
        read_only=True, help_text=_("With ?version=: why the indicator cannot be computed on it.")
    )


class IndicatorTableSerializer(serializers.Serializer[Any]):
    """The result of an indicator: a table with its unit, definition and a note."""

    title = serializers.CharField(read_only=True)
    columns = serializers.ListField(child=serializers.CharField(), read_only=True)
    rows = serializers.ListField(child=serializers.ListField(), read_only=True)
    codes = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        read_only=True,
        help_text=_('The code of each row\'s category (the row shows its name), "" where there is none.'),
    )
    unit = serializers.CharField(read_only=True)
    definition = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
    synthetic = serializers.BooleanField(
        read_only=True, help_text=_("True when the figures come from synthetic data, not official statistics.")
    )
