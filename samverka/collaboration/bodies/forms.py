"""Forms of the bodies pages.

Organisations (tens of thousands) and persons are never rendered as a select:
a text field takes a name or an id. With JavaScript, htmx fills a datalist
with matches while typing; without it, an ambiguous or partial name is
answered with the matching entries as radio buttons under the field.
"""

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.collaboration.actors.models import Contact, Organisation, normalise_name
from samverka.collaboration.bodies import selectors
from samverka.collaboration.bodies.models import Area, Body, BodyKind, BodyStatus, Membership
from samverka.platform.spaces.models import Space

_ID_AT_END = re.compile(r"\(id\s*(\d+)\)\s*$", re.IGNORECASE)
_ONLY_ID = re.compile(r"^#?\s*(\d+)$")
DATE_WIDGET = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def organisation_label(organisation: Organisation) -> str:
    """How an organisation is written in a lookup field (the id makes it unambiguous)."""
    return f"{organisation.name} (id {organisation.pk})"


def contact_label(contact: Contact) -> str:
    """How a person is written in a lookup field."""
    return f"{contact.name}, {contact.organisation.name} (id {contact.pk})"


def parse_id(text: str) -> int | None:
    """The id in "Name (id 12)", "#12" or "12"."""
    match = _ID_AT_END.search(text) or _ONLY_ID.match(text.strip())
    return int(match.group(1)) if match else None


class LookupWidget(forms.TextInput):
    """A text input with a datalist that htmx fills while typing, and radio buttons for matches
    found on submit (the no-JavaScript way to choose among several)."""

    template_name = "bodies/widgets/lookup.html"

    def __init__(self, *, lookup_url: str = "", include: str = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.lookup_url = lookup_url
        self.include = include
        self.matches: list[str] = []
        self.matches_legend = ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        input_id = widget["attrs"].get("id", name)
        widget["options_id"] = f"{input_id}-options"
        if self.lookup_url:
            widget["attrs"].update(
                {
                    "list": widget["options_id"],
                    "hx-get": self.lookup_url,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": f"#{widget['options_id']}",
                    "hx-swap": "innerHTML",
                    "hx-sync": "this:replace",
                }
            )
            if self.include:
                widget["attrs"]["hx-include"] = self.include
        widget["matches"] = [(f"{input_id}-match-{i}", label) for i, label in enumerate(self.matches)]
        widget["matches_legend"] = self.matches_legend
        return context


class OrganisationLookupField(forms.CharField):
    """An organisation typed as a name or an id; returns an Organisation (or None when optional)."""

    default_error_messages = {"required": gettext_lazy("Choose an organisation.")}

    def __init__(self, *, lookup_url: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault(
            "help_text", gettext_lazy("Type part of the name (or the id from the actor register) and choose.")
        )
        super().__init__(widget=LookupWidget(lookup_url=lookup_url), **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return organisation_label(value) if isinstance(value, Organisation) else value

    def clean(self, value: Any) -> Organisation | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        pk = parse_id(text)
        if pk is not None:
            found = Organisation.objects.filter(pk=pk).first()
            if found is None:
                raise forms.ValidationError(_("There is no organisation with id %(id)s.") % {"id": pk})
            return found
        exact = list(Organisation.objects.filter(normalised_name=normalise_name(text)).order_by("name", "pk")[:11])
        if len(exact) == 1:
            return exact[0]
        candidates = exact or _organisations_containing(text)
        if not candidates:
            raise forms.ValidationError(
                _(
                    "No organisation in the register matches “%(text)s”. Check the spelling, "
                    "or register the organisation in the actor register first."
                )
                % {"text": text}
            )
        widget: LookupWidget = self.widget  # type: ignore[assignment]
        widget.matches = [organisation_label(o) for o in candidates]
        widget.matches_legend = _("Organisations matching “%(text)s”") % {"text": text}
        if len(exact) > 1:
            raise forms.ValidationError(
                _("Several organisations are called “%(text)s”: choose one of them below the field.") % {"text": text}
            )
        raise forms.ValidationError(
            _("“%(text)s” is not the full name of an organisation: choose one of the matches below the field.")
            % {"text": text}
        )


def _organisations_containing(text: str) -> list[Organisation]:
    norm = normalise_name(text)
    if len(norm) < 2:
        return []
    return list(
        Organisation.objects.filter(Q(normalised_name__contains=norm) | Q(name__icontains=text.strip())).order_by(
            "name", "pk"
        )[:10]
    )


# --- bodies ------------------------------------------------------------------------------


class BodyFilterForm(forms.Form):
    """The filters above the body list (a GET form)."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("All"))]
        for name, choices in (("kind", BodyKind.choices), ("area", Area.choices), ("status", BodyStatus.choices)):
            field: forms.ChoiceField = self.fields[name]  # type: ignore[assignment]
            field.choices = any_choice + list(choices)
        self.fields["q"].widget.input_type = "search"


def _model_field(model: type[Body] | type[Membership], name: str, **kwargs: Any) -> forms.Field:
    model_field: Any = model._meta.get_field(name)
    field = model_field.formfield(**kwargs)
    assert field is not None
    return field


class BodyForm(forms.Form):
    """Create or edit a body. The parent choices are the bodies of ``space`` that ``user`` may see;
    ``body`` is the body edited (None when creating)."""

    def __init__(
        self,
        *args: Any,
        space: Space,
        user: Any = None,
        body: Body | None = None,
        organisation_lookup_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"] = _model_field(Body, "name")
        self.fields["kind"] = _model_field(Body, "kind")
        self.fields["area"] = _model_field(Body, "area")
        self.fields["mandate"] = _model_field(Body, "mandate")
        self.fields["start_date"] = _model_field(Body, "start_date", **DATE_WIDGET)
        self.fields["end_date"] = _model_field(Body, "end_date", **DATE_WIDGET)
        if body is None or body.status != BodyStatus.CLOSED:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"),
                choices=[(BodyStatus.PLANNED, BodyStatus.PLANNED.label), (BodyStatus.ACTIVE, BodyStatus.ACTIVE.label)],
                initial=BodyStatus.ACTIVE,
                help_text=_("To close a body, use “Close the body” on its page."),
            )
        # only bodies the editor may see are offered (a body's own chair may be an external guest)
        parents = selectors.visible_bodies(space, user) if user is not None else Body.objects.filter(space=space)
        if body is not None:
            parents = parents.exclude(pk=body.pk)
        keep = body.parent_id if body is not None else None
        parents = parents.filter(~Q(status=BodyStatus.CLOSED) | Q(pk=keep)).order_by("name", "pk")
        self.fields["parent"] = forms.ModelChoiceField(
            queryset=parents,
            required=False,
            label=_("Reports to"),
            empty_label=_("— none (a top-level body) —"),
            help_text=_("Questions escalate to this body, e.g. programme council → industry forum."),
        )
        if keep is not None and user is not None and keep not in selectors.visible_body_ids(space, user, {keep}):
            # The body reports to a body this editor may not see: keep the link, do not name it.
            hidden = forms.ModelChoiceField(
                queryset=Body.objects.filter(pk=keep),
                disabled=True,
                required=False,
                label=_("Reports to"),
                help_text=_("A body that is not public; only the space's secretariat can change this link."),
            )
            hidden.label_from_instance = lambda obj: _("a body that is not public")  # type: ignore[method-assign]
            self.fields["parent"] = hidden
        self.fields["owner_organisation"] = OrganisationLookupField(
            label=_("Owner organisation"), required=False, lookup_url=organisation_lookup_url
        )
        self.fields["is_public"] = _model_field(Body, "is_public")
        if body is not None:  # also when bound: a disabled field takes its value from here
            for name in self.fields:
                self.initial[name] = getattr(body, name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class BodyCloseForm(forms.Form):
    closed_at = forms.DateField(label=gettext_lazy("Closing date"), **DATE_WIDGET)  # type: ignore[arg-type]
    closing_note = forms.CharField(
        label=gettext_lazy("Closing note"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=gettext_lazy(
            "What the body achieved, what is left and who takes over its open questions (the final report)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closed_at"].initial = timezone.localdate()


# --- memberships -------------------------------------------------------------------------------------


class MembershipForm(forms.Form):
    """Add (``membership=None``) or edit a membership of ``body``.

    The person is chosen by name or id; when an organisation is given first,
    only its people are offered (and with an empty name, all of them are listed).
    """

    def __init__(
        self,
        *args: Any,
        body: Body,
        membership: Membership | None = None,
        organisation_lookup_url: str = "",
        contact_lookup_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        self.membership = membership
        self.fields["organisation"] = OrganisationLookupField(
            label=_("Organisation"),
            required=False,
            lookup_url=organisation_lookup_url,
            help_text=_(
                "The organisation the person represents. Leave empty for the person's own organisation; "
                "choose it first to list its people."
            ),
        )
        if membership is None:
            self.fields["contact"] = forms.CharField(
                label=_("Person"),
                required=False,
                max_length=300,
                widget=LookupWidget(lookup_url=contact_lookup_url, include="[name='organisation']"),
                help_text=_("Type part of the name and choose; or choose the organisation above and send the form."),
            )
        self.fields["role"] = _model_field(Membership, "role")
        self.fields["start_date"] = _model_field(Membership, "start_date", **DATE_WIDGET)
        self.fields["end_date"] = _model_field(Membership, "end_date", **DATE_WIDGET)
        if body.kind == BodyKind.PROJECT:
            self.fields["participation_model"] = _model_field(Membership, "participation_model")
        self.fields["note"] = _model_field(Membership, "note")
        if membership is None:
            self.fields["start_date"].initial = timezone.localdate()
        else:
            for name in self.fields:
                self.initial[name] = getattr(membership, name)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if "contact" in self.fields and "organisation" not in self.errors:
            contact = self._resolve_contact(data.get("contact") or "", data.get("organisation"))
            if contact is not None:
                data["contact"] = contact
        return data

    def _resolve_contact(self, text: str, organisation: Organisation | None) -> Contact | None:
        widget: LookupWidget = self.fields["contact"].widget  # type: ignore[assignment]
        text = text.strip()
        if not text and organisation is None:
            self.add_error("contact", _("Choose the person, or choose an organisation to list its people."))
            return None
        pk = parse_id(text) if text else None
        if pk is not None:
            found = Contact.objects.select_related("organisation").filter(pk=pk).first()
            if found is None:
                self.add_error("contact", _("There is no person with id %(id)s.") % {"id": pk})
            return found
        candidates = selectors.contact_search(text, organisation=organisation)
        exact = [c for c in candidates if c.name.casefold() == text.casefold()] if text else []
        if len(exact) == 1:
            return exact[0]
        if not candidates:
            if organisation is not None:
                message = _("No person at %(organisation)s matches “%(text)s”.") % {
                    "organisation": organisation.name,
                    "text": text,
                }
                if not text:
                    message = _("%(organisation)s has no registered people yet.") % {"organisation": organisation.name}
            else:
                message = _("No person in the register matches “%(text)s”.") % {"text": text}
            self.add_error("contact", message)
            return None
        widget.matches = [contact_label(c) for c in candidates]
        widget.matches_legend = (
            _("People at %(organisation)s") % {"organisation": organisation.name}
            if organisation is not None and not text
            else _("People matching “%(text)s”") % {"text": text}
        )
        self.add_error("contact", _("Choose the person among the matches below the field."))
        return None


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=gettext_lazy("Last day of the membership"), **DATE_WIDGET)  # type: ignore[arg-type]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = timezone.localdate()
