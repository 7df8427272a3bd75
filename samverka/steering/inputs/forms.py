"""Forms of the input pages. The services validate again; a form only shapes what is typed."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.models import Organisation, OrganisationType
from samverka.collaboration.meetings.models import Decision
from samverka.platform.core.forms import MultipleFileField
from samverka.platform.core.uploads import accepted_extensions
from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal
from samverka.steering.inputs import selectors
from samverka.steering.inputs.models import Channel, Outcome

#: Organisation types that give input (the many employers and schools of the register are left out of the list).
SOURCE_TYPES = [t for t in OrganisationType.values if t not in {"employer", "education_provider"}]

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InputForm(forms.Form):
    source_organisation = forms.ModelChoiceField(
        label=_("From (region or organisation)"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose…"),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", _("Choose…")), *Channel.choices])
    received_on = forms.DateField(label=_("Received on"), widget=DATE_WIDGET)
    goal_year = forms.IntegerField(
        label=_("Goal year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year whose goals and priorities the input concerns."),
    )
    topic = forms.CharField(label=_("Topic"), max_length=255)
    text = forms.CharField(label=_("Input"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"), queryset=Goal.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    decisions = forms.ModelMultipleChoiceField(
        label=_("Decisions"),
        queryset=Decision.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Documents that came with the input. Accepted: %(extensions)s.")
        % {"extensions": accepted_extensions()},
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["source_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            type__in=SOURCE_TYPES, is_active=True
        ).order_by("name")
        self.fields["goals"].queryset = selectors.linkable_goals(space).filter(  # type: ignore[attr-defined]
            year__gte=today.year - 1
        )
        self.fields["decisions"].queryset = selectors.linkable_decisions(space).filter(  # type: ignore[attr-defined]
            year__gte=today.year - 2
        )
        self.fields["decisions"].label_from_instance = lambda d: f"{d.body.name} {d.label}: {d.text[:80]}"  # type: ignore[attr-defined]
        self.fields["received_on"].initial = today
        self.fields["goal_year"].initial = today.year + 1 if today.month >= 9 else today.year


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("Accepted: %(extensions)s.") % {"extensions": accepted_extensions()},
    )


class LinkForm(forms.Form):
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"), queryset=Goal.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    decisions = forms.ModelMultipleChoiceField(
        label=_("Decisions"),
        queryset=Decision.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = selectors.linkable_goals(space)  # type: ignore[attr-defined]
        self.fields["decisions"].queryset = selectors.linkable_decisions(space)  # type: ignore[attr-defined]
        self.fields["decisions"].label_from_instance = lambda d: f"{d.body.name} {d.label}: {d.text[:80]}"  # type: ignore[attr-defined]


class ConsiderationForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the input is partly adopted or not adopted. The region reads it."),
    )


class InputFilterForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", _("All")), *Channel.choices])
    organisation = forms.ModelChoiceField(
        label=_("From"), required=False, queryset=Organisation.objects.none(), empty_label=_("All")
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("All")), *Outcome.choices, ("none", _("Not yet considered"))],
    )
    year = forms.IntegerField(label=_("Goal year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.input_organisations(space)  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    follow_up_on = forms.DateField(label=_("Follow-up meeting held on"), required=False, widget=DATE_WIDGET)
    follow_up_note = forms.CharField(
        label=_("Notes from the follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvaluationForm(forms.Form):
    structure_name = forms.CharField(label=_("What is evaluated"), max_length=255)
    criteria = forms.CharField(label=_("Criteria"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(
        label=_("Responsible"),
        max_length=255,
        required=False,
        help_text=_("For example: the secretariat with Tillväxtverket."),
    )
    questions = forms.CharField(
        label=_("Evaluation questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One question per line. Left empty, the questions proposed for the evaluation after one year are used."
        ),
    )
    due_on = forms.DateField(label=_("To be done by"), required=False, widget=DATE_WIDGET)


class EvaluationResultForm(forms.Form):
    result = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 6}))
