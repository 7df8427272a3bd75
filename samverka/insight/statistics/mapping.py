"""Which observation column a source dimension goes to.

:func:`guess_role` proposes a role from the dimension's code, label and JSON-stat role; the
analyst can correct it in the import form before anything is stored. :func:`check_mapping`
refuses a mapping that cannot be stored (two dimensions in one column, a code too long for
its column) with a message naming the dimension and the code.
"""

import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samverka.insight.statistics.models import DimensionRole, Observation

_RULES: list[tuple[str, re.Pattern[str]]] = [
    (DimensionRole.TIME, re.compile(r"^(tid|time|år|ar|year|period|månad|manad|kvartal|quarter|month)$", re.I)),
    (DimensionRole.REGION, re.compile(r"^(region|län|lan|kommun|county|municipality|geo|lankod|kommunkod)", re.I)),
    (DimensionRole.SEX, re.compile(r"^(kon|kön|sex|gender)$", re.I)),
    (DimensionRole.AGE, re.compile(r"^(alder|ålder|age)", re.I)),
    (DimensionRole.MEASURE, re.compile(r"^(contentscode|tabellinnehåll|tabellinnehall|measure|contents)$", re.I)),
    (DimensionRole.SSYK, re.compile(r"^(yrke|ssyk|occupation)", re.I)),
    (DimensionRole.SUN_FIELD, re.compile(r"(inriktning|sun.*(field|inr)|sunfield|utbildningsinriktning)", re.I)),
    (DimensionRole.SUN_LEVEL, re.compile(r"^(sun|utbniva|utbildningsniv|education|utbildning)", re.I)),
    (DimensionRole.SNI, re.compile(r"^(sni|bransch|näringsgren|naringsgren|industry)", re.I)),
    (DimensionRole.BIRTH, re.compile(r"(fodelseregion|födelseregion|fodelse|födelse|born|birth|bakgrund)", re.I)),
]
_JSONSTAT_ROLES = {"time": DimensionRole.TIME, "geo": DimensionRole.REGION, "metric": DimensionRole.MEASURE}

#: The longest code each observation column holds.
COLUMN_LENGTHS = {
    role.value: Observation._meta.get_field(role.value).max_length
    for role in DimensionRole
    if role != DimensionRole.OTHER
}
OTHER_LENGTH = Observation._meta.get_field("other").max_length


def guess_role(code: str, label: str = "", jsonstat_role: str = "") -> str:
    """The role a dimension most likely has; ``other`` when nothing matches."""
    if jsonstat_role in _JSONSTAT_ROLES:
        return _JSONSTAT_ROLES[jsonstat_role].value
    for text in (code, label):
        for role, pattern in _RULES:
            if text and pattern.search(text.strip()):
                return role.value
    return DimensionRole.OTHER.value


def guess_roles(dimensions: Sequence[tuple[str, str, str]]) -> list[str]:
    """Roles for ``(code, label, jsonstat_role)`` triples; a column is given to the first dimension only."""
    taken: set[str] = set()
    roles = []
    for code, label, jsonstat_role in dimensions:
        role = guess_role(code, label, jsonstat_role)
        if role != DimensionRole.OTHER and role in taken:
            role = DimensionRole.OTHER.value
        taken.add(role)
        roles.append(role)
    return roles


def check_mapping(dimensions: Sequence[tuple[str, list[str]]], roles: Sequence[str]) -> None:
    """Refuse a mapping that cannot be stored. ``dimensions`` are ``(code, category codes)`` pairs."""
    if len(roles) != len(dimensions):
        raise ValidationError(_("Give a role to every dimension."))
    valid = set(DimensionRole.values)
    seen: dict[str, str] = {}
    other_width = 0
    for (code, categories), role in zip(dimensions, roles, strict=True):
        if role not in valid:
            raise ValidationError(_("Unknown role %(role)s for dimension %(dim)s.") % {"role": role, "dim": code})
        if role == DimensionRole.OTHER:
            other_width += len(code) + 2 + max((len(c) for c in categories), default=0)
            continue
        if role in seen:
            raise ValidationError(
                _("Dimensions %(first)s and %(second)s are both mapped to %(role)s; map one of them to other.")
                % {"first": seen[role], "second": code, "role": DimensionRole(role).label}
            )
        seen[role] = code
        limit = COLUMN_LENGTHS[role]
        for category in categories:
            if len(category) > limit:
                raise ValidationError(
                    _(
                        "The code %(code)s of dimension %(dim)s is longer than %(limit)s characters and cannot be "
                        "stored as %(role)s; map the dimension to other."
                    )
                    % {"code": category[:60], "dim": code, "limit": limit, "role": DimensionRole(role).label}
                )
    if other_width > OTHER_LENGTH:
        raise ValidationError(
            _("The dimensions mapped to other have codes too long to store together (more than %(limit)s characters).")
            % {"limit": OTHER_LENGTH}
        )
