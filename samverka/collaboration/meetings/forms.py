"""Forms of the meeting, agenda and invitation pages (A's part of the meetings app)."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.meetings.models import AgendaKind, Answer, Meeting
from samverka.platform.core.times import local, stockholm
from samverka.platform.core.uploads import accepted_extensions

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Contact) -> str:
        return f"{obj.name}, {obj.organisation.name}" if obj.organisation_id else obj.name


class MeetingForm(forms.Form):
    """Title, day and Stockholm wall-clock times, place/link, chair and adjuster."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=gettext_lazy("Starts at"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=gettext_lazy("Ends at"), widget=TIME_WIDGET)
    place = forms.CharField(
        label=gettext_lazy("Place"), max_length=255, required=False, help_text=gettext_lazy("Address and room.")
    )
    online_url = forms.URLField(
        label=gettext_lazy("Online meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("A link to join on-line, if any."),
    )
    chair = ContactChoiceField(label=gettext_lazy("Chair"), queryset=Contact.objects.none(), required=False)
    adjuster = ContactChoiceField(
        label=gettext_lazy("Adjuster"),
        queryset=Contact.objects.none(),
        required=False,
        help_text=gettext_lazy("The person appointed to approve the minutes together with the chair (justerare)."),
    )
    invitation_message = forms.CharField(
        label=gettext_lazy("Message in the invitation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    details_public = forms.BooleanField(
        label=gettext_lazy("Public — the online link and the message are shown to everyone"),
        required=False,
        help_text=gettext_lazy(
            "Internal by default: only the body's members, the invitees and the space's participants see them."
        ),
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Publish the minutes"),
        required=False,
        help_text=gettext_lazy("Approved minutes are shown to everyone, also visitors who are not logged in."),
    )
    confirm_overlap = forms.BooleanField(
        label=gettext_lazy("Yes, plan the meeting anyway"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, contacts: list[Contact], meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None:
            # Opens with what is stored; FormView always passes an ``initial`` (empty), which must not win.
            start, end = local(meeting.start), local(meeting.end)
            kwargs["initial"] = {
                "title": meeting.title,
                "date": start.date(),
                "start_time": start.time().replace(tzinfo=None),
                "end_time": end.time().replace(tzinfo=None),
                "place": meeting.place,
                "online_url": meeting.online_url,
                "chair": meeting.chair_id,
                "adjuster": meeting.adjuster_id,
                "invitation_message": meeting.invitation_message,
                "details_public": meeting.details_public,
                "is_public": meeting.is_public,
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        pks = {c.pk for c in contacts}
        for name in ("chair", "adjuster"):
            current = getattr(meeting, f"{name}_id", None) if meeting else None
            if current:
                pks.add(current)
            field: Any = self.fields[name]
            field.queryset = Contact.objects.filter(pk__in=pks).select_related("organisation").order_by("name")
            field.empty_label = _("(not decided yet)")

    def show_overlap_confirmation(self) -> None:
        self.fields["confirm_overlap"].widget = forms.CheckboxInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["start"] = stockholm(datetime.combine(day, start), field="start_time")  # noqa: DTZ001
            data["end"] = stockholm(datetime.combine(day, end), field="end_time")  # noqa: DTZ001
            if data["end"] <= data["start"]:
                self.add_error("end_time", _("The meeting must end after it starts."))
        if not (data.get("place") or "").strip() and not (data.get("online_url") or "").strip():
            self.add_error("place", _("Give a place, an online link, or both."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "start": data["start"],
            "end": data["end"],
            "place": data.get("place", ""),
            "online_url": data.get("online_url", ""),
            "is_public": data.get("is_public", False),
            "details_public": data.get("details_public", False),
            "chair": data.get("chair"),
            "adjuster": data.get("adjuster"),
        }


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the invitees)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=AgendaKind.choices, initial=AgendaKind.INFORMATION)
    presenter = forms.CharField(label=gettext_lazy("Presenter"), max_length=200, required=False)
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Duration (minutes)"), min_value=1, max_value=24 * 60, required=False
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=gettext_lazy(
            "Plain text (an empty line starts a new paragraph) or simple HTML: bold, italics, lists and links."
        ),
    )


class AgendaDocumentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Document"))
    is_public = forms.BooleanField(
        label=gettext_lazy("Public — shown to everyone"),
        required=False,
        help_text=gettext_lazy(
            "Internal by default: only the body's members, the invitees and the space's participants may "
            "download it. Public documents can be downloaded by everyone who sees the agenda."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Accepted: %(extensions)s.") % {"extensions": accepted_extensions()}
        self.fields["file"].widget.attrs["accept"] = accepted_extensions().replace(" ", "")


class AnswerForm(forms.Form):
    """The invitee's answer (from the e-mail link or the meeting page)."""

    answer = forms.ChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[(Answer.YES, Answer.YES.label), (Answer.NO, Answer.NO.label), (Answer.MAYBE, Answer.MAYBE.label)],
        widget=forms.RadioSelect,
    )
    substitute_name = forms.CharField(
        label=gettext_lazy("Substitute"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("If you cannot attend: who comes in your place."),
    )
    substitute_email = forms.EmailField(label=gettext_lazy("Substitute's e-mail"), required=False)
    comment = forms.CharField(label=gettext_lazy("Comment"), max_length=500, required=False)
