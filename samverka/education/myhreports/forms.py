"""Input of the yearly report pages; the services check the rules again."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.education.myhreports.models import MyhReport, NeedEntry, ReportStatus


def _section_choices(report: MyhReport) -> list[tuple[str, str]]:
    return report.template.section_list()


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class NeedForm(forms.ModelForm):
    class Meta:
        model = NeedEntry
        fields = ["yh_area", "ssyk", "motivation", "evidence", "confidence", "sources", "priority"]
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.Textarea(attrs={"rows": 2}),
        }

    def data_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SectionTextForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def __init__(self, *args: Any, report: MyhReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = _section_choices(report)


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"))
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, report: MyhReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = _section_choices(report)


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(choices=ReportStatus.choices, widget=forms.HiddenInput)
    decision = forms.IntegerField(label=_("Decision"), required=False)
    case_reference = forms.CharField(label=_("Register in the case"), max_length=60, required=False)
    document_reference = forms.CharField(label=_("Or link a registered document"), max_length=60, required=False)


class CorrectionForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"))
    text = forms.CharField(label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 5}))
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, report: MyhReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = _section_choices(report)
