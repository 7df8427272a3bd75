"""Forms of the analyses pages: charts, analyses, blocks, body coverage and data packs."""

from typing import Any

from django import forms
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from samverka.insight.analyses.models import (
    Analysis,
    AnalysisBlock,
    ChartDefinition,
    ChartKind,
    ChartSource,
    QuarterTheme,
)
from samverka.insight.analyses.queries import AXIS_COLUMN_VALUES
from samverka.insight.indicators.forms import add_parameter_fields, clean_parameter_fields, parameter_initial
from samverka.insight.statistics.models import DatasetVersion, Dimension, DimensionRole

#: At most this many categories are offered as checkboxes; more as a multiple select.
CHECKBOX_LIMIT = 12
FILTER_PREFIX = "filter_"


class VersionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    default_error_messages = {"invalid_choice": _("Choose data of this space or public data.")}

    def label_from_instance(self, obj: DatasetVersion) -> str:
        return f"{obj.dataset.title} – v{obj.number} ({obj.get_status_display()})"


class VersionsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: DatasetVersion) -> str:
        return f"{obj.dataset.title} – v{obj.number} ({obj.get_status_display()})"


def indicator_choices(version: DatasetVersion | None = None) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The indicators of the catalogue that can be computed on ``version`` (all without one), and why the
    others cannot."""
    try:
        from samverka.insight.indicators import catalogue
    except ImportError:
        return [], {}
    if version is None:
        return [(key, str(indicator.name)) for key, indicator in catalogue.INDICATORS.items()], {}
    offered, reasons = catalogue.offered(version)
    return [(str(indicator.key), str(indicator.name)) for indicator in offered], reasons


def category_choices(dimension: Dimension) -> list[tuple[str, str]]:
    """``(code, "name (code)")`` in the source's order (the reference name where the source gave only the
    code); just the code when there is no name."""
    from samverka.insight.statistics.selectors import category_labels

    labels = category_labels(dimension)
    choices = []
    for code, _label in dimension.categories or []:
        code = str(code)
        label = labels.get(code, code)
        choices.append((code, code if label in ("", code) else f"{label} ({code})"))
    return choices


def with_dimensions(versions: Any, pk: Any) -> DatasetVersion | None:
    """The version ``pk`` among ``versions``, its dimensions fetched in one query; None if it is not there."""
    if not str(pk or "").isdigit():
        return None
    return versions.filter(pk=int(pk)).prefetch_related("dimensions").first()  # type: ignore[no-any-return]


class ChartDataForm(forms.Form):
    """Step one of a chart: the data to draw from (sent by GET, so that the form can adapt to it)."""

    version = VersionChoiceField(label=_("Data"), queryset=DatasetVersion.objects.none(), empty_label="—")

    def __init__(self, *args: Any, versions: Any, url: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_data_%s")  # the definition's form has its own (hidden) version
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]
        if url:
            # With JavaScript the definition below follows the choice at once; the button does it without.
            self.fields["version"].widget.attrs.update(
                {
                    "hx-get": url,
                    "hx-trigger": "change",
                    "hx-target": "#chart-definition",
                    "hx-swap": "outerHTML",
                    "hx-include": CARRIED_FIELDS_SELECTOR,
                }
            )

    @classmethod
    def choose(
        cls, query: Any, *, versions: Any, fallback: DatasetVersion | None = None, url: str = ""
    ) -> tuple["ChartDataForm", DatasetVersion | None]:
        """The form for the query string's ``version`` and the version chosen: the asked one when it may
        be used, else ``fallback`` (with the form telling why the asked one was refused)."""
        raw = query.get("version", "")
        if not raw:
            initial = {"version": fallback.pk} if fallback is not None else {}
            return cls(versions=versions, url=url, initial=initial), fallback
        form = cls({"version": raw}, versions=versions, url=url)
        if form.is_valid():
            version = form.cleaned_data["version"]
            prefetch_related_objects([version], "dimensions")
            return form, version
        # Show the fallback as chosen, with the error about the refused one.
        form.data = {"version": str(fallback.pk) if fallback is not None else ""}
        return form, fallback


#: The fields of the definition carried over when the data changes (htmx sends them with the new choice).
CARRIED_FIELDS = ("title", "kind", "source", "x_dimension", "series_dimension", "unit", "note")
CARRIED_FIELDS_SELECTOR = ", ".join(
    [*(f"#chart-definition [name={name}]" for name in CARRIED_FIELDS), f"#chart-definition [name^={FILTER_PREFIX}]"]
)


class ChartForm(forms.Form):
    """Step two: what to draw from the chosen version, offering only the dimensions and categories it has."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ChartKind.choices)
    source = forms.ChoiceField(label=_("Draw from"), choices=ChartSource.choices)
    version = VersionChoiceField(
        label=_("Dataset version"), queryset=DatasetVersion.objects.none(), widget=forms.HiddenInput
    )
    x_dimension = forms.ChoiceField(
        label=_("Dimension on the x axis"), choices=[("", "—")], required=False, help_text=_("For a map: Region.")
    )
    series_dimension = forms.ChoiceField(label=_("Series dimension"), choices=[("", "—")], required=False)
    measure = forms.ChoiceField(label=_("Measure"), choices=[("", "—")], required=False)
    indicator_key = forms.ChoiceField(label=_("Indicator"), choices=[("", "—")], required=False)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, versions: Any, version: DatasetVersion | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chosen_version = version
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]
        choices, reasons = indicator_choices(version)
        self.fields["indicator_key"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]
        if reasons:
            from samverka.insight.indicators.catalogue import INDICATORS

            self.fields["indicator_key"].help_text = _("Not available for this data: %(list)s") % {
                "list": "; ".join(f"{INDICATORS[key].name} ({reason})" for key, reason in reasons.items())
            }
        self.filter_names: list[str] = []
        dimensions = (
            sorted(version.dimensions.all(), key=lambda dimension: dimension.position) if version is not None else []
        )
        self._axes(dimensions)
        self._measure(dimensions)
        self.parameter_names = add_parameter_fields(self, version)  # the indicator's parameters as choices
        filtered: set[str] = set()
        for dimension in dimensions:
            if dimension.role in AXIS_COLUMN_VALUES and dimension.role not in filtered:
                filtered.add(dimension.role)  # the first dimension of a role, as the query uses
                self._filter(dimension)

    def _axes(self, dimensions: list[Dimension]) -> None:
        roles: dict[str, str] = {}
        for dimension in dimensions:
            if dimension.role in AXIS_COLUMN_VALUES:
                roles.setdefault(dimension.role, dimension.label)
        for name in ("x_dimension", "series_dimension"):
            self.fields[name].choices = [("", "—"), *roles.items()]  # type: ignore[attr-defined]

    def _measure(self, dimensions: list[Dimension]) -> None:
        measure = next((d for d in dimensions if d.role == DimensionRole.MEASURE), None)
        if measure is None or not measure.categories:
            # Nothing to choose: the data has one measure, or none named.
            del self.fields["measure"]
            return
        field = self.fields["measure"]
        choices = category_choices(measure)
        field.choices = [("", "—"), *choices]  # type: ignore[attr-defined]
        # Several measures: a chart of observations must name one (checked in clean(), since an
        # indicator chart computes its own measure and needs none).
        self.measure_required = len(choices) > 1
        if not self.measure_required:
            field.help_text = _("The data has one measure; empty uses it.")

    def _filter(self, dimension: Dimension) -> None:
        choices = category_choices(dimension)
        if len(choices) <= CHECKBOX_LIMIT:
            widget: forms.Widget = forms.CheckboxSelectMultiple()
            help_text: Any = ""
        else:
            widget = forms.SelectMultiple(attrs={"size": 8})
            help_text = _("Hold down Ctrl (⌘ on a Mac) to choose several.")
        name = f"{FILTER_PREFIX}{dimension.role}"
        self.fields[name] = forms.MultipleChoiceField(
            label=dimension.label, choices=choices, required=False, widget=widget, help_text=help_text
        )
        self.filter_names.append(name)

    @property
    def filter_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.filter_names]

    @property
    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in ("title", "kind", "source", "x_dimension", "series_dimension", "measure")
            if name in self.fields
        ]

    @property
    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("indicator_key", *self.parameter_names, "unit", "note")]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned.setdefault("measure", "")
        if (
            getattr(self, "measure_required", False)
            and not cleaned["measure"]
            and cleaned.get("source") == ChartSource.OBSERVATIONS
        ):
            self.add_error("measure", _("Choose which measure to draw: the data has several."))
        cleaned["filters"] = {
            name.removeprefix(FILTER_PREFIX): list(cleaned[name]) for name in self.filter_names if cleaned.get(name)
        }
        cleaned["indicator_params"] = clean_parameter_fields(
            self, cleaned.get("indicator_key", ""), self.chosen_version
        )
        return cleaned

    @staticmethod
    def initial_from(chart: ChartDefinition) -> dict[str, Any]:
        initial = {
            "title": chart.title,
            "kind": chart.kind,
            "source": chart.source,
            "version": chart.version_id,
            "x_dimension": chart.x_dimension,
            "series_dimension": chart.series_dimension,
            "measure": chart.measure,
            "indicator_key": chart.indicator_key,
            **parameter_initial(chart.indicator_params),
            "unit": chart.unit,
            "note": chart.note,
        }
        for role, codes in (chart.filters or {}).items():
            initial[f"{FILTER_PREFIX}{role}"] = list(codes)
        return initial


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
        from samverka.collaboration.bodies.models import Body
        from samverka.collaboration.meetings.models import AgendaItem

        self.fields["body"].queryset = Body.objects.filter(pk__in=[b.pk for b in bodies]).order_by("name")  # type: ignore[attr-defined]
        self.fields["versions"].queryset = versions  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(  # type: ignore[attr-defined]
            pk__in=[item.pk for item in agenda_items]
        ).select_related("meeting")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.meeting} – {item.title}"  # type: ignore[attr-defined]
