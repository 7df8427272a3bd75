"""Forms of work plans and activities (they collect input; the services decide)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.steering.workplans.models import Activity, Perspective, WorkPlan
from samverka.steering.workplans.services import MAX_YEAR, MIN_YEAR

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


class WorkPlanForm(forms.ModelForm):
    """The plan's purpose and (for a project) its assignment description."""

    class Meta:
        model = WorkPlan
        fields = ["year", "purpose", "goals_text", "expected_results", "regional_rationale"]
        widgets = {
            "purpose": TEXT,
            "goals_text": TEXT,
            "expected_results": TEXT,
            "regional_rationale": TEXT,
        }

    def __init__(self, *args: Any, is_project: bool = False, creating: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.IntegerField(
            label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, initial=timezone.localdate().year
        )
        if not creating:
            del self.fields["year"]
        if not is_project:
            del self.fields["regional_rationale"]

    def validate_unique(self) -> None:
        """The service checks one plan per body and year with a clearer message."""

    def _post_clean(self) -> None:
        """Do not build or validate a model instance: the services do that."""


class FinalReportForm(forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = ["final_summary", "final_results", "final_perspectives", "final_lessons"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}

    def _post_clean(self) -> None:
        """The services validate."""


class ActivityForm(forms.ModelForm):
    """An activity, its result goals and its assessment against the four horizontal perspectives."""

    RELEVANCE_CHOICES = [
        ("", _("Not assessed yet")),
        ("yes", _("Addressed")),
        ("no", _("Not relevant")),
    ]

    result_goals = forms.ModelMultipleChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Result goals"),
        help_text=_("Result goals of the space for the plan's year that the activity contributes to."),
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "starts",
            "ends",
            "responsible",
            "responsible_contact",
            "expected_result",
            "outcome",
        ]
        help_texts = {
            "responsible": _("An organisation or role, e.g. “Skolverket (process leader)”."),
            "responsible_contact": _("Optional: the member of the body who is responsible."),
        }
        widgets = {
            "description": TEXT,
            "expected_result": TEXT,
            "outcome": TEXT,
            "starts": DATE_WIDGET,
            "ends": DATE_WIDGET,
        }

    def __init__(self, *args: Any, goal_queryset: Any, contact_queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_contact"].queryset = contact_queryset
        self.fields["result_goals"].queryset = goal_queryset
        self.fields["result_goals"].label_from_instance = lambda goal: f"{goal.code} {goal.title}"
        existing = {}
        if self.instance.pk:
            self.fields["result_goals"].initial = [g.pk for g in self.instance.result_goals.all()]
            existing = {a.perspective: a for a in self.instance.perspectives.all()}
        for value, label in Perspective.choices:
            assessment = existing.get(value)
            self.fields[f"{value}_relevant"] = forms.ChoiceField(
                label=_("%(perspective)s: assessment") % {"perspective": label},
                choices=self.RELEVANCE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial="" if assessment is None else ("yes" if assessment.relevant else "no"),
            )
            self.fields[f"{value}_motivation"] = forms.CharField(
                label=_("%(perspective)s: motivation or reason") % {"perspective": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial="" if assessment is None else assessment.motivation,
                help_text=_("How the activity addresses it, or why it is not relevant."),
            )

    def _post_clean(self) -> None:
        """The services validate."""

    def activity_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def perspective_data(self) -> dict[str, tuple[bool, str] | None]:
        data: dict[str, tuple[bool, str] | None] = {}
        for value in Perspective.values:
            choice = self.cleaned_data.get(f"{value}_relevant", "")
            motivation = self.cleaned_data.get(f"{value}_motivation", "")
            data[value] = None if not choice else (choice == "yes", motivation)
        return data

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for value, label in Perspective.choices:
            if cleaned.get(f"{value}_motivation", "").strip() and not cleaned.get(f"{value}_relevant"):
                self.add_error(
                    f"{value}_relevant",
                    _("Choose whether %(perspective)s is addressed or not relevant.") % {"perspective": label},
                )
        return cleaned

    def main_fields(self) -> list[Any]:
        return [self[name] for name in [*self.Meta.fields[:7], "result_goals", "outcome"]]

    def perspective_fields(self) -> list[tuple[str, Any, Any]]:
        return [
            (str(label), self[f"{value}_relevant"], self[f"{value}_motivation"]) for value, label in Perspective.choices
        ]


class ConfirmForm(forms.Form):
    """An empty form for a confirming POST (adopt, close, remove)."""


class CopyForm(forms.Form):
    """The year of the new plan started from an existing one."""

    year = forms.IntegerField(label=_("Year of the new plan"), min_value=MIN_YEAR, max_value=MAX_YEAR)
