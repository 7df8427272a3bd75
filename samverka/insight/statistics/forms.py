"""Forms of the statistics pages: datasets, uploads and their mapping, publishing (SCB imports: forms_pxweb)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.insight.statistics.models import Dataset, DatasetSource, DimensionRole
from samverka.insight.statistics.uploads import max_upload_bytes

ROLE_CHOICES = [("", _("Leave out")), *DimensionRole.choices]


class DatasetForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Dataset
        fields = ["title", "slug", "description", "source", "table_id", "unit", "is_public"]


class DatasetUpdateForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Dataset
        fields = ["title", "description", "table_id", "unit", "is_public"]


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
    accept_reason = forms.CharField(
        label=_("Why the errors may be accepted"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when the quality report has errors and a corrected version cannot be imported. The reason is "
            "kept with the version and shown to everyone who reads it."
        ),
    )

    def __init__(self, *args: Any, errors: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not errors:
            del self.fields["accept_reason"]
        else:
            field = self.fields["accept_reason"]
            field.required = True
            field.error_messages["required"] = _(
                "The quality report has errors: say why they may be accepted, or import a corrected version."
            )


SOURCE_OF_KIND = {"csv": DatasetSource.CSV, "excel": DatasetSource.EXCEL, "jsonstat": DatasetSource.PXWEB_V1}
