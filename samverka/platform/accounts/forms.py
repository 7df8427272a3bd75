from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.platform.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]


class TokenForm(forms.Form):
    confirm = forms.BooleanField(label=_("Create a new API token (the old one stops working)"))
