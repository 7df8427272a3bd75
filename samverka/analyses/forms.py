"""Forms of the analyses pages: charts, analyses, blocks, body coverage and data packs."""

import json
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.analyses.models import Analysis, AnalysisBlock, ChartDefinition, ChartKind, ChartSource, QuarterTheme
from samverka.analyses.queries import AXIS_COLUMNS
from samverka.statistics.models import DatasetVersion

AXIS_CHOICES = [(str(role.value), role.label) for role in AXIS_COLUMNS]


class VersionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: DatasetVersion) -> str:
        return f"{obj.dataset.title} – v{obj.number} ({obj.get_status_display()})"


class VersionsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: DatasetVersion) -> str:
        return f"{obj.dataset.title} – v{obj.number} ({obj.get_status_display()})"


def indicator_choices() -> list[tuple[str, str]]:
    """The indicators of the catalogue (another app's; none until it is installed)."""
    try:
        from samverka.indicators import catalogue
    except ImportError:
        return []
    return [(key, str(indicator.name)) for key, indicator in catalogue.INDICATORS.items()]


def parse_filters(text: str) -> dict[str, list[str]]:
    """``role=code,code`` per line into ``{role: [codes]}``; names the line that is wrong."""
    filters: dict[str, list[str]] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sep, codes = line.partition("=")
        name = name.strip()
        if not sep or name not in dict(AXIS_CHOICES):
            raise forms.ValidationError(
                _("Line %(n)s: write a dimension (%(names)s), '=' and codes separated by commas.")
                % {"n": number, "names": ", ".join(dict(AXIS_CHOICES))}
            )
        filters[name] = [code.strip() for code in re.split(r"[,;]", codes) if code.strip()]
    return filters


def filters_text(filters: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}={','.join(codes)}" for name, codes in (filters or {}).items())


class ChartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ChartKind.choices)
    source = forms.ChoiceField(label=_("Draw from"), choices=ChartSource.choices)
    version = VersionChoiceField(label=_("Dataset version"), queryset=DatasetVersion.objects.none())
    x_dimension = forms.ChoiceField(
        label=_("Dimension on the x axis"),
        choices=[("", "—"), *AXIS_CHOICES],
        required=False,
        help_text=_("For a map: Region."),
    )
    series_dimension = forms.ChoiceField(
        label=_("Series dimension"), choices=[("", "—"), *AXIS_CHOICES], required=False
    )
    measure = forms.CharField(label=_("Measure code"), max_length=60, required=False)
    filters = forms.CharField(
        label=_("Filters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One dimension per line, e.g. ssyk=7212,7213 or sex=1. Empty: totals."),
    )
    indicator_key = forms.ChoiceField(label=_("Indicator"), choices=[("", "—")], required=False)
    indicator_params = forms.CharField(
        label=_("Indicator parameters (JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]
        self.fields["indicator_key"].choices = [("", "—"), *indicator_choices()]  # type: ignore[attr-defined]

    def clean_filters(self) -> dict[str, list[str]]:
        return parse_filters(self.cleaned_data.get("filters", ""))

    def clean_indicator_params(self) -> dict[str, Any]:
        raw = (self.cleaned_data.get("indicator_params") or "").strip()
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError as error:
            raise forms.ValidationError(
                _("Write the parameters as a JSON object: %(error)s") % {"error": error}
            ) from error
        if not isinstance(value, dict):
            raise forms.ValidationError(_('Write the parameters as a JSON object, e.g. {"years": 5}.'))
        return value

    @staticmethod
    def initial_from(chart: ChartDefinition) -> dict[str, Any]:
        return {
            "title": chart.title,
            "kind": chart.kind,
            "source": chart.source,
            "version": chart.version_id,
            "x_dimension": chart.x_dimension,
            "series_dimension": chart.series_dimension,
            "measure": chart.measure,
            "filters": filters_text(chart.filters),
            "indicator_key": chart.indicator_key,
            "indicator_params": json.dumps(chart.indicator_params) if chart.indicator_params else "",
            "unit": chart.unit,
            "note": chart.note,
        }


class AnalysisForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Analysis
        fields = ["title", "summary", "is_public"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


class BlockForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AnalysisBlock
        fields = ["kind", "heading", "text", "chart"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, charts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chart"].queryset = charts  # type: ignore[attr-defined]
        self.fields["chart"].required = False
        self.fields["text"].required = False
        self.fields["text"].help_text = _("For a chart block: optional text shown under the chart.")


class CoverageForm(forms.Form):
    ssyk_codes = forms.CharField(
        label=_("Occupations (SSYK 2012 codes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separated by commas; a code takes in every finer code under it, e.g. 72 or 7212."),
    )
    sni_codes = forms.CharField(
        label=_("Industries (SNI 2007 codes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separated by commas, e.g. C or 25 or 25110."),
    )


class DataPackForm(forms.Form):
    body: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Body"), queryset=None)  # type: ignore[type-arg,arg-type]
    theme = forms.ChoiceField(label=_("Quarter theme"), choices=QuarterTheme.choices)
    versions = VersionsChoiceField(
        label=_("Data"), queryset=DatasetVersion.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    agenda_item: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Attach to agenda item"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        help_text=_("Optional. Otherwise the pack is only downloadable here."),
    )

    def __init__(self, *args: Any, bodies: Any, versions: Any, agenda_items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from samverka.bodies.models import Body
        from samverka.meetings.models import AgendaItem

        self.fields["body"].queryset = Body.objects.filter(pk__in=[b.pk for b in bodies]).order_by("name")  # type: ignore[attr-defined]
        self.fields["versions"].queryset = versions  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(  # type: ignore[attr-defined]
            pk__in=[item.pk for item in agenda_items]
        ).select_related("meeting")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.meeting} – {item.title}"  # type: ignore[attr-defined]
