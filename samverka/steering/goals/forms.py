"""Forms of the goal pages."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal, GoalAssessment, GoalKind, Metric

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.body.name} {obj.label}: {obj.text[:80]}"


def decision_queryset(space: Space, year: int) -> Any:
    from samverka.collaboration.meetings.models import Decision

    return Decision.objects.filter(body__space=space, year__in=[year - 1, year]).select_related("body")


class GoalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=GoalKind.choices, widget=forms.RadioSelect)
    parent = forms.ModelChoiceField(
        label=_("Effect goal"),
        queryset=Goal.objects.none(),
        required=False,
        help_text=_("Required for a result goal: the effect goal it contributes to."),
    )
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("For example E1 or R1.2."))
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    is_public = forms.BooleanField(
        label=_("Public"), required=False, help_text=_("Shown on the space's public goal dashboard.")
    )
    decision = DecisionChoiceField(label=_("Adopted by decision"), queryset=Goal.objects.none(), required=False)
    change_note = forms.CharField(
        label=_("What changed and why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For a goal revised from last year's version."),
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, initial=0)
    assessment = forms.ChoiceField(
        label=_("Assessment"),
        choices=[("", _("Not assessed")), *GoalAssessment.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("How the goal is going, in the secretariat's judgement. It is dated today when it changes."),
    )
    assessment_note = forms.CharField(
        label=_("Basis of the assessment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For example the latest status reports and measured values the assessment rests on."),
    )

    def __init__(self, *args: Any, space: Space, year: int, goal: Goal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Goal.objects.filter(space=space, year=year, kind=GoalKind.EFFECT).order_by("position", "code")
        if goal is not None:
            parents = parents.exclude(pk=goal.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["decision"].queryset = decision_queryset(space, year)  # type: ignore[attr-defined]


class GoalCreateForm(GoalForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    field_order = ["year", *GoalForm.base_fields]


class RetireForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the goal retired?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MetricForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Metric
        fields = ["name", "unit", "baseline", "target", "position"]
        localized_fields = ["baseline", "target"]


class MetricValueForm(forms.Form):
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE_WIDGET)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2, localize=True)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measured_on"].initial = timezone.localdate()


class ReviseForm(forms.Form):
    from_year = forms.IntegerField(label=_("Revise the goals of"), min_value=2000, max_value=2100)
    to_year = forms.IntegerField(label=_("Into the year"), min_value=2000, max_value=2100)
    decision = DecisionChoiceField(label=_("Adopted by decision"), queryset=Goal.objects.none(), required=False)

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["from_year"].initial = year
        self.fields["to_year"].initial = year + 1
        self.fields["decision"].queryset = decision_queryset(space, year + 1)  # type: ignore[attr-defined]
