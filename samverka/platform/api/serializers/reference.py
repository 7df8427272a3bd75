"""Reference data: counties, municipalities and the spaces of the installation."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.platform.api.schema import NamedChoiceField
from samverka.platform.core.models import County, Municipality
from samverka.platform.spaces.models import Space, SpaceKind


class CountySerializer(serializers.ModelSerializer[County]):
    class Meta:
        model = County
        fields = ["code", "name", "short_name"]


class MunicipalitySerializer(serializers.ModelSerializer[Municipality]):
    class Meta:
        model = Municipality
        fields = ["code", "name", "county"]


class SpaceSerializer(serializers.ModelSerializer[Space]):
    kind = NamedChoiceField(choices=SpaceKind.choices, enum_name="SpaceKind", label=_("kind"), read_only=True)

    class Meta:
        model = Space
        fields = ["slug", "name", "kind", "county", "description", "owner_name", "contact_email"]
