"""Forms of the minutes, decision, action item and follow-up pages."""

import re
from html import unescape
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.bodies.models import Membership
from samverka.collaboration.meetings.models import ActionStatus, AgendaItem, Decision, Meeting
from samverka.collaboration.meetings.services.minutes import ABSENT, PRESENT, SUBSTITUTED
from samverka.platform.core.times import local

MAX_TEXT = 10_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


_SIMPLE_TAGS = re.compile(r"</?p>|<br\s*/?>")


def editable(html: str) -> str:
    """The stored minutes for the text area: plain text when they are only paragraphs and line breaks
    (what was typed), else the HTML itself so that no formatting is lost on saving again."""
    html = html or ""
    if "<" in _SIMPLE_TAGS.sub("", html):
        return html
    text = re.sub(r"</p>\s*<p>", "\n\n", html)
    text = re.sub(r"<br\s*/?>", "\n", text)
    return unescape(_SIMPLE_TAGS.sub("", text)).strip()


def item_label(index: int, item: AgendaItem) -> str:
    return f"§ {index} {item.title}"


def member_contacts(meeting: Meeting) -> Any:
    """The body's current members and the meeting's invitees, for "responsible" and "owner" choices."""
    today = local(meeting.start).date()
    members = Membership.objects.current(today).filter(body_id=meeting.body_id).values("contact_id")
    invited = meeting.invitations.filter(contact__isnull=False).values("contact_id")
    return Contact.objects.filter(Q(pk__in=members) | Q(pk__in=invited)).order_by("name")


class MinutesForm(forms.Form):
    """One text area per agenda item: what was said and decided under it."""

    def __init__(self, *args: Any, items: list[tuple[AgendaItem, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_fields: dict[str, AgendaItem] = {}
        for index, (item, text) in enumerate(items, start=1):
            name = f"item_{item.pk}"
            self.fields[name] = forms.CharField(
                label=item_label(index, item),
                required=False,
                max_length=50_000,
                initial=editable(text),
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("Plain text; a blank line starts a new paragraph."),
            )
            self.item_fields[name] = item

    def texts(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data.get(name, "") for name, item in self.item_fields.items()}


ATTENDANCE_CHOICES = [
    (PRESENT, _("Present")),
    (ABSENT, _("Absent")),
    (SUBSTITUTED, _("Absent, with a substitute")),
]


class AttendanceForm(forms.Form):
    """Present, absent or replaced by a substitute, per invited person or member; and others present."""

    others = forms.CharField(
        label=_("Others present"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line, e.g. guests and presenters."),
    )

    def __init__(self, *args: Any, candidates: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = [c for c in candidates if "name" in c]
        others = next((c["others"] for c in candidates if "others" in c), "")
        self.fields["others"].initial = others
        self.rows = []
        for index, person in enumerate(self.people):
            status = f"status_{index}"
            substitute = f"substitute_{index}"
            self.fields[status] = forms.ChoiceField(
                label=person["name"],
                choices=ATTENDANCE_CHOICES,
                initial=person["status"],
                widget=forms.RadioSelect,
            )
            self.fields[substitute] = forms.CharField(
                label=_("Substitute for %(name)s") % {"name": person["name"]},
                required=False,
                max_length=200,
                initial=person["substitute_name"],
            )
            self.rows.append((person, self[status], self[substitute]))
        # "others" last in the form
        self.order_fields([*[k for k in self.fields if k != "others"], "others"])

    def entries(self) -> list[Any]:
        from samverka.collaboration.meetings.services.minutes import AttendanceEntry

        entries = []
        for index, person in enumerate(self.people):
            entries.append(
                AttendanceEntry(
                    name=person["name"],
                    status=self.cleaned_data[f"status_{index}"],
                    contact=person["contact"],
                    organisation_name=person["organisation_name"] or "",
                    role_label=person["role_label"] or "",
                    substitute_name=self.cleaned_data.get(f"substitute_{index}", ""),
                )
            )
        for line in (self.cleaned_data.get("others") or "").splitlines():
            if line.strip():
                entries.append(AttendanceEntry(name=line.strip()[:200]))
        return entries


class AdjusterForm(forms.Form):
    adjuster = forms.ModelChoiceField(
        label=_("Adjuster"),
        queryset=Contact.objects.none(),
        help_text=_("Approves the minutes together with the chair. Must be someone other than the chair."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["adjuster"]
        field.queryset = member_contacts(meeting)
        field.initial = meeting.adjuster_id


class SignatoriesForm(forms.Form):
    """The meeting's chair and adjuster, chosen from the body's members and the invitees."""

    chair = forms.ModelChoiceField(
        label=_("Chair"),
        queryset=Contact.objects.none(),
        required=False,
        help_text=_("Chairs the meeting and approves the minutes."),
    )
    adjuster = forms.ModelChoiceField(
        label=_("Adjuster"),
        queryset=Contact.objects.none(),
        required=False,
        help_text=_("Approves the minutes together with the chair. Must be someone other than the chair."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "chair": meeting.chair_id,
            "adjuster": meeting.adjuster_id,
            **(kwargs.get("initial") or {}),
        }
        super().__init__(*args, **kwargs)
        current = [pk for pk in (meeting.chair_id, meeting.adjuster_id) if pk]
        people = Contact.objects.filter(Q(pk__in=member_contacts(meeting).values("pk")) | Q(pk__in=current))
        people = people.select_related("organisation").order_by("name", "pk")
        for name in ("chair", "adjuster"):
            field: Any = self.fields[name]
            field.queryset = people
            field.empty_label = _("(not decided yet)")
            field.label_from_instance = person_label

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chair, adjuster = data.get("chair"), data.get("adjuster")
        if chair is not None and adjuster is not None and chair.pk == adjuster.pk:
            self.add_error("adjuster", _("The adjuster must be someone other than the chair."))
        return data


def person_label(contact: Contact) -> str:
    return f"{contact.name}, {contact.organisation.name}" if contact.organisation_id else contact.name


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the new version of the minutes."),
    )


class DecisionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("Under agenda item"), queryset=AgendaItem.objects.none())
    text = forms.CharField(label=_("Decision"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4}))
    responsible_contact = forms.ModelChoiceField(
        label=_("Responsible person"), queryset=Contact.objects.none(), required=False
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none(), required=False
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DateInput(),
        help_text=_("With a due date, the decision is followed up on the coming agendas until it is closed."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        items = AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk")
        fields["agenda_item"].queryset = items
        fields["agenda_item"].label_from_instance = lambda item: item.title
        contacts = member_contacts(meeting)
        fields["responsible_contact"].queryset = contacts
        fields["responsible_organisation"].queryset = Organisation.objects.filter(
            pk__in=Membership.objects.filter(body_id=meeting.body_id).values("organisation_id")
        ).order_by("name")


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=255)
    description = forms.CharField(
        label=_("Details"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_contact = forms.ModelChoiceField(label=_("Owner"), queryset=Contact.objects.none())
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    decision = forms.ModelChoiceField(label=_("From decision"), queryset=Decision.objects.none(), required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["owner_contact"].queryset = member_contacts(meeting)
        fields["decision"].queryset = Decision.objects.filter(meeting=meeting).order_by("number")


class DecisionCloseForm(forms.Form):
    closing_note = forms.CharField(
        label=_("Outcome"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done about the decision."),
    )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
