"""Forms of the event pages. Times are typed as Stockholm wall-clock time and handed to the
services naive: the services read them in Stockholm and refuse a time in the summer-time gap
with an explanation (``core.times``), which the view shows on the field."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.bodies.permissions import body_seats
from samverka.collaboration.events.models import Event, EventKind, Session
from samverka.platform.core.times import local
from samverka.platform.spaces.models import Space
from samverka.platform.spaces.permissions import is_platform_admin, is_space_manager

INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class StockholmDateTimeField(forms.DateTimeField):
    """A date and time in Stockholm, returned naive (the service checks the summer-time gap)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {"invalid": _("Write a date and time, such as 2026-05-20 09:30.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", INPUT_FORMATS)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is not None:
            return local(value).replace(tzinfo=None)
        return value

    def to_python(self, value: Any) -> datetime | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        for fmt in self.input_formats or INPUT_FORMATS:
            try:
                return datetime.strptime(text, fmt)  # noqa: DTZ007 (Stockholm wall-clock, made aware by the service)
            except (ValueError, TypeError):
                continue
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=Event._meta.get_field("description").help_text,
    )
    start = StockholmDateTimeField(label=_("Starts"), help_text=_("Swedish time."))
    end = StockholmDateTimeField(label=_("Ends"), help_text=_("Swedish time."))
    place = forms.CharField(
        label=_("Place"), max_length=255, required=False, help_text=_("Address and room, if on site.")
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("The link to join online (any meeting service), if online."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        help_text=_("The number of places. Leave empty for no limit. When full, people join a waiting list."),
    )
    registration_opens_at = StockholmDateTimeField(
        label=_("Registration opens"), required=False, help_text=_("Empty: as soon as the event is published.")
    )
    registration_closes_at = StockholmDateTimeField(
        label=_("Registration deadline"), required=False, help_text=_("Empty: when the event starts.")
    )
    is_public = forms.BooleanField(
        label=_("Public event"),
        required=False,
        initial=True,
        help_text=_(
            "Shown to everyone and in the public calendar feed. Otherwise only the participants of the space "
            "and the members of the organising body see it."
        ),
    )
    body = forms.ModelChoiceField(
        label=_("Organising body"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("The body that arranges the event, if any. Its chair and secretary may run the event."),
    )

    def __init__(self, *args: Any, space: Space, user: Any, event: Event | None = None, **kwargs: Any) -> None:
        if event is not None:
            kwargs["initial"] = {
                **{
                    name: getattr(event, name)
                    for name in (
                        "kind",
                        "title",
                        "description",
                        "start",
                        "end",
                        "place",
                        "online_url",
                        "capacity",
                        "registration_opens_at",
                        "registration_closes_at",
                        "is_public",
                        "body",
                    )
                },
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        bodies = Body.objects.filter(space=space).order_by("name")
        if not (is_platform_admin.test(user) or is_space_manager.test(user, space)):
            bodies = bodies.filter(pk__in=sorted(body_seats(user)["leader"]))
            self.fields["body"].required = True
        field: forms.ModelChoiceField = self.fields["body"]  # type: ignore[assignment]
        field.queryset = bodies


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start = StockholmDateTimeField(label=_("Starts"), help_text=_("Swedish time."))
    end = StockholmDateTimeField(label=_("Ends"), help_text=_("Swedish time."))
    speaker = forms.CharField(label=_("Speaker"), max_length=255, required=False)
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, session: Session | None = None, **kwargs: Any) -> None:
        if session is not None:
            kwargs["initial"] = {
                **{n: getattr(session, n) for n in ("title", "start", "end", "speaker", "room", "description")},
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Write your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("The confirmation and your cancel link are sent here."),
        error_messages={
            "required": _("Write your e-mail address."),
            "invalid": _("Write a valid e-mail address, such as name@example.se."),
        },
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        max_length=500,
        required=False,
        help_text=_("For example vegetarian, gluten-free or allergies."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=500,
        required=False,
        help_text=_("For example a hearing loop, step-free access or an interpreter."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the organiser stores my registration and uses it for this event only."),
        error_messages={"required": _("We need your consent to store your registration.")},
    )


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to everyone registered."),
    )
