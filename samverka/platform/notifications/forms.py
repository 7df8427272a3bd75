"""The filter above the outbox list."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.platform.notifications.models import OutboxStatus


class OutboxFilterForm(forms.Form):
    """Filter the outbox by status (a GET form)."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ChoiceField = self.fields["status"]  # type: ignore[assignment]
        field.choices = [("", _("All")), *OutboxStatus.choices]
