"""Forms of the SCB import: find a table, then choose its values as in SCB's own interface.

The selection form is built from a table's metadata: per variable a choice of how to select
(chosen values, all ``*``, the latest n ``TOP(n)`` or everything from a value ``FROM(code)``), the
values as checkboxes, and the table's codelists (groupings such as counties or municipalities) where
it has them. It produces the selection in PxWeb's own format (``[{variableCode, valueCodes,
codelist?}]``), which the import job stores and sends as it is; expressions are kept as expressions,
so ``TOP(2)`` means the latest two periods when the job runs.
"""

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverka.insight.statistics.pxweb import TableMetadata, Variable, normalise_selection, resolve_against, split

MODE_VALUES, MODE_ALL, MODE_TOP, MODE_FROM = "values", "all", "top", "from"
MODE_CHOICES = [
    (MODE_VALUES, _("The values I tick")),
    (MODE_ALL, _("All values (*)")),
    (MODE_TOP, _("The latest values (TOP)")),
    (MODE_FROM, _("From a value onwards (FROM)")),
]
TABLE_ID = re.compile(r"^[A-Za-z0-9_]{1,60}$")
CODELIST_ID = re.compile(r"^[\w\-.]{1,100}$")
PAST_DAYS_CHOICES = [
    ("", _("Any time")),
    ("7", _("In the last week")),
    ("30", _("In the last 30 days")),
    ("365", _("In the last year")),
]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def field_key(code: str) -> str:
    """A form-field prefix for a variable: its code when that is plain ASCII, else ``x-`` and its hex."""
    return code if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,59}", code) else "x-" + code.encode().hex()


def code_of_key(key: str) -> str:
    """The variable code of a :func:`field_key` ("" for a key that is not one)."""
    if not key.startswith("x-"):
        return key if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,59}", key) else ""
    try:
        return bytes.fromhex(key[2:]).decode()
    except ValueError:
        return ""


def max_cells_per_import() -> int:
    """An SCB selection may have as many cells as an upload may have rows."""
    from samverka.insight.statistics.tabular import max_rows

    return max_rows()


class TableSearchForm(forms.Form):
    """Step 1: search or browse SCB's tables (sent by GET)."""

    q = forms.CharField(
        label=_("Search SCB's tables"),
        required=False,
        max_length=200,
        help_text=_("Words from the title, e.g. “befolkning region”. Empty lists every table."),
    )
    past_days = forms.TypedChoiceField(
        label=_("Updated"), choices=PAST_DAYS_CHOICES, required=False, coerce=int, empty_value=None
    )
    page = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=100_000)


class TableIdForm(forms.Form):
    """Open a table whose id the analyst already knows (sent by GET)."""

    table = forms.RegexField(
        label=_("Table id"),
        regex=TABLE_ID,
        max_length=60,
        help_text=_("SCB's id of the table, e.g. TAB6471."),
        error_messages={"invalid": _("A table id has only letters, digits and _, e.g. TAB6471.")},
    )


@dataclass
class VariableFields:
    """One variable of the table with its fields, as the template lays them out."""

    variable: Variable
    key: str
    legend: str
    mode: forms.BoundField
    values: forms.BoundField
    top: forms.BoundField
    start: forms.BoundField
    codelist: forms.BoundField | None
    is_time: bool

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in (self.mode, self.values, self.top, self.start) if f is not None) or bool(
            self.codelist is not None and self.codelist.errors
        )

    @property
    def checked(self) -> set[str]:
        """The ticked values (as sent, or initially)."""
        return {str(code) for code in self.values.value() or []}

    @property
    def datalist_id(self) -> str:
        return f"pxweb-codes-{self.key}"


@dataclass
class SummaryRow:
    label: str
    chosen: int | None
    total: int
    text: str


@dataclass
class SelectionSummary:
    """The estimated size of the selection, and how it is split into calls to SCB."""

    rows: list[SummaryRow]
    cells: int | None
    calls: int | None
    max_cells: int
    max_import: int
    problem: str = ""

    @property
    def too_large(self) -> bool:
        return self.cells is not None and self.cells > self.max_import


class PxWebSelectionForm(forms.Form):
    """Step 2: the values of each variable of a table (built from its metadata)."""

    table_id = forms.RegexField(regex=TABLE_ID, max_length=60, widget=forms.HiddenInput)

    def __init__(
        self,
        data: Any = None,
        *,
        metadata: TableMetadata,
        codelists: dict[str, str] | None = None,
        max_cells: int,
        initial: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        initial = {"table_id": metadata.table_id, **self.defaults(metadata), **(initial or {})}
        super().__init__(data, initial=initial, **kwargs)
        self.metadata = metadata
        self.codelists = dict(codelists or {})
        self.max_cells = max_cells
        self.keys: list[tuple[str, Variable]] = []
        for variable in metadata.variables:
            key = field_key(variable.code)
            self.keys.append((key, variable))
            self._add_fields(key, variable)

    # --- building -----------------------------------------------------------------------------

    @staticmethod
    def defaults(metadata: TableMetadata) -> dict[str, Any]:
        """What the form starts with: a mandatory variable with a single value has it ticked."""
        initial: dict[str, Any] = {}
        for variable in metadata.variables:
            key = field_key(variable.code)
            initial[f"{key}-mode"] = MODE_VALUES
            if len(variable.codes) == 1 and not variable.elimination:
                initial[f"{key}-values"] = list(variable.codes)
        return initial

    def _add_fields(self, key: str, variable: Variable) -> None:
        name = variable.label or variable.code
        count = len(variable.codes)
        self.fields[f"{key}-mode"] = forms.ChoiceField(
            label=_("How to choose %(variable)s") % {"variable": name},
            choices=MODE_CHOICES,
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields[f"{key}-values"] = forms.MultipleChoiceField(
            label=_("Values of %(variable)s") % {"variable": name},
            choices=[(code, variable.value_label(code)) for code in variable.codes],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            error_messages={"invalid_choice": _("%(value)s is not a value of this variable; tick values in the list.")},
        )
        self.fields[f"{key}-top"] = forms.CharField(
            label=_("How many of the latest values of %(variable)s (TOP)") % {"variable": name},
            required=False,
            max_length=10,
            widget=forms.NumberInput(attrs={"min": 1, "max": count, "inputmode": "numeric"}),
            help_text=_("With “The latest values”: e.g. 3 for the last three of %(count)s.") % {"count": count},
        )
        example = variable.codes[0] if variable.codes else ""
        self.fields[f"{key}-from"] = forms.CharField(
            label=_("First value of %(variable)s (FROM)") % {"variable": name},
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"list": f"pxweb-codes-{key}", "autocomplete": "off"}),
            help_text=_("With “From a value onwards”: a code from the list, e.g. %(example)s.") % {"example": example},
        )
        if variable.codelists:
            own = _("The table's own values")
            self.fields[f"{key}-codelist"] = forms.ChoiceField(
                label=_("Grouping of %(variable)s") % {"variable": name},
                choices=[("", own), *((c["id"], c["label"] or c["id"]) for c in variable.codelists)],
                required=False,
                initial=self.codelists.get(variable.code, ""),
                help_text=_("SCB's codelists, e.g. only counties or only municipalities."),
            )

    def enhance(self, url: str) -> None:
        """With htmx, choosing a codelist loads its values at once (the button does it without)."""
        for name, field in self.fields.items():
            if name.endswith("-codelist"):
                field.widget.attrs.update(
                    {
                        "hx-post": url,
                        "hx-trigger": "change consume",
                        "hx-include": "#pxweb-form",
                        "hx-vals": json.dumps({"action": "codelist"}),
                        "hx-target": "#pxweb-form",
                        "hx-select": "#pxweb-form",
                        "hx-swap": "outerHTML",
                    }
                )

    def variable_fields(self) -> list[VariableFields]:
        time_codes = set(self.metadata.time_codes)
        result = []
        for key, variable in self.keys:
            result.append(
                VariableFields(
                    variable=variable,
                    key=key,
                    legend=capitalised(variable.label or variable.code),
                    mode=self[f"{key}-mode"],
                    values=self[f"{key}-values"],
                    top=self[f"{key}-top"],
                    start=self[f"{key}-from"],
                    codelist=self[f"{key}-codelist"] if f"{key}-codelist" in self.fields else None,
                    is_time=variable.code in time_codes,
                )
            )
        return result

    @classmethod
    def carried(cls, data: Any, metadata: TableMetadata) -> dict[str, Any]:
        """What the analyst had chosen, as initial values of a form for new metadata (another codelist):
        values that the new lists lack are dropped, everything else is kept."""
        initial: dict[str, Any] = {}
        for variable in metadata.variables:
            key = field_key(variable.code)
            for suffix in ("mode", "top", "from", "codelist"):
                if f"{key}-{suffix}" in data:
                    initial[f"{key}-{suffix}"] = data.get(f"{key}-{suffix}")
            if f"{key}-values" in data or f"{key}-mode" in data:
                codes = set(variable.codes)
                initial[f"{key}-values"] = [code for code in data.getlist(f"{key}-values") if code in codes]
        return initial

    # --- reading what was chosen --------------------------------------------------------------

    def _raw(self, name: str) -> Any:
        return self[name].value()

    def _find_code(self, variable: Variable, text: str) -> str | None:
        """The code the analyst meant: the code itself, its label, or "code label" as listed."""
        text = text.strip()
        if text in variable.codes:
            return text
        lowered = text.casefold()
        for code in variable.codes:
            if lowered in (str(variable.labels.get(code, "")).casefold(), variable.value_label(code).casefold()):
                return code
        return None

    @staticmethod
    def _top_number(text: Any) -> int | None:
        try:
            number = int(str(text or "").strip())
        except ValueError:
            return None
        return number if number >= 1 else None

    def _chosen(self, key: str, variable: Variable) -> tuple[list[str] | None, str]:
        """The concrete codes a variable's fields give (None when incomplete) and their description."""
        mode = self._raw(f"{key}-mode") or MODE_VALUES
        codes = variable.codes
        if mode == MODE_ALL:
            return list(codes), gettext("all")
        if mode == MODE_TOP:
            number = self._top_number(self._raw(f"{key}-top"))
            if number is None:
                return None, gettext("the latest – how many?")
            return list(codes[-number:]), gettext("the latest %(n)s") % {"n": number}
        if mode == MODE_FROM:
            code = self._find_code(variable, str(self._raw(f"{key}-from") or ""))
            if code is None:
                return None, gettext("from – which value?")
            return list(codes[codes.index(code) :]), gettext("from %(code)s") % {"code": code}
        raw = self._raw(f"{key}-values") or []
        ticked = [code for code in codes if code in set(raw)]
        if not ticked and variable.elimination:
            return [], gettext("left out (SCB gives the total)")
        if not ticked:
            return None, gettext("no value ticked")
        return ticked, gettext("ticked")

    def summary(self) -> SelectionSummary:
        """The size of the selection as it stands (also for an incomplete or unbound form)."""
        rows, parts = [], []
        complete = True
        for key, variable in self.keys:
            codes, text = self._chosen(key, variable)
            if codes is None:
                complete = False
            elif codes:
                parts.append({"variableCode": variable.code, "valueCodes": codes})
            rows.append(
                SummaryRow(
                    label=capitalised(variable.label or variable.code),
                    chosen=len(codes) if codes is not None else None,
                    total=len(variable.codes),
                    text=text,
                )
            )
        summary = SelectionSummary(
            rows=rows, cells=None, calls=None, max_cells=self.max_cells, max_import=max_cells_per_import()
        )
        if complete:
            summary.cells = math.prod(len(part["valueCodes"]) for part in parts)
            try:
                summary.calls = len(split(parts, self.max_cells)) if parts else 1
            except ValidationError as error:
                summary.problem = " ".join(error.messages)
        return summary

    # --- validation ---------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        selection: list[dict[str, Any]] = []
        for key, variable in self.keys:
            entry = self._clean_variable(key, variable, cleaned)
            if entry is not None:
                if self.codelists.get(variable.code):
                    entry["codelist"] = self.codelists[variable.code]
                selection.append(entry)
        if self.errors:
            return cleaned
        try:
            resolved = resolve_against(self.metadata, selection)
            calls = split(resolved, self.max_cells)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        cells = math.prod(len(item["valueCodes"]) for item in resolved)
        limit = max_cells_per_import()
        if cells > limit:
            raise forms.ValidationError(
                _(
                    "The selection has %(cells)s cells; one import takes at most %(limit)s. Choose fewer values, "
                    "or import the table in parts."
                ),
                params={
                    "cells": number_format(cells, force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                },
            )
        cleaned.update(selection=selection, cells=cells, calls=len(calls))
        return cleaned

    def _clean_variable(self, key: str, variable: Variable, cleaned: dict[str, Any]) -> dict[str, Any] | None:
        name = variable.label or variable.code
        if f"{key}-mode" in self.errors:
            return None
        mode = cleaned.get(f"{key}-mode") or MODE_VALUES
        values_field, top_field, from_field = f"{key}-values", f"{key}-top", f"{key}-from"
        if mode == MODE_ALL:
            return {"variableCode": variable.code, "valueCodes": ["*"]}
        if mode == MODE_TOP:
            raw = str(cleaned.get(top_field) or "").strip()
            number = self._top_number(raw)
            if not raw:
                self.add_error(
                    top_field,
                    _("Write how many of the latest values of %(variable)s to take, e.g. 3.") % {"variable": name},
                )
            elif number is None:
                self.add_error(top_field, _("“%(value)s” is not a whole number of 1 or more.") % {"value": raw})
            else:
                return {"variableCode": variable.code, "valueCodes": [f"TOP({number})"]}
            return None
        if mode == MODE_FROM:
            raw = str(cleaned.get(from_field) or "").strip()
            code = self._find_code(variable, raw) if raw else None
            if not raw:
                self.add_error(from_field, _("Write the first value of %(variable)s to take.") % {"variable": name})
            elif code is None:
                self.add_error(
                    from_field,
                    _("“%(value)s” is not a value of %(variable)s; write a code from the list, e.g. %(example)s.")
                    % {"value": raw, "variable": name, "example": variable.codes[0] if variable.codes else ""},
                )
            else:
                return {"variableCode": variable.code, "valueCodes": [f"FROM({code})"]}
            return None
        if values_field in self.errors:
            return None
        ticked = [code for code in variable.codes if code in set(cleaned.get(values_field) or [])]
        if ticked:
            return {"variableCode": variable.code, "valueCodes": ticked}
        if variable.elimination:
            return None  # left out: SCB gives the total
        self.add_error(
            values_field,
            _("Tick at least one value of %(variable)s, or choose all, the latest or from a value.")
            % {"variable": name},
        )
        return None

    def selection_json(self) -> str:
        """The selection in PxWeb's format, for the advanced form ("" while the form is incomplete)."""
        if not self.is_bound or not self.is_valid():
            return ""
        return json.dumps(self.cleaned_data["selection"], ensure_ascii=False, indent=1)


class PxWebJsonForm(forms.Form):
    """Advanced: the selection written as JSON (PxWeb's own format or ``{variable: [values]}``)."""

    table_id = forms.RegexField(
        label=_("Table id"),
        regex=TABLE_ID,
        help_text=_("SCB's id of the table, e.g. TAB6471."),
    )
    selection = forms.CharField(
        label=_("Selection (JSON)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            'Per variable the value codes, e.g. {"Region": ["01", "03"], "Tid": ["TOP(3)"], "Kon": ["*"]}, '
            "or PxWeb's own list of variableCode, valueCodes and codelist. Expressions: *, TOP(n), "
            "BOTTOM(n), FROM(code), TO(code), RANGE(from,to)."
        ),
    )

    def clean_selection(self) -> Any:
        try:
            data = json.loads(self.cleaned_data["selection"])
        except ValueError as error:
            raise forms.ValidationError(
                _("The selection is not valid JSON: %(error)s"), params={"error": error}
            ) from error
        normalise_selection(data)
        return data
