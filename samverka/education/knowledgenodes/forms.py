"""The knowledge node form: the area is one choice grouped by kind (SUN field, YH area, industry), so the
page needs no script; the municipality, contacts and industry actors are limited to the space's county."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.education.knowledgenodes import selectors
from samverka.education.knowledgenodes.models import AreaKind, KnowledgeNode
from samverka.platform.spaces.models import Space

#: The fields the form gives the service (NodeData), besides the area (split into kind and code).
NODE_FIELDS = (
    "municipality",
    "name",
    "valid_from",
    "valid_to",
    "offers",
    "contact_text",
    "contacts",
    "industry_actors",
    "url",
    "is_published",
)


class KnowledgeNodeForm(forms.ModelForm):
    area = forms.ChoiceField(
        label=_("Area"),
        help_text=_("An education field (SUN 2020), an education area of higher vocational education, or an industry."),
    )

    url = forms.URLField(label=_("web page"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = KnowledgeNode
        fields = list(NODE_FIELDS)
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "offers": forms.Textarea(attrs={"rows": 4}),
            "contact_text": forms.Textarea(attrs={"rows": 3}),
            "contacts": forms.SelectMultiple(attrs={"size": 8}),
            "industry_actors": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, space: Space, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"area": self.fields.pop("area"), **self.fields}  # the area first, then the rest
        groups = selectors.area_choices()
        area = cast(forms.ChoiceField, self.fields["area"])
        area.choices = [("", _("Choose…"))] + [
            (str(AreaKind(kind).label), [(f"{kind}:{code}", label) for code, label in choices])
            for kind, choices in groups.items()
        ]
        cast(forms.ModelChoiceField, self.fields["municipality"]).queryset = selectors.county_municipalities(space)
        contacts = cast(forms.ModelMultipleChoiceField, self.fields["contacts"])
        contacts.queryset = selectors.contact_choices(space, user)
        contacts.help_text = _("People in the actor register; shown to the space's insiders only.")
        contacts.label_from_instance = lambda c: f"{c.name} ({c.organisation})"  # type: ignore[method-assign, assignment]
        actors = cast(forms.ModelMultipleChoiceField, self.fields["industry_actors"])
        actors.queryset = selectors.industry_actor_choices(space, user)
        if self.instance.pk and not self.is_bound:
            self.initial["area"] = f"{self.instance.area_kind}:{self.instance.area_code}"

    def clean_area(self) -> tuple[str, str]:
        kind, _sep, code = self.cleaned_data["area"].partition(":")
        return kind, code

    def node_data(self) -> dict[str, Any]:
        """The cleaned fields by NodeData's names."""
        kind, code = self.cleaned_data["area"]
        data = {name: self.cleaned_data[name] for name in NODE_FIELDS}
        data["contacts"] = list(data["contacts"])
        data["industry_actors"] = list(data["industry_actors"])
        return {"area_kind": kind, "area_code": code, **data}
