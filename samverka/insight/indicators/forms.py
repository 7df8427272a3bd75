"""Forms of the indicator and outlook pages, and the indicator parameters of the chart form."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.insight.indicators import computations as calc
from samverka.insight.indicators.catalogue import INDICATORS, Indicator
from samverka.insight.indicators.cube import Cube
from samverka.insight.indicators.models import Scenario
from samverka.insight.statistics.models import DatasetVersion
from samverka.insight.statistics.models import DimensionRole as Role


class VersionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: DatasetVersion) -> str:
        label = f"{obj.dataset.title} – v{obj.number} ({obj.get_status_display()})"
        if obj.dataset.is_synthetic:
            label += " – " + _("synthetic data")
        return label


@dataclass(frozen=True)
class Parameter:
    """A parameter of the catalogue (see :mod:`samverka.insight.indicators.catalogue`) as a form field."""

    name: str
    label: Promise
    #: The dimension role whose codes (those of the chosen dataset version) are offered.
    role: str
    #: What an empty choice means.
    blank: Promise


PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter("region", gettext_lazy("Region"), Role.REGION, gettext_lazy("All regions")),
        Parameter("ssyk", gettext_lazy("Occupation (SSYK)"), Role.SSYK, gettext_lazy("All occupations")),
        Parameter("year", gettext_lazy("Year"), Role.TIME, gettext_lazy("Latest year")),
        Parameter("from_year", gettext_lazy("First year"), Role.TIME, gettext_lazy("The dataset's first year")),
        Parameter("to_year", gettext_lazy("Last year"), Role.TIME, gettext_lazy("The dataset's latest year")),
        Parameter("measure", gettext_lazy("Measure"), Role.MEASURE, gettext_lazy("Employed")),
    )
}

#: Parameters an indicator cannot do without, with the message when one is missing.
REQUIRED: dict[str, dict[str, Promise]] = {
    "region_comparison": {"region": gettext_lazy("Choose the region to compare.")},
}


def _choices(cube: Cube | None, role: str, blank: str | None) -> list[tuple[str, str]]:
    """The version's codes of ``role`` (years newest first), after a blank choice unless ``blank`` is None."""
    codes = cube.codes(role) if cube is not None and cube.has(role) else []
    if role == Role.TIME:
        codes = sorted(codes, reverse=True)
    options = [(code, cube.labelled(role, code)) for code in codes] if cube is not None else []
    return options if blank is None else [("", blank), *options]


def parameter_field(
    parameter: Parameter, cube: Cube | None, *, required: bool = False, **extra: Any
) -> forms.ChoiceField:
    """A choice of the codes the version has for the parameter's dimension.

    Empty means the catalogue's default (all regions, the latest year, …); a required parameter starts
    empty and must be chosen; a table without the measure "employed" offers its own measures only.
    """
    options = _choices(cube, parameter.role, None)
    needs_measure = parameter.name == "measure" and cube is not None and calc.EMPLOYED not in cube.measures
    if required:
        choices = [("", "—"), *options]
    elif needs_measure:
        choices = options
    else:
        choices = [("", str(parameter.blank)), *options]
    field = forms.ChoiceField(
        label=extra.pop("label", parameter.label),
        choices=choices,
        required=required or needs_measure,
        initial=options[0][0] if needs_measure and options else None,
        **extra,
    )
    name = PARAMETER_NAMES.get(parameter.name, parameter.name)
    field.error_messages["invalid_choice"] = _("The dataset has no %(name)s with the code “%(code)s”.") % {
        "name": name,
        "code": "%(value)s",
    }
    return field


#: How a message names a parameter ("The dataset has no region with the code …").
PARAMETER_NAMES = {
    "region": gettext_lazy("region"),
    "ssyk": gettext_lazy("occupation"),
    "year": gettext_lazy("year"),
    "from_year": gettext_lazy("first year"),
    "to_year": gettext_lazy("last year"),
    "measure": gettext_lazy("measure"),
}


class IndicatorForm(forms.Form):
    """Dataset version and indicator (GET); the indicator's own parameters are an :class:`IndicatorParametersForm`."""

    version = VersionChoiceField(label=gettext_lazy("Dataset"), queryset=DatasetVersion.objects.none())
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))

    def __init__(self, *args: Any, versions: list[DatasetVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        field.queryset = DatasetVersion.objects.filter(pk__in=[v.pk for v in versions]).select_related("dataset")  # type: ignore[attr-defined]
        field.choices = [("", "---------"), *((v.pk, field.label_from_instance(v)) for v in versions)]  # type: ignore[attr-defined]
        self.fields["indicator"].choices = [(key, str(ind.name)) for key, ind in INDICATORS.items()]  # type: ignore[attr-defined]

    def enhance(self, url: str) -> None:
        """With htmx a new dataset or indicator brings its parameter fields at once (“Show” does it without)."""
        for name in ("version", "indicator"):
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": url,
                    "hx-trigger": "change",
                    "hx-include": "closest form",
                    "hx-target": "#indicator-work",
                    "hx-select": "#indicator-work",
                    "hx-swap": "outerHTML",
                    "hx-push-url": "true",
                }
            )


class IndicatorParametersForm(forms.Form):
    """The parameters one indicator takes, as choices of what the dataset version holds.

    Only the indicator's own parameters are fields, and a parameter whose dimension the version lacks
    is left out. Empty choices mean what the catalogue does without them (all regions, the latest year,
    …). :meth:`params` gives the same dictionary the catalogue, the API and saved charts use:
    ``{"region": "0480", "year": "2023"}``, empty parameters left out.
    """

    def __init__(
        self, data: Any = None, *, indicator: Indicator, cube: Cube | None, prefix: str | None = None, **kwargs: Any
    ) -> None:
        self.indicator = indicator
        self.cube = cube
        fields: dict[str, forms.ChoiceField] = {}
        required = REQUIRED.get(indicator.key, {})
        for name in indicator.params:
            parameter = PARAMETERS[name]
            if cube is None or not cube.has(parameter.role):
                continue  # nothing to choose: the dataset lacks the dimension
            field = parameter_field(parameter, cube, required=name in required)
            if name in required:
                field.error_messages["required"] = str(required[name])
            fields[name] = field
        if data is not None:
            # A first "Show" sends no parameters: a field that needs a value starts with its initial one.
            data = data.copy() if hasattr(data, "copy") else dict(data)
            for name, field in fields.items():
                key = f"{prefix}-{name}" if prefix else name
                if key not in data and field.initial:
                    data[key] = field.initial
        super().__init__(data, prefix=prefix, **kwargs)
        self.fields.update(fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "from_year" in self.fields and "to_year" in self.fields and self.cube is not None:
            periods = self.cube.periods()
            if len(periods) < 2:
                raise forms.ValidationError(
                    _("%(name)s needs at least two years; the dataset has %(count)s.")
                    % {"name": self.indicator.name, "count": len(periods)}
                )
            start = cleaned.get("from_year") or periods[0]
            end = cleaned.get("to_year") or periods[-1]
            if "from_year" not in self.errors and "to_year" not in self.errors and start >= end:
                self.add_error("to_year", _("The first year must come before the last year."))
        return cleaned

    def params(self) -> dict[str, str]:
        """The chosen parameters (empty ones left out), as the catalogue takes and charts store them."""
        return {name: value for name in self.indicator.params if (value := self.cleaned_data.get(name) or "")}


#: The chart form's parameter fields are named ``param_<name>``.
PARAMETER_PREFIX = "param_"


def add_parameter_fields(form: forms.Form, version: DatasetVersion | None) -> list[str]:
    """Add a field for every parameter some indicator takes, offering what ``version`` holds (the chart form).

    Which of them count depends on the chosen indicator: :func:`clean_parameter_fields` keeps those.
    """
    cube = Cube.of(version) if version is not None else None
    names = []
    for name, parameter in PARAMETERS.items():
        if cube is None or not cube.has(parameter.role):
            continue
        users = [str(ind.name) for ind in INDICATORS.values() if name in ind.params]
        field = parameter_field(
            parameter,
            cube,
            label=format_lazy("{} ({})", parameter.label, gettext_lazy("indicator")),
            help_text=_("Used by: %(indicators)s.") % {"indicators": ", ".join(users)},
        )
        field.required = False  # a chart of observations has no indicator; the chosen one's needs are checked
        form.fields[PARAMETER_PREFIX + name] = field
        names.append(PARAMETER_PREFIX + name)
    return names


def clean_parameter_fields(form: forms.Form, key: str, version: DatasetVersion | None) -> dict[str, str]:
    """The chosen indicator's parameters from the chart form's fields, checked as on the indicator page.

    Errors go beside the fields; parameters the indicator does not take are dropped.
    """
    indicator = INDICATORS.get(key or "")
    if indicator is None or version is None:
        return {}
    data = {name: form.cleaned_data.get(PARAMETER_PREFIX + name) or "" for name in indicator.params}
    inner = IndicatorParametersForm(
        {name: value for name, value in data.items() if value}, indicator=indicator, cube=Cube.of(version)
    )
    if inner.is_valid():
        return inner.params()
    for name, errors in inner.errors.items():
        target = PARAMETER_PREFIX + name
        form.add_error(target if target in form.fields else None, errors)
    return {}


def parameter_initial(params: dict[str, Any] | None) -> dict[str, str]:
    """Initial values of the chart form's parameter fields from stored parameters."""
    return {PARAMETER_PREFIX + name: str(value) for name, value in (params or {}).items() if name in PARAMETERS}


def parse_exit_rates(text: str) -> dict[str, float]:
    """``"55-59: 2, 60-64: 5"`` → ``{"55-59": 2.0, "60-64": 5.0}``; ValidationError naming the bad part."""
    rates: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        band, separator, value = part.partition(":")
        try:
            rate = float(value.strip().replace(",", ".").rstrip("%"))
        except ValueError:
            rate = -1.0
        if not separator or not band.strip() or not 0 <= rate <= 100:
            raise ValidationError(
                _("“%(part)s” is not an age band and a rate between 0 and 100, e.g. “55-59: 2”.") % {"part": part}
            )
        rates[band.strip()] = rate
    return rates


class ScenarioForm(forms.ModelForm):  # type: ignore[type-arg]
    version = VersionChoiceField(label=gettext_lazy("Dataset"), queryset=DatasetVersion.objects.none())
    exit_rates_text = forms.CharField(
        label=gettext_lazy("Other yearly exit rates by age band (%)"),
        required=False,
        help_text=gettext_lazy("e.g. “55-59: 2, 60-64: 5” for early retirement or leaving the occupation."),
    )

    class Meta:
        model = Scenario
        fields = [
            "title",
            "description",
            "version",
            "ssyk",
            "region",
            "base_year",
            "retirement_age",
            "older_exit_rate",
            "inflow_mode",
            "inflow_number",
            "inflow_rate",
            "demand_mode",
            "growth_rate",
            "growth_uncertainty",
            "inflow_uncertainty",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "inflow_mode": forms.RadioSelect,
            "demand_mode": forms.RadioSelect,
        }

    def __init__(self, *args: Any, versions: list[DatasetVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        field.queryset = DatasetVersion.objects.filter(pk__in=[v.pk for v in versions]).select_related("dataset")  # type: ignore[attr-defined]
        field.choices = [("", "---------"), *((v.pk, field.label_from_instance(v)) for v in versions)]  # type: ignore[attr-defined]
        if self.instance.pk and self.instance.exit_rates:
            self.initial["exit_rates_text"] = ", ".join(f"{k}: {v:g}" for k, v in self.instance.exit_rates.items())

    def clean_exit_rates_text(self) -> dict[str, float]:
        return parse_exit_rates(self.cleaned_data.get("exit_rates_text") or "")

    def data_for_service(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["exit_rates"] = self.cleaned_data["exit_rates_text"]
        return data
