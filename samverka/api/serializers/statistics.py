"""Statistical datasets with their readable versions, observations, and the indicator catalogue."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.api.schema import NamedChoiceField
from samverka.statistics.models import Dataset, DatasetSource, DatasetVersion, Observation, VersionStatus
from samverka.statistics.storage import ROW_COLUMNS


class DatasetVersionSerializer(serializers.ModelSerializer[DatasetVersion]):
    status = NamedChoiceField(
        choices=VersionStatus.choices, enum_name="DatasetVersionStatus", label=_("status"), read_only=True
    )

    class Meta:
        model = DatasetVersion
        fields = ["id", "number", "status", "imported_at", "published_at", "source_url", "source_updated", "cell_count"]
        read_only_fields = fields


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
    """One cell: the source's category code per dimension (empty when the table lacks it)."""

    class Meta:
        model = Observation
        fields = ["id", "version", *ROW_COLUMNS]
        read_only_fields = fields


class IndicatorSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    definition = serializers.CharField(read_only=True)
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    measures = serializers.ListField(child=serializers.CharField(), read_only=True)
    params = serializers.ListField(child=serializers.CharField(), read_only=True)


class IndicatorTableSerializer(serializers.Serializer[Any]):
    """The result of an indicator: a table with its unit, definition and a note."""

    title = serializers.CharField(read_only=True)
    columns = serializers.ListField(child=serializers.CharField(), read_only=True)
    rows = serializers.ListField(child=serializers.ListField(), read_only=True)
    unit = serializers.CharField(read_only=True)
    definition = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
