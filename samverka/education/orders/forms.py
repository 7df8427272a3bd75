"""Input for the order pages; the services check the rules again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.bodies.models import Body, BodyStatus
from samverka.collaboration.meetings.models import Decision, Meeting
from samverka.education.catalogue.models import Offering
from samverka.education.catalogue.selectors import visible_offerings
from samverka.education.orders.models import (
    ConsultationKind,
    ConsultationStatus,
    EducationOrder,
    LineDecision,
    OrderForm,
)
from samverka.education.validation.selectors import offer_list
from samverka.insight.analyses.models import Analysis
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space

#: The order fields the form edits, in order.
ORDER_FIELDS = [
    "title",
    "origin_body",
    "origin_decision",
    "registration_number",
    "order_type",
    "sun_field",
    "municipalities",
    "forms",
    "start_year",
    "end_year",
    "rationale",
    "analyses",
    "trend_meeting",
    "priority",
    "due_on",
    "is_published",
    "offerings",
    "validation_offers",
]


def _municipalities(space: Space) -> Any:
    rows = Municipality.objects.order_by("name")
    return rows.filter(county_id=space.county_id) if space.county_id else rows


class EducationOrderForm(forms.ModelForm):
    forms = forms.MultipleChoiceField(
        label=_("Desired forms"), choices=OrderForm.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = EducationOrder
        fields = ORDER_FIELDS
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "municipalities": forms.CheckboxSelectMultiple,
            "rationale": forms.Textarea(attrs={"rows": 5}),
            "analyses": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, space: Space, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = Body.objects.filter(space=space).exclude(status=BodyStatus.CLOSED).order_by("name")
        runnable = [b.pk for b in bodies if user.has_perm("bodies.change_body", b)]
        if self.instance.pk:
            runnable.append(self.instance.origin_body_id)
        self.fields["origin_body"].queryset = Body.objects.filter(pk__in=runnable).order_by("name")
        self.fields["origin_decision"].queryset = (
            Decision.objects.filter(body__space=space).select_related("body").order_by("-year", "-number")
        )
        self.fields["municipalities"].queryset = _municipalities(space)
        self.fields["offerings"].queryset = (
            visible_offerings(user).filter(space=space).select_related("education", "municipality").order_by("pk")
        )
        self.fields["offerings"].required = False
        self.fields["validation_offers"].queryset = offer_list(user=user, space=space).order_by("title", "pk")
        self.fields["validation_offers"].required = False
        self.fields["analyses"].queryset = Analysis.objects.restrict(user).filter(space=space).order_by("title", "pk")
        self.fields["analyses"].required = False
        self.fields["trend_meeting"].queryset = (
            Meeting.objects.restrict(user).filter(body__space=space).select_related("body").order_by("-start", "pk")
        )
        self.fields["validation_offers"].help_text = _("For an order of the type validation.")

    def data_fields(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in ORDER_FIELDS}
        values["municipalities"] = list(values["municipalities"])
        values["offerings"] = list(values["offerings"])
        values["validation_offers"] = list(values["validation_offers"])
        values["analyses"] = list(values["analyses"])
        values["forms"] = list(values["forms"])
        return values


class AddresseeForm(forms.Form):
    prefix = "addressee"  # several small forms share the order's page

    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none(), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none(), required=False)

    def __init__(self, *args: Any, order: EducationOrder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = (
            Body.objects.filter(space_id=order.space_id)
            .exclude(status=BodyStatus.CLOSED)
            .exclude(pk=order.origin_body_id)
            .order_by("name")
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by("name")
        self.fields["municipality"].queryset = _municipalities(order.space)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Line decision"), choices=LineDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the order is partly accepted or rejected."),
    )
    reference = forms.CharField(label=_("Decision reference"), required=False, max_length=100)


class TransitionForm(forms.Form):
    prefix = "step"  # several small forms share the order's page

    due_on = forms.DateField(
        label=_("Due date of the next step"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OccupationForm(forms.Form):
    prefix = "places"  # several small forms share the order's page

    ssyk_code = forms.CharField(label=_("Occupation (SSYK 2012)"), max_length=4)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    volume = forms.IntegerField(label=_("Places"), min_value=0)


class ConsultationForm(forms.Form):
    prefix = "application"  # several small forms share the order's page

    kind = forms.ChoiceField(label=_("Kind"), choices=ConsultationKind.choices)
    application_round = forms.CharField(label=_("Application round"), max_length=50)
    status = forms.ChoiceField(label=_("Status"), choices=ConsultationStatus.choices)
    note = forms.CharField(label=_("Note"), required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("The order export, with statuses or due dates changed."))


class PublishForm(forms.Form):
    """The hidden field of the "Publish" / "Unpublish" button."""

    published = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SecrecyForm(forms.Form):
    """A secrecy marking on the order (OSL); the service refuses one without a provision, beside the field."""

    provision = forms.CharField(
        label=_("Provision"), required=False, max_length=120, help_text=_("e.g. OSL 19 kap. 1 §")
    )
    reason = forms.CharField(
        label=_("Reason for the marking"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    masks_rationale = forms.BooleanField(label=_("Mask the rationale"), required=False, initial=True)
    masks_reasons = forms.BooleanField(
        label=_("Mask the addressees' reasons for their line decisions"), required=False, initial=True
    )


class LiftSecrecyForm(forms.Form):
    """The "Lift the marking" button (no fields)."""


class OfferingLinkForm(forms.Form):
    """The hidden offering of a suggestion's "Link" button: one of the space's offerings the user may see."""

    offering = forms.ModelChoiceField(
        queryset=Offering.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose an offering of this space.")},
    )

    def __init__(self, *args: Any, order: EducationOrder, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offering"].queryset = (
            visible_offerings(user).filter(space_id=order.space_id).select_related("education")
        )
