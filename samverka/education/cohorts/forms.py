"""Forms of the cohort pages: a cohort, its breakdown, an outcome, the Excel upload and the list's filters.
Values are checked again by the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.education.catalogue.models import Offering
from samverka.education.cohorts.models import (
    AGE_GROUPS,
    COUNT_FIELDS,
    PROVENANCE_FIELDS,
    SEX_GROUPS,
    Category,
    Cohort,
    CohortOutcome,
    Group,
    Term,
)
from samverka.education.cohorts.selectors import offering_label
from samverka.education.cohorts.services import OPTIONAL_COUNTS
from samverka.education.validation.forms import UploadForm
from samverka.platform.spaces.models import Space

__all__ = ["BreakdownForm", "CohortForm", "OutcomeForm", "UploadForm"]

#: The cohort fields the form edits, in order.
COHORT_FIELDS = ("offering", "start_year", "term", *COUNT_FIELDS, *PROVENANCE_FIELDS)


class OfferingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return offering_label(obj)


class CohortForm(forms.ModelForm):
    offering = OfferingChoiceField(label=_("offering"), queryset=Offering.objects.none(), required=False)

    class Meta:
        model = Cohort
        fields = list(COHORT_FIELDS)
        widgets = {"quality_comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, space: Space, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offering = self.fields["offering"]
        assert isinstance(offering, forms.ModelChoiceField)
        offering.queryset = (
            Offering.objects.filter(space=space, removed_at__isnull=True)
            .select_related("education", "provider", "municipality")
            .order_by("education__title", "pk")
        )
        for name in COUNT_FIELDS:
            self.fields[name].required = False
            self.fields[name].widget.attrs.update(min="0", inputmode="numeric")
        term = self.fields["term"]
        term.help_text = _(
            "Upper secondary school (GY): a cohort is a programme at a school unit in one start year, and starts "
            "in the autumn (HT) only."
        )
        if self.instance.pk and self.instance.is_upper_secondary:
            assert isinstance(term, forms.ChoiceField)
            term.choices = [(Term.AUTUMN.value, Term.AUTUMN.label)]
            self.fields["start_year"].label = _("start year (autumn intake)")

    def _post_clean(self) -> None:
        """The service checks the cohort (one check for form, upload and API); nothing is copied onto the instance."""

    def data_fields(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in COHORT_FIELDS}
        for name in COUNT_FIELDS:
            if name not in OPTIONAL_COUNTS:
                values[name] = values[name] or 0
        return values


class BreakdownForm(forms.Form):
    """Started and completed per sex and per age band; an empty row is no figure."""

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        stored = {row.group: row for row in cohort.breakdowns.all()}
        initial = dict(kwargs.pop("initial", None) or {})
        for group, row in stored.items():
            initial[f"{group}__started"], initial[f"{group}__completed"] = row.started, row.completed
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for group in (*SEX_GROUPS, *AGE_GROUPS):
            label = Group(group).label
            for part, heading in (("started", _("started")), ("completed", _("completed"))):
                self.fields[f"{group}__{part}"] = forms.IntegerField(
                    label=f"{label}, {heading}", required=False, min_value=0
                )

    def rows(self) -> dict[str, tuple[int, int]]:
        found = {}
        for group in (*SEX_GROUPS, *AGE_GROUPS):
            started, completed = self.cleaned_data[f"{group}__started"], self.cleaned_data[f"{group}__completed"]
            if started is not None or completed is not None:
                found[str(group)] = (started or 0, completed or 0)
        return found


class OutcomeForm(forms.ModelForm):
    """An outcome's horizon, scheme and provenance, and a count per official category (empty: not reported)."""

    class Meta:
        model = CohortOutcome
        fields = ["horizon", "scheme", *PROVENANCE_FIELDS]
        widgets = {"quality_comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = self.instance.counts() if self.instance.pk else {}
        for category in Category:
            self.fields[category.value] = forms.IntegerField(
                label=category.label, required=False, min_value=0, initial=stored.get(category.value)
            )

    def _post_clean(self) -> None:
        """The service checks the outcome."""

    def data_fields(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in ("horizon", "scheme", *PROVENANCE_FIELDS)}
        values["counts"] = {
            category.value: self.cleaned_data[category.value]
            for category in Category
            if self.cleaned_data.get(category.value) is not None
        }
        return values
