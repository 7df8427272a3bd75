from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.steering.statusreports.models import LIGHT_CRITERIA, ActivityStatus, Light
from samverka.steering.statusreports.services import StatusInput
from samverka.steering.workplans.models import Activity


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("For example “Våren 2027”."))
    year = forms.IntegerField(label=_("Work plan year"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class FeedbackForm(forms.Form):
    text = forms.CharField(label=_("Feedback to the group"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


def light_choices() -> list[tuple[str, Any]]:
    return [(value, label) for value, label in Light.choices]


class ReportForm(forms.Form):
    """Two lights and two comments per activity, plus the deeper description.

    Field names carry the activity id: ``a<id>_light``, ``a<id>_result_light``, ``a<id>_comment``,
    ``a<id>_result_comment``. ``rows`` gives the template each activity with its bound fields."""

    description = forms.CharField(
        label=_("Deeper description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What has happened, risks and what the group needs from the steering group."),
    )

    def __init__(self, *args: Any, rows: list[tuple[Activity, ActivityStatus | None]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activity_rows = rows
        for activity, status in rows:
            prefix = f"a{activity.pk}"
            self.fields[f"{prefix}_light"] = forms.ChoiceField(
                label=_("Activity light"), choices=light_choices(), required=False, widget=forms.RadioSelect
            )
            self.fields[f"{prefix}_comment"] = forms.CharField(
                label=_("Comment on the activity"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{prefix}_result_light"] = forms.ChoiceField(
                label=_("Expected result light"), choices=light_choices(), required=False, widget=forms.RadioSelect
            )
            self.fields[f"{prefix}_result_comment"] = forms.CharField(
                label=_("Comment on the expected result"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if status is not None and not self.is_bound:
                self.initial[f"{prefix}_light"] = status.light_activity
                self.initial[f"{prefix}_comment"] = status.comment_activity
                self.initial[f"{prefix}_result_light"] = status.light_result
                self.initial[f"{prefix}_result_comment"] = status.comment_result

    def activities(self) -> list[dict[str, Any]]:
        return [
            {
                "activity": activity,
                "light": self[f"a{activity.pk}_light"],
                "comment": self[f"a{activity.pk}_comment"],
                "result_light": self[f"a{activity.pk}_result_light"],
                "result_comment": self[f"a{activity.pk}_result_comment"],
            }
            for activity, _status in self.activity_rows
        ]

    def statuses(self) -> dict[int, StatusInput]:
        data = self.cleaned_data
        return {
            activity.pk: StatusInput(
                light_activity=data.get(f"a{activity.pk}_light") or "",
                light_result=data.get(f"a{activity.pk}_result_light") or "",
                comment_activity=data.get(f"a{activity.pk}_comment") or "",
                comment_result=data.get(f"a{activity.pk}_result_comment") or "",
            )
            for activity, _status in self.activity_rows
        }


class CorrectionForm(forms.Form):
    light_activity = forms.ChoiceField(label=_("Activity light"), choices=light_choices, widget=forms.RadioSelect)
    comment_activity = forms.CharField(
        label=_("Comment on the activity"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    light_result = forms.ChoiceField(label=_("Expected result light"), choices=light_choices, widget=forms.RadioSelect)
    comment_result = forms.CharField(
        label=_("Comment on the expected result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))

    def status_input(self) -> StatusInput:
        d = self.cleaned_data
        return StatusInput(d["light_activity"], d["light_result"], d["comment_activity"], d["comment_result"])


CRITERIA = [(value, label, LIGHT_CRITERIA[Light(value)]) for value, label in Light.choices]
