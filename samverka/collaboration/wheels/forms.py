"""Input of the annual-wheel pages: the year shown, and adopting a template."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.wheels import selectors
from samverka.collaboration.wheels.services import MAX_YEAR, MIN_YEAR
from samverka.platform.spaces.models import Space


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False)

    def year_or_current(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return timezone.localdate().year


class AdoptForm(forms.Form):
    """Choose a template, the year and (optionally) a common time and place."""

    template = forms.ChoiceField(label=_("Template"), widget=forms.RadioSelect)
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    time_of_day = forms.TimeField(
        label=_("Time of day"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave empty to use each meeting's usual time in the template."),
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False, help_text=_("Address and room."))
    include_past = forms.BooleanField(
        label=_("Also create the meetings whose dates have already passed"),
        required=False,
        help_text=_("For recording a year afterwards. Meetings already generated are never created twice."),
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.templates = list(selectors.templates_for(space))
        template_field = self.fields["template"]
        assert isinstance(template_field, forms.ChoiceField)
        template_field.choices = [(t.key, t.display_name) for t in self.templates]
        self.fields["year"].initial = timezone.localdate().year
