"""Forms of the calendars app: sources, polls and answers."""

from datetime import datetime
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.calendars.models import PollAnswerChoice, PollOption


class SourceUrlForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=100, required=False, help_text=_("e.g. My work calendar"))
    url = forms.CharField(
        label=_("Calendar address (ICS)"),
        max_length=2000,
        help_text=_(
            "The secret or published address of your calendar in iCal format, starting with https:// or webcal://."
        ),
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
    )


class SourceUploadForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=100, required=False)
    file = forms.FileField(
        label=_("Calendar file (.ics)"),
        help_text=_("Export your calendar as an .ics file and upload it here."),
        widget=forms.ClearableFileInput(attrs={"accept": ".ics,text/calendar"}),
    )


class PollForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=24 * 60, initial=90)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    description = forms.CharField(
        label=_("Message to the invitees"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    options = forms.CharField(
        label=_("Proposed times"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One time per line, Swedish time, as YYYY-MM-DD HH:MM, e.g. 2026-03-12 13:00."),
    )

    extra_emails = forms.CharField(
        label=_("Also ask (e-mail addresses)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("People outside the body, one address per line. They answer through the link in the e-mail."),
    )

    def clean_extra_emails(self) -> list[str]:
        addresses = [line.strip() for line in self.cleaned_data["extra_emails"].splitlines() if line.strip()]
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("“%(address)s” is not an e-mail address."), params={"address": address[:80]}, code="invalid"
                ) from error
        if len(addresses) > 100:
            raise forms.ValidationError(_("Give at most 100 addresses."), code="too_many")
        return addresses

    def clean_options(self) -> list[datetime]:
        starts = []
        for number, line in enumerate(self.cleaned_data["options"].splitlines(), start=1):
            text = line.strip()
            if not text:
                continue
            for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H.%M"):
                try:
                    starts.append(datetime.strptime(text, pattern))  # noqa: DTZ007 (Stockholm time, made aware by the service)
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(
                    _("Line %(number)d (“%(text)s”) is not a date and time as YYYY-MM-DD HH:MM."),
                    params={"number": number, "text": text[:40]},
                    code="invalid",
                )
        if not starts:
            raise forms.ValidationError(_("Propose at least one time."), code="required")
        return starts


class PollAnswerForm(forms.Form):
    """One radio group per proposed time."""

    def __init__(self, *args: Any, options: list[PollOption], initial_answers: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.utils import formats

        from samverka.platform.core.times import local

        for option in options:
            self.fields[f"option_{option.pk}"] = forms.ChoiceField(
                label=formats.date_format(local(option.start), "l j F Y H:i"),
                choices=PollAnswerChoice.choices,
                widget=forms.RadioSelect,
                initial=initial_answers.get(option.pk, ""),
                required=True,
            )

    def answers(self) -> dict[int, str]:
        return {int(name.removeprefix("option_")): value for name, value in self.cleaned_data.items()}


class PollChooseForm(forms.Form):
    option = forms.ModelChoiceField(queryset=PollOption.objects.none(), label=_("Time"), widget=forms.RadioSelect)
    send_invitations = forms.BooleanField(
        label=_("Send the invitation to the members now"), required=False, initial=True
    )

    def __init__(self, *args: Any, poll: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.utils import formats

        from samverka.platform.core.times import local

        field = self.fields["option"]
        field.queryset = poll.options.all()  # type: ignore[attr-defined]
        field.label_from_instance = lambda o: formats.date_format(local(o.start), "l j F Y H:i")  # type: ignore[attr-defined]
