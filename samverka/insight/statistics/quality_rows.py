"""The quality report of an imported version as the page shows it: translated rows, worst first.

:mod:`samverka.insight.statistics.quality` runs the checks and keeps codes and numbers only;
:func:`problem_rows` turns a stored report into what the analyst reads (place, column, value,
what is wrong), and :func:`check_titles` names each check.
"""

from typing import Any

from django.utils.translation import gettext as _

from samverka.insight.statistics.models import Dimension, DimensionRole
from samverka.insight.statistics.quality import ERROR, SEVERITY, WARNING


def check_titles() -> dict[str, str]:
    return {
        "unknown_codes": _("Unknown or impossible codes"),
        "labels": _("Labels"),
        "structure": _("Rows of the file"),
        "duplicates": _("Duplicates"),
        "negative": _("Negative counts"),
        "totals": _("Totals and their parts"),
        "missing": _("Missing values"),
        "suppressed": _("Status marks"),
        "jumps": _("Jumps between periods"),
    }


def _number(value: Any) -> str:
    from django.utils import formats

    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return str(formats.number_format(round(value, 2), 2, force_grouping=True))
    return str(formats.number_format(int(value), 0, force_grouping=True))


def _place(where: list[dict[str, Any]]) -> tuple[str, list[int], str]:
    """("row 7" / "rows 3, 5" / "cell 1234", the row numbers, the cell references)."""
    if not where:
        return "", [], ""
    rows = [int(p["row"]) for p in where if "row" in p]
    if rows:
        cells = ", ".join(str(p["cell"]) for p in where if p.get("cell"))
        if len(rows) == 1:
            return _("row %(row)s") % {"row": rows[0]}, rows, cells
        return _("rows %(rows)s") % {"rows": ", ".join(map(str, rows))}, rows, cells
    if "category" in where[0]:
        return _("category %(n)s of %(of)s") % {"n": where[0]["category"], "of": where[0]["of"]}, [], ""
    positions = [str(p["cell"]) for p in where if "cell" in p]
    if len(positions) == 1:
        return _("cell %(cell)s") % {"cell": positions[0]}, [], ""
    return _("cells %(cells)s") % {"cells": ", ".join(positions)}, [], ""


def problem_rows(report: dict[str, Any], dimensions: list[Dimension]) -> list[dict[str, Any]]:
    """Every example of every check as a row: check, severity, place, rows, column, value and what is
    wrong (translated), errors first."""
    from samverka.insight.statistics.selectors import KeyNamer

    namer = KeyNamer(dimensions)
    titles = check_titles()
    result: list[dict[str, Any]] = []
    checks = report.get("checks", {})
    for name in sorted(
        checks, key=lambda n: (SEVERITY.get(n) != ERROR, list(SEVERITY).index(n) if n in SEVERITY else 99)
    ):
        check = checks[name]
        severity = check.get("severity", SEVERITY.get(name, WARNING))
        for example in check.get("examples", []):
            column, value, what = _describe(name, example, namer, report)
            place, rows, cells = _place(example.get("where", []))
            if not place and name in ("unknown_codes", "labels") and example.get("dimension"):
                place = _("dimension %(dim)s") % {"dim": example["dimension"]}
            result.append(
                {
                    "check": name,
                    "title": titles.get(name, name),
                    "severity": severity,
                    "place": place or _("not located"),
                    "rows": rows,
                    "cells": cells,
                    "column": column,
                    "value": value,
                    "problem": what,
                }
            )
    return result


def _describe(name: str, e: dict[str, Any], namer: Any, report: dict[str, Any]) -> tuple[str, str, str]:
    """(column or dimension, value, what is wrong) of one example."""
    if name == "unknown_codes":
        if e.get("role") == DimensionRole.TIME:
            return e["dimension"], e["code"], _("The period cannot be (no such month, quarter or year).")
        return e["dimension"], e["code"], _("The code is not in the reference classification.")
    if name == "labels":
        kind = e.get("kind")
        if kind == "formula":
            return e["dimension"], e["label"], _("The label reads as a spreadsheet formula.")
        if kind == "sex":
            return (
                e["dimension"],
                f"{e['code']} {e['label']}",
                _("The label contradicts the code (1 is men, 2 is women)."),
            )
        return (
            e["dimension"],
            f"{e['code']} {e['label']}" if e.get("code") and not e["label"].startswith(e["code"]) else e["label"],
            _("The label contradicts its code: %(code)s is %(name)s, but the label names %(named)s.")
            % {"code": e.get("code", ""), "name": e.get("name") or "?", "named": e.get("named", "")},
        )
    if name == "structure":
        if e.get("kind") == "extra":
            return (
                "",
                e.get("extra", ""),
                _("The row has %(fields)s fields but the header has %(expected)s; the extra ones are not read.")
                % {"fields": e["fields"], "expected": e["expected"]},
            )
        return (
            "",
            "",
            _("The row has %(fields)s fields but the header has %(expected)s; the missing ones were read as empty.")
            % {"fields": e["fields"], "expected": e["expected"]},
        )
    key = namer.key(e.get("key", {}))
    if name == "duplicates":
        return (
            key,
            "",
            _("The same combination of codes occurs %(n)s times; charts and indicators count only the first row.")
            % {"n": e["n"]},
        )
    if name == "negative":
        return key, _number(e["value"]), _("A count cannot be negative.")
    if name == "totals":
        total_key = namer.key({**e["key"], e.get("role", ""): e["total_code"]})
        return (
            total_key,
            _number(e["total"]),
            _(
                "The total differs from the sum of its parts (%(parts)s) by %(difference)s; at most %(allowed)s is allowed."
            )
            % {
                "parts": _number(e["parts"]),
                "difference": _number(abs(e["total"] - e["parts"])),
                "allowed": _number(e.get("allowed")),
            },
        )
    if name == "missing":
        return key, e.get("status") or "", _("The cell has no value.")
    if name == "suppressed":
        return key, e.get("status", ""), _("The cell has a status mark (e.g. suppressed or uncertain).")
    if name == "jumps":
        return (
            namer.key({**e["key"], "period": e["period"]}),
            _number(e["value"]),
            _("Changed by %(change)s %% from %(previous)s in %(period)s.")
            % {"change": round(100 * e["change"]), "previous": _number(e["previous"]), "period": e["previous_period"]},
        )
    return "", "", ""
