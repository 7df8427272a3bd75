from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.platform.spaces.models import SpaceRole


class SpaceMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Needed only when the person has no account yet.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=SpaceRole.choices)


class SpaceMemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=SpaceRole.choices)
