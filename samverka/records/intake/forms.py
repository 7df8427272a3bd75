"""Forms of the public diary, the contact form and the triage page.

The services validate again; a form only shapes what is typed. The public forms carry a
honeypot field (``website``): people never see it, simple robots fill it in.
"""

import re
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.bodies.models import Body
from samverka.platform.core.forms import MultipleFileField
from samverka.platform.core.uploads import accepted_extensions
from samverka.platform.spaces.models import Space
from samverka.records.intake.services import MAX_ATTACHMENTS
from samverka.records.registry.forms import MarkingAtRegistrationFields

HONEYPOT = "website"

#: A case reference as typed: "MSV 2027/0042", "rs-kv 2027/42".
REFERENCE = re.compile(r"^\s*(?P<code>[A-Za-zÅÄÖåäö0-9\-]+)\s+(?P<year>\d{4})\s*/\s*(?P<number>\d{1,6})\s*$")


class HoneypotMixin(forms.Form):
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())


class DiarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class SenderFields(HoneypotMixin):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("We send the receipt here."))
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)

    field_order = ["name", "email", "organisation"]


class CopyRequestForm(SenderFields):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example whether you want the copy by e-mail or on paper."),
    )


class ContactForm(SenderFields):
    subject = forms.CharField(label=_("Subject"), max_length=255)
    text = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=lazy(
            lambda: (
                gettext("At most %(count)d files. Accepted: %(extensions)s.")
                % {"count": MAX_ATTACHMENTS, "extensions": accepted_extensions()}
            ),
            str,
        )(),
    )

    field_order = ["name", "email", "organisation", "subject", "text", "attachments"]

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}, code="too_many"
            )
        return list(files)


class AssignCaseForm(MarkingAtRegistrationFields):
    """Register the item as an incoming document of a case, marked secret at once when a provision is given."""

    reference = forms.CharField(
        label=_("Case number"), max_length=40, help_text=_("For example MSV 2027/0042."), strip=True
    )

    field_order = ["reference", "secrecy_provision", "masks_subject"]

    def clean_reference(self) -> tuple[str, int, int]:
        match = REFERENCE.match(self.cleaned_data["reference"])
        if match is None:
            raise forms.ValidationError(_("Write the case number as series year/number, e.g. MSV 2027/0042."))
        return match["code"].upper(), int(match["year"]), int(match["number"])


class AssignBodyForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none(), empty_label=_("Choose…"))

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(space=space).order_by("name")  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the item; say why it is not registered."),
    )
