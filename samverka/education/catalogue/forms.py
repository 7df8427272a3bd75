"""Forms of the space's catalogue: providers, educations, offerings, municipal editors and the list's filters.

The edit forms name their fields as the services' ``*Data`` take them. On a row imported from EMIL3 the
feed's fields are shown read-only (``disabled``: the browser cannot change them and Django keeps the stored
value), so only the local fields (``services.editing.LOCAL_FIELDS``) and the local target occupations are
edited there.
"""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.education.catalogue.models import (
    CreditSystem,
    Education,
    Offering,
    Provider,
    ResponsibleBodyType,
    SchoolType,
    Source,
)
from samverka.education.catalogue.services.editing import LOCAL_FIELDS, municipalities_editable_by
from samverka.insight.classifications.models import ClassificationItem, Scheme
from samverka.platform.accounts.models import User
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space, SpaceMembership, SpaceRole

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

#: Languages of instruction offered in the form (ISO 639-1); a stored code outside the list is kept.
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("fi", _("Finnish")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("uk", _("Ukrainian")),
]

_SSYK = re.compile(r"^\d{4}$")


class OccupationCodesField(forms.CharField):
    """SSYK 2012 codes written with commas or spaces between them; cleaned to a tuple of four-digit codes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", _("Four-digit SSYK 2012 codes separated by commas, e.g. 5321, 5322."))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def clean(self, value: Any) -> tuple[str, ...]:
        text = super().clean(value) or ""
        found = [code for code in re.split(r"[\s,;]+", text) if code]
        wrong = [code for code in found if not _SSYK.match(code)]
        if wrong:
            raise forms.ValidationError(
                _("Write each occupation as a four-digit SSYK code (e.g. 5321), not: %(codes)s."),
                params={"codes": ", ".join(wrong)},
            )
        return tuple(dict.fromkeys(found))


class MunicipalityChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def classification_choices(scheme: str) -> list[tuple[str, str]]:
    items = ClassificationItem.objects.filter(scheme=scheme).order_by("position")
    return [("", "—"), *((item.code, f"{item.code} {item.name}") for item in items)]


class _CatalogueForm(forms.Form):
    """Disables the feed's fields of an imported row (they are shown, not edited)."""

    def __init__(self, *args: Any, imported: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.imported = imported
        if imported:
            for name, field in self.fields.items():
                if name not in LOCAL_FIELDS and not name.endswith("occupations"):
                    field.disabled = True
                    field.help_text = _("From Skolverket's education database; changed there.")

    def data_fields(self) -> dict[str, Any]:
        """The cleaned values by the service's field names (the disabled ones are the stored values)."""
        return dict(self.cleaned_data)


class ProviderForm(_CatalogueForm):
    name = forms.CharField(label=_("Name"), max_length=300)
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=13,
        required=False,
        help_text=_("NNNNNN-NNNN; links the provider to the actor register."),
    )
    responsible_body_type = forms.ChoiceField(label=_("Responsible body"), choices=ResponsibleBodyType.choices)
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), required=False
    )
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=6, required=False)
    town = forms.CharField(label=_("Town"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    url = forms.URLField(label=_("Website"), max_length=500, required=False, assume_scheme="https")
    is_published = forms.BooleanField(
        label=_("Published"), required=False, initial=True, help_text=_("Shown on the public education search.")
    )
    local_note = forms.CharField(label=_("Local note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, space: Space, user: User, provider: Provider | None = None, **kwargs: Any) -> None:
        super().__init__(*args, imported=bool(provider and provider.is_imported), **kwargs)
        choices = municipalities_editable_by(user, space)
        if provider is not None and provider.municipality is not None and provider.municipality not in choices:
            choices.append(provider.municipality)  # shown as it is; moving it elsewhere is checked by the service
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            code__in=[m.code for m in choices]
        ).order_by("name")


class EducationForm(_CatalogueForm):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Provider.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    code = forms.CharField(label=_("Education code"), max_length=50, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    school_type = forms.ChoiceField(label=_("School type"), choices=SchoolType.choices)
    sun_field = forms.ChoiceField(label=_("SUN 2020 field"), required=False)
    sun_level = forms.ChoiceField(label=_("SUN 2020 level"), required=False)
    seqf_level = forms.TypedChoiceField(
        label=_("Qualification level (SeQF)"),
        choices=[("", "—"), *((n, str(n)) for n in range(1, 9))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    credit_system = forms.ChoiceField(label=_("Credit system"), choices=CreditSystem.choices, required=False)
    credits = forms.DecimalField(
        label=_("Credits"), max_digits=7, decimal_places=1, min_value=0, required=False, localize=True
    )
    extent = forms.CharField(label=_("Extent"), max_length=100, required=False, help_text=_("E.g. '40 weeks'."))
    is_vocational = forms.BooleanField(label=_("Vocational"), required=False)
    leads_to_degree = forms.BooleanField(label=_("Leads to a degree"), required=False)
    csn_eligible = forms.BooleanField(label=_("Eligible for student aid (CSN)"), required=False)
    primary_occupations = OccupationCodesField(label=_("Primary target occupations (SSYK 2012)"))
    related_occupations = OccupationCodesField(label=_("Related target occupations (SSYK 2012)"))
    is_published = forms.BooleanField(
        label=_("Published"), required=False, initial=True, help_text=_("Shown on the public education search.")
    )
    local_note = forms.CharField(label=_("Local note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, space: Space, user: User, education: Education | None = None, **kwargs: Any) -> None:
        super().__init__(*args, imported=bool(education and education.is_imported), **kwargs)
        providers = Provider.objects.restrict(user).filter(space=space, removed_at__isnull=True)
        if not user.has_perm("catalogue.manage_editors", space):
            codes = [m.code for m in municipalities_editable_by(user, space)]
            providers = providers.filter(municipality_id__in=codes)
        if education is not None:
            providers = Provider.objects.filter(pk=education.provider_id) | providers
        self.fields["provider"].queryset = providers.order_by("name")  # type: ignore[attr-defined]
        self.fields["sun_field"].choices = classification_choices(Scheme.SUN2020_FIELD)  # type: ignore[attr-defined]
        self.fields["sun_level"].choices = classification_choices(Scheme.SUN2020_LEVEL)  # type: ignore[attr-defined]
        if self.imported:
            self.fields["primary_occupations"].label = _("Primary target occupations added here (SSYK 2012)")
            self.fields["related_occupations"].label = _("Related target occupations added here (SSYK 2012)")


class EducationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} – {obj.provider.name}"


class OfferingForm(_CatalogueForm):
    education = EducationChoiceField(label=_("Education"), queryset=Education.objects.none())
    municipality = MunicipalityChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())
    locality = forms.CharField(label=_("Locality"), max_length=100, required=False)
    start_date = forms.DateField(label=pgettext_lazy("offering", "Starts"), widget=DATE_WIDGET, required=False)
    end_date = forms.DateField(label=pgettext_lazy("offering", "Ends"), widget=DATE_WIDGET, required=False)
    application_opens = forms.DateField(label=_("Application opens"), widget=DATE_WIDGET, required=False)
    application_closes = forms.DateField(label=_("Last application date"), widget=DATE_WIDGET, required=False)
    continuous_admission = forms.BooleanField(label=_("Continuous admission"), required=False)
    pace_percent = forms.IntegerField(label=_("Study pace (%)"), min_value=1, max_value=100, required=False)
    is_distance = forms.BooleanField(label=_("Distance education"), required=False)
    onsite_sessions = forms.IntegerField(
        label=_("Mandatory on-site sessions"), min_value=0, required=False, help_text=_("For distance education.")
    )
    places = forms.IntegerField(label=_("Places"), min_value=0, required=False)
    fee_sek = forms.IntegerField(label=_("Fee (SEK)"), min_value=0, required=False)
    fee_note = forms.CharField(label=_("About the fee"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of instruction"), choices=LANGUAGES, initial="sv")
    is_apprenticeship = forms.BooleanField(label=_("Apprenticeship"), required=False)
    is_cancelled = forms.BooleanField(label=_("Cancelled"), required=False)
    url = forms.URLField(label=_("Provider's page"), max_length=500, required=False, assume_scheme="https")
    occupations = OccupationCodesField(label=_("Target occupations added here (SSYK 2012)"))
    is_published = forms.BooleanField(
        label=_("Published"), required=False, initial=True, help_text=_("Shown on the public education search.")
    )
    local_note = forms.CharField(label=_("Local note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, space: Space, user: User, offering: Offering | None = None, **kwargs: Any) -> None:
        super().__init__(*args, imported=bool(offering and offering.is_imported), **kwargs)
        educations = Education.objects.restrict(user).filter(space=space, removed_at__isnull=True)
        if offering is not None:
            educations = Education.objects.filter(pk=offering.education_id) | educations
        self.fields["education"].queryset = educations.select_related("provider").order_by(  # type: ignore[attr-defined]
            "title", "pk"
        )
        choices = [m.code for m in municipalities_editable_by(user, space)]
        if offering is not None and offering.municipality_id:
            choices.append(offering.municipality_id)
        self.fields["municipality"].queryset = Municipality.objects.filter(code__in=choices)  # type: ignore[attr-defined]
        if offering is not None and offering.is_imported:
            self.fields["municipality"].required = False
        if offering is not None and offering.language not in dict(LANGUAGES):
            self.fields["language"].choices = [*LANGUAGES, (offering.language, offering.language)]  # type: ignore[attr-defined]


class EditorForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    municipality = MunicipalityChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = SpaceMembership.objects.filter(space=space).exclude(role=SpaceRole.GUEST).values("user_id")
        self.fields["user"].queryset = User.objects.filter(pk__in=members).order_by(  # type: ignore[attr-defined]
            "full_name", "email"
        )
        municipalities = Municipality.objects.order_by("name")
        if space.county_id:
            municipalities = municipalities.filter(county_id=space.county_id)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class CatalogueFilterForm(forms.Form):
    """The filters of the space's catalogue list (GET); an invalid value is ignored, never an error page."""

    STATES = [
        ("", _("All")),
        ("published", _("Published")),
        ("unpublished", _("Not published")),
        ("cancelled", _("Cancelled")),
        ("removed", _("Removed from the source")),
        ("expired", _("Over")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    school_type = forms.ChoiceField(
        label=_("School type"), choices=[("", _("All")), *SchoolType.choices], required=False
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), required=False, empty_label=_("All")
    )
    source = forms.ChoiceField(label=_("Source"), choices=[("", _("All")), *Source.choices], required=False)
    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.order_by("name")
        if space.county_id:
            municipalities = municipalities.filter(county_id=space.county_id)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """The valid filters (an invalid one is left out)."""
        if self.is_valid():
            return {name: value for name, value in self.cleaned_data.items() if value}
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}
