"""Forms of the registry pages. The services check everything again; forms give early, clear messages."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings.models import Decision
from samverka.platform.core.forms import MultipleFileField
from samverka.platform.spaces.models import Space, SpaceRole
from samverka.records.registry import secrecy, selectors, services
from samverka.records.registry.models import (
    Case,
    CaseStatus,
    CaseType,
    Direction,
    DispatchMethod,
    RegisteredDocument,
    RegistrationSeries,
)
from samverka.records.registry.selectors import decision_search, document_types, space_decisions

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choice(form: forms.Form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def document_type_field(space: Space, *, current: str = "") -> forms.ChoiceField:
    """The document type as a choice among the types of the space's retention schedule (a type decides how
    long the document is kept). A correction keeps a document's ``current`` type even when its rule is gone."""
    types = document_types(space.pk)
    choices: list[tuple[str, Any]] = [("", _("No document type"))]
    choices += [(code, f"{name} ({code})") for code, name in types.items()]
    if current and current not in types:
        choices.append((current, _("%(code)s (no longer in the retention schedule)") % {"code": current}))
    if types:
        help_text = _("From the space's retention schedule: the type decides how long the document is kept.")
    else:
        help_text = _(
            "The space's retention schedule has no document types yet; an archive keeper adds them under "
            "Retention and archive."
        )
    return forms.ChoiceField(label=_("Document type"), choices=choices, required=False, help_text=help_text)


class SeriesForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("Prefix of the case numbers, e.g. MSV."))
    name = forms.CharField(label=_("Name"), max_length=200)


class GrantForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles that may see secrecy-marked documents"),
        choices=SpaceRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Space administrators always may: they read the audit log."),
    )


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200, help_text=_("Title, subject or case number"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *CaseStatus.choices])
    case_type = forms.ChoiceField(label=_("Case type"), required=False, choices=[("", _("All")), *CaseType.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    mine = forms.BooleanField(label=_("Only cases I am responsible for"), required=False)


class CaseForm(forms.Form):
    series = forms.ModelChoiceField(label=_("Series"), queryset=RegistrationSeries.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=255)
    public_title = forms.CharField(
        label=_("Public title"),
        max_length=255,
        required=False,
        help_text=_("Shown in the public diary instead of the title; leave blank when the title may be shown."),
    )
    case_type = forms.ChoiceField(label=_("Case type"), choices=[("", _("Choose…")), *CaseType.choices])
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none(), required=False)
    opened_on = forms.DateField(label=_("Opened on"), required=False, widget=DATE_WIDGET)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE_WIDGET)
    register_anyway = forms.BooleanField(
        label=_("Register anyway (it is not the same case)"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "series").queryset = RegistrationSeries.objects.filter(space=space, is_active=True)
        _choice(self, "body").queryset = Body.objects.filter(space=space).order_by("name")

    def show_register_anyway(self) -> None:
        self.fields["register_anyway"].widget = forms.CheckboxInput()


class MarkingAtRegistrationFields(forms.Form):
    """The secrecy marking a document may get as it is registered — on the registry's document form and on
    intake's triage — so that it is never shown unmarked. Left empty, the document is registered unmarked;
    ``marking()`` gives what ``services.document_register_and_mark`` takes."""

    secrecy_provision = forms.CharField(
        label=_("Secrecy marking: provision"),
        max_length=120,
        required=False,
        help_text=_("Fill in to mark the document secret as it is registered, e.g. OSL 21 kap. 7 §."),
    )
    masks_subject = forms.BooleanField(label=_("Mask the subject as well"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("masks_subject") and not (data.get("secrecy_provision") or "").strip():
            self.add_error(
                "secrecy_provision",
                _(
                    "Cite the provision the document is secret under, e.g. OSL 21 kap. 7 §, or untick "
                    "“Mask the subject as well” to register the document unmarked."
                ),
            )
        return data

    def marking(self, *, authority: str) -> services.Marking | None:
        """The marking to make at registration (the sender or recipient is always masked), or None."""
        provision = (self.cleaned_data.get("secrecy_provision") or "").strip()
        if not provision:
            return None
        return services.Marking(
            provision=provision, authority=authority, masks_subject=bool(self.cleaned_data.get("masks_subject"))
        )


class DocumentForm(MarkingAtRegistrationFields):
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Subject"), max_length=255, help_text=_("What the document concerns."))
    counterpart = forms.CharField(label=_("Sender or recipient"), max_length=255, required=False)
    received_on = forms.DateField(label=_("Received on"), required=False, widget=DATE_WIDGET)
    created_on = forms.DateField(label=_("Drawn up on"), required=False, widget=DATE_WIDGET)
    document_type = forms.ChoiceField(label=_("Document type"), required=False)  # choices: see __init__
    attachments = MultipleFileField(label=_("Files"), required=False)
    register_anyway = forms.BooleanField(
        label=_("Register anyway (it is not the same document)"), required=False, widget=forms.HiddenInput
    )

    field_order = [
        "direction",
        "subject",
        "counterpart",
        "received_on",
        "created_on",
        "document_type",
        "attachments",
        "secrecy_provision",
        "masks_subject",
        "register_anyway",
    ]

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_type"] = document_type_field(space)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("direction") == Direction.INCOMING
            and not data.get("received_on")
            and not self.has_error("received_on")
        ):
            self.add_error("received_on", _("An incoming document needs the date it was received."))
        direction = data.get("direction")
        if direction in (Direction.INCOMING, Direction.OUTGOING) and not (data.get("counterpart") or "").strip():
            if direction == Direction.INCOMING:
                message = _("Name the sender. For an anonymous letter write “Anonym”.")
            else:
                message = _("Name the recipient.")
            self.add_error("counterpart", message)
        return data

    def show_register_anyway(self) -> None:
        self.fields["register_anyway"].widget = forms.CheckboxInput()


class _ShownChoices(forms.models.ModelChoiceIterator):
    """Lists the field's ``shown`` decisions (a search's newest matches) while any of ``queryset`` is valid."""

    def __init__(self, field: forms.ModelChoiceField) -> None:
        super().__init__(field)
        shown = getattr(field, "shown", None)
        if shown is not None:
            self.queryset = shown


class DecisionChoiceField(forms.ModelChoiceField):
    iterator = _ShownChoices
    shown: Any = None

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.body.name} {obj.label} ({obj.decided_on:%Y-%m-%d}) – {obj.text[:80]}"


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Shown to everyone who may change the case, granted or not: a masked subject stays masked.
        return f"{obj.number}. {secrecy.shown(obj, secrecy.SUBJECT, obj.subject, granted=False)}"


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    """Link a decision of one of the space's bodies. The list shows the newest decisions matching the search
    ``query`` (a number "2026:3", a year, a body's name or words of the decision; at most
    ``MAX_DECISION_CHOICES``); any decision of the space is accepted."""

    decision = DecisionChoiceField(
        label=_("Decision"), queryset=Decision.objects.none(), empty_label=_("Choose a decision…")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    q = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args: Any, space: Space, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            query = str(self.data.get(self.add_prefix("q")) or "")
        self.query = query[:200]
        self.fields["q"].initial = self.query
        field = cast(DecisionChoiceField, _choice(self, "decision"))
        field.queryset = space_decisions(space)
        most = selectors.MAX_DECISION_CHOICES
        matching = list(decision_search(space, self.query).values_list("pk", flat=True)[: most + 1])
        self.more_than_shown = len(matching) > most
        self.shown_count = min(len(matching), most)
        field.shown = space_decisions(space).filter(pk__in=matching[:most])
        field.widget.choices = field.choices


class DispatchForm(forms.Form):
    recipient = forms.CharField(label=_("Recipient"), max_length=255, help_text=_("e.g. Regeringskansliet"))
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE_WIDGET)
    method = forms.ChoiceField(label=_("How"), choices=DispatchMethod.choices)
    document = DocumentChoiceField(label=_("Document sent"), queryset=RegisteredDocument.objects.none(), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "document").queryset = (
            RegisteredDocument.objects.filter(case=case, is_voided=False)
            .exclude(direction=Direction.INCOMING)
            .select_related("secrecy")
        )


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason for voiding"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CaseCorrectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    public_title = forms.CharField(label=_("Public title"), max_length=255, required=False)
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=2000)


class DocumentCorrectionForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices, widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Subject"), max_length=255)
    counterpart = forms.CharField(label=_("Sender or recipient"), max_length=255, required=False)
    received_on = forms.DateField(label=_("Received on"), required=False, widget=DATE_WIDGET)
    created_on = forms.DateField(label=_("Drawn up on"), required=False, widget=DATE_WIDGET)
    dispatched_on = forms.DateField(label=_("Dispatched on"), required=False, widget=DATE_WIDGET)
    document_type = forms.ChoiceField(label=_("Document type"), required=False)  # choices: see __init__
    reason = forms.CharField(label=_("Reason for the correction"), max_length=2000)

    def __init__(self, *args: Any, space: Space, current_type: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_type"] = document_type_field(space, current=current_type)


class MarkingForm(forms.Form):
    provision = forms.CharField(label=_("Provision"), max_length=120, help_text=_("e.g. OSL 21 kap. 7 §"))
    authority = forms.CharField(label=_("Authority"), max_length=200)
    marked_on = forms.DateField(label=_("Marked on"), required=False, widget=DATE_WIDGET)
    masks_counterpart = forms.BooleanField(label=_("Mask the sender or recipient"), required=False, initial=True)
    masks_subject = forms.BooleanField(label=_("Mask the subject"), required=False)


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))
