"""The form that maps an imported official table's columns onto cohort outcomes (``services_official``).

The choices are the chosen version's columns (its dimensions); the count is its value column or one of its
measures. Once the category column is chosen, each of its categories gets a field of its own, pre-set to
the category guessed from its label. Values are checked again by the service."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.education.cohorts.models import Category, Scheme
from samverka.education.cohorts.services_official import LEAVE_OUT, OfficialMapping, guess_category
from samverka.insight.statistics import selectors as statistics
from samverka.insight.statistics.models import DatasetVersion, DimensionRole

#: The mapped columns, in the order of the form.
COLUMN_FIELDS = ("education", "start_year", "horizon", "category", "municipality", "sex")
OPTIONAL_COLUMNS = frozenset({"municipality", "sex"})


class OfficialMappingForm(forms.Form):
    scheme = forms.ChoiceField(label=_("scheme"), choices=Scheme.choices)
    education = forms.ChoiceField(
        label=_("education or programme code"),
        help_text=_("Matched to the code of the offerings' educations (for upper secondary also the programme)."),
    )
    start_year = forms.ChoiceField(label=_("year"))
    year_offset = forms.IntegerField(
        label=_("years between the start and the table's year"),
        min_value=0,
        max_value=10,
        initial=0,
        help_text=_(
            "0 when the table gives the start year; 3 when it gives the year of leaving a three-year programme."
        ),
    )
    horizon = forms.ChoiceField(label=_("years after"))
    category = forms.ChoiceField(label=_("category"))
    count = forms.ChoiceField(label=_("count"))
    municipality = forms.ChoiceField(label=_("municipality (optional)"), required=False)
    sex = forms.ChoiceField(label=_("sex (optional)"), required=False)

    def __init__(self, *args: Any, version: DatasetVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = {dimension.code: dimension for dimension in statistics.dimensions_of(version)}
        columns = [(code, dimension.label) for code, dimension in self.dimensions.items()]
        for name in COLUMN_FIELDS:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "–"), *columns]
        counts: list[tuple[str, str]] = []
        for dimension in self.dimensions.values():
            if dimension.role == DimensionRole.MEASURE:
                counts += [(str(code), str(label)) for code, label in dimension.categories]
        query = version.query if isinstance(version.query, dict) else {}
        if not counts and query.get("value_column"):
            counts.append((str(query["value_column"]), str(query["value_column"])))
        count = self.fields["count"]
        assert isinstance(count, forms.ChoiceField)
        count.choices = [("", "–"), *counts]
        self.category_fields: list[tuple[str, str]] = []
        chosen = (self.data.get("category") if self.is_bound else self.initial.get("category")) or ""
        if chosen in self.dimensions:
            choices = [("", _("Guess from the label")), (LEAVE_OUT, _("Leave out")), *Category.choices]
            for index, (code, label) in enumerate(self.dimensions[chosen].categories):
                name = f"category_{index}"
                self.fields[name] = forms.ChoiceField(
                    label=str(label),
                    choices=choices,
                    required=False,
                    initial=guess_category(str(code), str(label)),
                )
                self.category_fields.append((name, str(code)))

    def mapping(self) -> OfficialMapping:
        data = self.cleaned_data
        scheme = data["scheme"]
        categories = {code: data[name] for name, code in self.category_fields if data.get(name)}
        return OfficialMapping(
            scheme=scheme,
            education=data["education"],
            start_year=data["start_year"],
            year_offset=data["year_offset"] or 0,
            horizon=data["horizon"],
            category=data["category"],
            count=data["count"],
            municipality=data.get("municipality") or "",
            sex=data.get("sex") or "",
            categories=categories,
        )
