"""Typed input for the services that create or change a model's editable fields.

A service such as ``body_update(*, body, actor, data: BodyData)`` takes a small
frozen dataclass instead of a ``dict[str, Any]``: mypy checks the field names
and types at every typed call site, and Python refuses an unknown field at run
time (``TypeError`` from the dataclass), so no service checks keys by hand.

A field left at ``UNSET`` is "not given": a create keeps the model's default,
an update leaves the stored value alone (a PATCH through the API sends only the
fields it changes). ``None`` is a real value (e.g. "no parent").

    BodyData(name="Kompetensrådet", parent=None).given()  # {"name": ..., "parent": None}
    BodyData(**form.cleaned_data)                          # a form's fields, by name
"""

import dataclasses
import enum
from typing import Any, Final


class Unset(enum.Enum):
    """The type of ``UNSET``: a field the caller did not give."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


@dataclasses.dataclass(frozen=True, kw_only=True)
class ServiceData:
    """Base of the per-model input dataclasses; subclasses declare ``field: T | Unset = UNSET``."""

    def given(self) -> dict[str, Any]:
        """The fields the caller gave, by name (those not left ``UNSET``), in declaration order."""
        values = ((field.name, getattr(self, field.name)) for field in dataclasses.fields(self))
        return {name: value for name, value in values if value is not UNSET}
