"""Forms of the statistics pages: datasets, PxWeb imports, uploads and their mapping, publishing."""

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.statistics.models import Dataset, DatasetSource, DimensionRole
from samverka.statistics.uploads import max_upload_bytes

ROLE_CHOICES = [("", _("Leave out")), *DimensionRole.choices]


class DatasetForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Dataset
        fields = ["title", "slug", "description", "source", "table_id", "unit", "is_public"]


class DatasetUpdateForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Dataset
        fields = ["title", "description", "table_id", "unit", "is_public"]


class PxWebForm(forms.Form):
    table_id = forms.RegexField(
        label=_("Table id"),
        regex=r"^[A-Za-z0-9_]{1,60}$",
        help_text=_("SCB's id of the table, e.g. TAB6471."),
    )
    selection = forms.CharField(
        label=_("Selection (JSON)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            'Per variable the value codes, e.g. {"Region": ["01", "03"], "Tid": ["TOP(3)"], "Kon": ["*"]}, '
            "or PxWeb's own list of variableCode, valueCodes and codelist. Expressions: *, TOP(n), "
            "BOTTOM(n), FROM(code), TO(code), RANGE(from,to)."
        ),
    )

    def clean_selection(self) -> Any:
        from samverka.statistics.pxweb import normalise_selection

        try:
            data = json.loads(self.cleaned_data["selection"])
        except ValueError as error:
            raise forms.ValidationError(
                _("The selection is not valid JSON: %(error)s"), params={"error": error}
            ) from error
        normalise_selection(data)
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search SCB's tables"), required=False, max_length=200)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.template.defaultfilters import filesizeformat

        self.fields["file"].help_text = _(
            "A CSV file (UTF-8, comma or semicolon), an Excel workbook (.xlsx) or a JSON-stat 2 file (.json); "
            "at most %(size)s and 1,000,000 rows."
        ) % {"size": filesizeformat(max_upload_bytes())}


class MappingForm(forms.Form):
    """One role per column (or dimension) of the uploaded file, and for tables the value column."""

    def __init__(self, *args: Any, columns: list[str], guesses: list[str], tabular: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns = columns
        self.tabular = tabular
        for index, (column, guess) in enumerate(zip(columns, guesses, strict=True)):
            self.fields[f"role_{index}"] = forms.ChoiceField(
                label=column, choices=ROLE_CHOICES, initial=guess, required=not tabular
            )
        if tabular:
            choices = [(c, c) for c in columns]
            self.fields["value_column"] = forms.ChoiceField(label=_("Column with the values"), choices=choices)
            self.fields["status_column"] = forms.ChoiceField(
                label=_("Column with status marks (optional)"), choices=[("", "—"), *choices], required=False
            )

    def roles(self) -> list[str]:
        return [self.cleaned_data.get(f"role_{i}") or "" for i in range(len(self.columns))]

    def mapping(self) -> dict[str, str]:
        return {column: role for column, role in zip(self.columns, self.roles(), strict=True) if role}


class PublishForm(forms.Form):
    report_seen = forms.BooleanField(
        label=_("I have read the quality report and the data may be published."), required=True
    )


SOURCE_OF_KIND = {"csv": DatasetSource.CSV, "excel": DatasetSource.EXCEL, "jsonstat": DatasetSource.PXWEB_V1}
