"""Forms of the indicator and outlook pages."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.indicators.catalogue import INDICATORS
from samverka.indicators.cube import Cube
from samverka.indicators.models import Scenario
from samverka.statistics.models import DatasetVersion
from samverka.statistics.models import DimensionRole as Role


class VersionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: DatasetVersion) -> str:
        label = f"{obj.dataset.title} – v{obj.number} ({obj.get_status_display()})"
        if obj.dataset.is_synthetic:
            label += " – " + _("synthetic data")
        return label


def _choices(cube: Cube | None, role: str, blank: str) -> list[tuple[str, str]]:
    if cube is None or not cube.has(role):
        return [("", blank)]
    codes = cube.codes(role)
    if role == Role.TIME:
        codes = sorted(codes, reverse=True)
    return [("", blank), *((code, cube.labelled(role, code)) for code in codes)]


class IndicatorForm(forms.Form):
    """Dataset version, indicator and its parameters (GET); the parameter lists come from the version."""

    version = VersionChoiceField(label=gettext_lazy("Dataset"), queryset=DatasetVersion.objects.none())
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    ssyk = forms.ChoiceField(label=gettext_lazy("Occupation (SSYK)"), required=False)
    year = forms.ChoiceField(label=gettext_lazy("Year"), required=False)
    from_year = forms.ChoiceField(label=gettext_lazy("From year (change over time)"), required=False)
    to_year = forms.ChoiceField(label=gettext_lazy("To year (change over time)"), required=False)

    def __init__(self, *args: Any, versions: list[DatasetVersion], cube: Cube | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        field.queryset = DatasetVersion.objects.filter(pk__in=[v.pk for v in versions]).select_related("dataset")  # type: ignore[attr-defined]
        field.choices = [("", "---------"), *((v.pk, field.label_from_instance(v)) for v in versions)]  # type: ignore[attr-defined]
        self.fields["indicator"].choices = [(key, str(ind.name)) for key, ind in INDICATORS.items()]  # type: ignore[attr-defined]
        self.fields["region"].choices = _choices(cube, Role.REGION, _("All regions"))  # type: ignore[attr-defined]
        self.fields["ssyk"].choices = _choices(cube, Role.SSYK, _("All occupations"))  # type: ignore[attr-defined]
        latest = _("Latest year")
        for name, blank in (("year", latest), ("from_year", _("First year")), ("to_year", latest)):
            self.fields[name].choices = _choices(cube, Role.TIME, blank)  # type: ignore[attr-defined]

    def params(self) -> dict[str, str]:
        data = self.cleaned_data
        return {name: data.get(name) or "" for name in ("region", "ssyk", "year", "from_year", "to_year")}


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
