"""The yearly reports to MYH: year, status, the template's sections with their figures, and the needs."""

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.education.knowledgenodes.models import YhArea
from samverka.education.myhreports.models import Confidence, MyhReport, NeedEntry, ReportFigure, ReportStatus
from samverka.platform.api.schema import NamedChoiceField


class ReportFigureSerializer(serializers.ModelSerializer[ReportFigure]):
    """One figure of a section, with its source and vintage."""

    source = serializers.CharField(source="source_name", read_only=True)  # type: ignore[assignment]

    class Meta:
        model = ReportFigure
        fields = ["key", "label", "value", "unit", "source", "vintage", "fetched_at"]
        read_only_fields = fields


class ReportSectionSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    figures = ReportFigureSerializer(many=True, read_only=True)


class NeedEntrySerializer(serializers.ModelSerializer[NeedEntry]):
    """A competence need 3–5 years ahead per YH education area and occupation."""

    yh_area = NamedChoiceField(choices=YhArea.choices, enum_name="YhArea", label=_("YH education area"), read_only=True)
    confidence = NamedChoiceField(
        choices=Confidence.choices, enum_name="NeedConfidence", label=_("confidence"), read_only=True
    )

    class Meta:
        model = NeedEntry
        fields = ["id", "yh_area", "ssyk", "motivation", "evidence", "confidence", "sources", "priority"]
        read_only_fields = fields


class MyhReportSerializer(serializers.ModelSerializer[MyhReport]):
    """One region's (space's) yearly report to MYH."""

    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    status = NamedChoiceField(
        choices=ReportStatus.choices, enum_name="MyhReportStatus", label=_("status"), read_only=True
    )
    sections = serializers.SerializerMethodField()
    needs = NeedEntrySerializer(many=True, read_only=True)

    class Meta:
        model = MyhReport
        fields = [
            "id",
            "space",
            "year",
            "status",
            "registration_number",
            "generated_at",
            "decided_at",
            "registered_at",
            "submitted_at",
            "sections",
            "needs",
        ]
        read_only_fields = fields

    @extend_schema_field(ReportSectionSerializer(many=True))
    def get_sections(self, report: MyhReport) -> Any:
        """The template's sections in order, each with its text and figures (from the prefetched figures)."""
        figures: dict[str, list[ReportFigure]] = defaultdict(list)
        for figure in report.figures.all():
            figures[figure.section].append(figure)
        sections = [
            {"key": key, "title": title, "text": str(report.texts.get(key, "")), "figures": figures[key]}
            for key, title in report.template.section_list()
        ]
        return ReportSectionSerializer(sections, many=True, context=self.context).data
