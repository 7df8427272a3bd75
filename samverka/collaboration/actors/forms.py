"""Input validation for the actor register's HTML pages."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors import selectors
from samverka.collaboration.actors.models import (
    Contact,
    GeographicLevel,
    Organisation,
    OrganisationType,
    SystemRole,
    normalise_name,
)
from samverka.collaboration.actors.services import ORGANISATION_FIELDS
from samverka.collaboration.actors.validators import normalise_org_number
from samverka.platform.core import geography
from samverka.platform.core.forms import FastSelect
from samverka.platform.core.models import County, Municipality


class OrganisationFilterForm(forms.Form):
    """The GET form above the organisation list (every field optional)."""

    q = forms.CharField(label=_("Name or organisation number"), required=False, max_length=100)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *OrganisationType.choices],
        widget=FastSelect,
    )
    level = forms.ChoiceField(
        label=_("Geographic level"),
        required=False,
        choices=[("", _("All levels")), *GeographicLevel.choices],
        widget=FastSelect,
    )
    roles = forms.MultipleChoiceField(
        label=_("Role in the system"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("employs", SystemRole.EMPLOYS.label),
            ("educates", SystemRole.EDUCATES.label),
            ("focuses_on_groups", SystemRole.FOCUS_GROUPS.label),
        ],
    )
    # The geography's option lists are rendered once per language and kept in the cache (their queries
    # then never run): 290 municipalities took most of the list page's time.
    county = forms.ModelChoiceField(
        label=_("County"),
        required=False,
        queryset=County.objects.order_by("name"),
        empty_label=_("All counties"),
        widget=FastSelect(cache_key="organisation-filter-county", version=geography.version),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("All municipalities"),
        widget=FastSelect(cache_key="organisation-filter-municipality", version=geography.version),
    )
    include_inactive = forms.BooleanField(label=_("Include inactive organisations"), required=False)
    space = forms.SlugField(required=False, widget=forms.HiddenInput)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``selectors.organisation_list`` (the space is resolved by the view)."""
        data = self.cleaned_data if self.is_valid() else {}
        county, municipality = data.get("county"), data.get("municipality")
        return {
            "q": data.get("q", ""),
            "type": data.get("type", ""),
            "level": data.get("level", ""),
            "roles": data.get("roles", []),
            "county": county.pk if county else "",
            "municipality": municipality.pk if municipality else "",
            "include_inactive": bool(data.get("include_inactive")),
        }


class OrganisationForm(forms.ModelForm):
    """Register or edit an organisation. Duplicates are judged by the service, not here."""

    website = forms.URLField(
        label=Organisation._meta.get_field("website").verbose_name, required=False, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = County.objects.order_by("name")
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["municipality"].help_text = _("The county is filled in from the municipality.")
        self.fields["org_number"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        if self.data.get("confirm_similar") is not None:
            self.add_confirm_field()

    def add_confirm_field(self) -> None:
        """Offered once similar organisations were found: create it anyway."""
        self.fields["confirm_similar"] = forms.BooleanField(
            label=_("Create it anyway: it is not the same as any organisation listed above"), required=False
        )

    def clean_org_number(self) -> str:
        value: str = self.cleaned_data.get("org_number", "")
        return normalise_org_number(value) if value.strip() else ""

    def validate_unique(self) -> None:
        """The service checks the organisation number with a clearer message."""

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or () if name in self.cleaned_data}


class ContactForm(forms.ModelForm):
    """A person at an organisation (personal data: keep it minimal)."""

    class Meta:
        model = Contact
        fields = ["name", "function", "email", "gender", "born_abroad"]

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or () if name in self.cleaned_data}


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the changes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Shown with the revision, e.g. 'Added the new industry forum's members'."),
    )


class CompareForm(forms.Form):
    """Choose the two revisions to compare (GET)."""

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, _("Revision %(n)s") % {"n": n}) for n in numbers]
        self.fields["from"] = forms.TypedChoiceField(label=_("From"), choices=choices, coerce=int)
        self.fields["to"] = forms.TypedChoiceField(label=_("To"), choices=choices, coerce=int)


class SuggestionForm(forms.Form):
    """Anyone's correction suggestion. The organisation is resolved from a text search.

    The chosen organisation arrives as ``organisation`` (an id, from a radio
    button or a hidden field); otherwise ``organisation_search`` is resolved to
    the single organisation with exactly that name, or the matches are offered
    (``self.matches``) for the person to choose from.
    """

    organisation_search = forms.CharField(
        label=_("Organisation concerned (optional)"),
        required=False,
        max_length=255,
        help_text=_("Type part of its name; leave empty if the suggestion is about the map as a whole."),
    )
    message = forms.CharField(
        label=_("Your suggested correction"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("What is wrong or missing, and what it should be."),
    )
    submitter_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200)
    submitter_email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        help_text=_("If you want to hear what was decided."),
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.user = user
        self.matches: list[Organisation] = []
        for name in ("submitter_name", "submitter_email"):
            self.fields[name].widget.attrs["autocomplete"] = "name" if name == "submitter_name" else "email"
        self.fields["organisation_search"].widget.attrs.update(
            {
                "autocomplete": "off",
                "hx-get": reverse("actors:organisation-lookup"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#organisation-matches",
            }
        )
        if organisation is not None:
            self.fields["organisation_search"].initial = organisation.name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = str(self.data.get("organisation", "")).strip()
        search = cleaned.get("organisation_search", "").strip()
        if chosen:
            organisation = selectors.organisation_get(self.user, chosen) if chosen.isdigit() else None
            if organisation is None:
                raise ValidationError(_("The chosen organisation does not exist; search for it again."))
            self.organisation = organisation
        elif search:
            self.matches = selectors.organisation_lookup(search, user=self.user)
            exact = [org for org in self.matches if normalise_name(org.name) == normalise_name(search)]
            if len(exact) == 1:
                self.organisation = exact[0]
            elif self.matches:
                self.add_error("organisation_search", _("Choose the organisation from the list of matches."))
            else:
                self.add_error(
                    "organisation_search",
                    _(
                        "No organisation in the register matches this name. Clear the field and describe it in your message."
                    ),
                )
        else:
            self.organisation = None
        cleaned["organisation"] = self.organisation
        return cleaned


class SuggestionAcceptForm(OrganisationForm):
    """Accept a suggestion: the organisation's form, pre-filled with what is stored, plus the reply.

    The reviewer makes the change the suggestion asks for; saving applies it and records the
    suggestion as accepted (see ``services.suggestion_accept``).
    """

    response = forms.CharField(
        label=_("Response to the submitter (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the list of changes you made, if the submitter left an e-mail address."),
    )


class SuggestionTargetForm(forms.Form):
    """Choose the organisation a suggestion concerns (GET), when the submitter named none or the wrong one."""

    q = forms.CharField(label=_("Search the register"), required=False, max_length=100)
