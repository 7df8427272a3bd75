"""Forms of the validation pages: offers, outcome rows, the Excel upload, the space's settings, pseudonymous
records, and the public search and table choices. Values are checked again by the services."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.models import Organisation
from samverka.education.catalogue.models import Education, Offering, Provider
from samverka.education.validation.models import (
    COUNT_FIELDS,
    OfferKind,
    ValidationOffer,
    ValidationOutcome,
    ValidationParticipant,
    ValidationSettings,
)
from samverka.education.validation.selectors import DEFAULT_GROUPING, DIMENSIONS
from samverka.education.validation.services import unknown_ssyk
from samverka.platform.core.models import County, Municipality
from samverka.platform.spaces.models import Space

#: The offer fields the form edits, in order (``ssyk_codes`` is a text field of codes).
OFFER_FIELDS = (
    "title",
    "kind",
    "industry_model_owner",
    "industry_model",
    "description",
    "ssyk_codes",
    "sun_field",
    "provider",
    "organisation",
    "municipality",
    "offerings",
    "educations",
    "languages",
    "cost",
    "contact_name",
    "contact_email",
    "contact_phone",
    "url",
    "is_published",
)


def _municipalities(space: Space) -> Any:
    rows = Municipality.objects.order_by("name")
    return rows.filter(county_id=space.county_id) if space.county_id else rows


class OfferForm(forms.ModelForm):
    ssyk_codes = forms.CharField(
        label=_("Occupations (SSYK 2012)"),
        required=False,
        help_text=_("Four-digit codes separated by commas, e.g. 5321, 5323."),
    )
    url = forms.URLField(label=_("web page"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = ValidationOffer
        fields = [name for name in OFFER_FIELDS if name != "ssyk_codes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(OFFER_FIELDS)
        self.fields["provider"].queryset = Provider.objects.filter(space=space, removed_at__isnull=True)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["municipality"].queryset = _municipalities(space)
        self.fields["offerings"].queryset = Offering.objects.filter(
            space=space, removed_at__isnull=True
        ).select_related("education", "municipality")
        self.fields["educations"].queryset = Education.objects.filter(space=space, removed_at__isnull=True)
        self.fields["offerings"].required = self.fields["educations"].required = False
        if self.instance.pk:
            self.initial["ssyk_codes"] = ", ".join(self.instance.ssyk_codes)

    def _post_clean(self) -> None:
        """The service checks and saves the offer; the stored offer is not touched here (its rule is asked of it)."""

    def clean_ssyk_codes(self) -> list[str]:
        codes = [code for code in re.split(r"[\s,;]+", self.cleaned_data["ssyk_codes"] or "") if code]
        if unknown := unknown_ssyk(codes):
            raise forms.ValidationError(_("Unknown SSYK 2012 codes: %(codes)s."), params={"codes": ", ".join(unknown)})
        return codes

    def data_fields(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in OFFER_FIELDS}
        values["offerings"] = list(values["offerings"])
        values["educations"] = list(values["educations"])
        return values


#: The outcome fields the form edits, in order.
OUTCOME_FIELDS = (
    "year",
    "offer",
    "ssyk_code",
    "industry_model",
    "provider",
    "provider_name",
    "municipality",
    *COUNT_FIELDS,
    "note",
)


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = ValidationOutcome
        fields = list(OUTCOME_FIELDS)
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = ValidationOffer.objects.filter(space=space)
        self.fields["provider"].queryset = Provider.objects.filter(space=space, removed_at__isnull=True)
        self.fields["municipality"].queryset = _municipalities(space)
        for name in COUNT_FIELDS:
            self.fields[name].required = False  # empty is 0
            self.fields[name].widget.attrs.update(min="0", inputmode="numeric")

    def _post_clean(self) -> None:
        """The service checks the row (one check for form, upload and API); nothing is copied onto the instance."""

    def data_fields(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in OUTCOME_FIELDS}
        values.update({name: values[name] or 0 for name in COUNT_FIELDS})
        return values


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in template (.xlsx)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the Excel template (.xlsx)."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ValidationSettings
        fields = ["suppression_k", "person_records_enabled", "retention_months"]


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = ValidationParticipant
        fields = ["offer", "year", "sex", "step_reached", "completed", "result", "follow_up"]

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = ValidationOffer.objects.filter(space=space)


class OfferSearchForm(forms.Form):
    """The public search ("Where can I validate X?"): GET, works without JavaScript."""

    q = forms.CharField(
        label=_("Occupation, industry or what you want to validate"),
        required=False,
        max_length=100,
        help_text=_("E.g. undersköterska, svetsare, lastbilsförare or an SSYK code."),
    )
    kind = forms.ChoiceField(label=_("Kind of validation"), required=False)
    county = forms.ModelChoiceField(
        label=_("County"),
        required=False,
        queryset=County.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("All counties"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("All municipalities"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *OfferKind.choices]


class OutcomeTableForm(forms.Form):
    """How the public outcome table is grouped, and which year."""

    by = forms.MultipleChoiceField(
        label=_("Group by"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(name, heading) for name, (_field, heading) in DIMENSIONS.items()],
        initial=list(DEFAULT_GROUPING),
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((str(year), str(year)) for year in years)]
