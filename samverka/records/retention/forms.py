from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.records.retention.models import RetentionAction


class RuleForm(forms.Form):
    code = forms.SlugField(
        label=_("Document type code"),
        max_length=60,
        help_text=_("The code registered documents carry, e.g. kallelse or inkommande-skrivelse."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    action = forms.ChoiceField(label=_("Action"), choices=RetentionAction.choices, widget=forms.RadioSelect)
    years = forms.IntegerField(
        label=_("Years after closing"),
        required=False,
        min_value=0,
        max_value=200,
        help_text=_("Only for disposal: how many years after the case was closed."),
    )
    disposal_decision = forms.CharField(
        label=_("Disposal decision"),
        max_length=200,
        required=False,
        help_text=_("Only for disposal: the decision cited, e.g. RA-MS 2021:3 or the space's own decision."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ProposeForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class LegalHoldForm(forms.Form):
    reference = forms.CharField(
        label=_("Case"), max_length=40, help_text=_("The case's registration number, e.g. MSV 2027/0042.")
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. a request for documents, an audit or a dispute that the documents may concern."),
    )
