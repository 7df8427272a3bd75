"""The small vocabulary the demo's data tables are written in.

The tables (national.py, sormland.py, orebro.py) describe organisations,
bodies and seats as plain data; loader.py turns them into rows through the
apps' services, so the demo exercises the same code paths (and audit trail)
as the user interface.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Org:
    """An organisation of the demo register.

    ``roles`` holds the system roles as letters: e = employs, u = educates
    (utbildar), g = focuses on certain groups. ``municipality`` is an SCB code;
    the county follows from it unless given.
    """

    key: str
    name: str
    type: str
    level: str
    municipality: str = ""
    county: str = ""
    roles: str = ""
    domain: str = ""
    website: str = ""
    description: str = ""


@dataclass(frozen=True)
class Seat:
    """A person's membership of a body.

    Seats with the same ``person`` label are one and the same contact (a
    person sitting in several bodies); a label starting with ``@`` is the
    contact linked to that demo account. Without a label a new person is drawn.
    """

    org: str
    role: str = "member"
    function: str = ""
    person: str = ""
    model: str = ""
    note: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class BodySpec:
    """A forum, council, group or project; ``parent`` and ``owner`` are keys of other specs."""

    key: str
    name: str
    kind: str
    area: str
    seats: tuple[Seat, ...] = field(default_factory=tuple)
    parent: str = ""
    owner: str = ""
    mandate: str = ""
    start: date | None = None
    end: date | None = None
    is_public: bool = True
    status: str = "active"
    #: (closing date, closing note): the body is closed after its members are added.
    close: tuple[date, str] | None = None


def seat(org: str, role: str = "member", **extra: object) -> Seat:
    """Shorthand used by the tables: ``seat("af", "chair", person="sg-chair")``."""
    return Seat(org, role, **extra)  # type: ignore[arg-type]
