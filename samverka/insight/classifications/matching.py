"""Matching what people write in a statistics file to the reference codes.

A municipality column may hold "0484", "Eskilstuna", "eskilstuna kommun" or SCB's own
"0484 Eskilstuna"; an occupation column "2221", "Grundutbildade sjuksköterskor" or
"2221 Grundutbildade sjuksköterskor". :func:`resolve` turns the distinct values of one column
into codes of the reference geography (Sweden, the 21 counties and 290 municipalities, from
``core``) or of the classifications (SSYK 2012, SUN 2020/2000, SNI 2007), ignoring case and
extra spaces, and says for each value what is wrong when it cannot:

* ``unknown``: neither a code nor a name of the reference (with the closest name as a hint);
* ``ambiguous``: a name of several codes ("Stockholm" is a county's short name and a
  municipality; SSYK repeats a name on several levels). The level the other values of the
  column have decides when they all have one ("Stockholm" among municipalities is the
  municipality); otherwise the value is reported;
* ``contradiction``: "code name" where the name is another code's ("0484 Nyköping"): the code
  is kept and the contradiction reported, since only the person who made the file knows which
  one is right.

:func:`label_contradiction` checks a source's label for its code the same way (a JSON-stat
category "04" labelled "Stockholms län"), and :func:`reference_names` gives the names shown
instead of bare codes.
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: SCB's codes for sex (Kön) in its tables and register extracts: shown by name where a file gave only the code.
SEX_NAMES = {
    "1": gettext_lazy("men"),
    "2": gettext_lazy("women"),
    "1+2": gettext_lazy("total"),
    "TOT": gettext_lazy("total"),
}

#: The dimension roles (``statistics.DimensionRole`` values) with a reference to match against.
ROLES = ("region", "ssyk", "sun_level", "sun_field", "sni")
SCHEMES = {
    "ssyk": ("ssyk2012",),
    "sun_level": ("sun2020_level", "sun2000_level"),
    "sun_field": ("sun2020_field", "sun2000_field"),
    "sni": ("sni2007",),
}
#: Ways of writing the whole of Sweden (region code 00).
SWEDEN_NAMES = ("riket", "hela riket", "sverige", "hela sverige", "sweden", "00 riket")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " "})
_CODE_NAME = re.compile(r"^(?P<code>[0-9A-Za-z][0-9A-Za-z.+]{0,7})\s*(?:[-:,]\s*|\s+)(?P<name>\S.*)$")


def normalise(text: str) -> str:
    """Case, accents' encoding, dashes and spaces folded: what two spellings of one name share."""
    text = unicodedata.normalize("NFC", str(text)).translate(_DASHES)
    return " ".join(text.split()).casefold().strip(" .;")


@dataclass(frozen=True)
class Item:
    """A code of the reference with its display name."""

    code: str
    name: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


@dataclass
class Reference:
    """The codes of one role and every name (and alias) that points at them."""

    role: str
    items: dict[str, Item] = field(default_factory=dict)
    #: normalised name -> the codes it names
    names: dict[str, set[str]] = field(default_factory=dict)
    #: codes whose letters are upper case in the reference (SNI sections): lower case is read too
    upper: dict[str, str] = field(default_factory=dict)

    def add(self, code: str, name: str, *aliases: str) -> None:
        self.items.setdefault(code, Item(code, name))
        if code.upper() != code.lower():
            self.upper[code.casefold()] = code
        for text in (name, *aliases):
            if text:
                self.names.setdefault(normalise(text), set()).add(code)

    def code_of(self, text: str) -> str:
        """``text`` as a code of the reference ("" when it is none)."""
        text = text.strip()
        if text in self.items:
            return text
        return self.upper.get(text.casefold(), "")

    def named(self, text: str) -> set[str]:
        return set(self.names.get(normalise(text), ()))

    def name(self, code: str) -> str:
        item = self.items.get(code)
        return item.name if item is not None else ""

    def closest(self, text: str) -> str:
        """The reference name closest to ``text`` (a hint for a misspelling), or ""."""
        found = difflib.get_close_matches(normalise(text), list(self.names), n=1, cutoff=0.8)
        if not found:
            return ""
        codes = sorted(self.names[found[0]])
        return " / ".join(str(self.items[code]) for code in codes)


def _region_reference() -> Reference:
    from samverka.platform.core.models import County, Municipality

    reference = Reference("region")
    reference.add("00", _("Sweden"), *SWEDEN_NAMES)
    for county in County.objects.all():
        reference.add(county.code, county.name, county.short_name, f"{county.short_name} län")
    for municipality in Municipality.objects.all():
        name = municipality.name
        genitive = name if name.endswith(("s", "x", "z")) else f"{name}s"
        reference.add(
            municipality.code,
            name,
            f"{name} kommun",
            f"{genitive} kommun",
            f"{name} stad",
            f"{genitive} stad",
            f"region {name}",
        )
    return reference


def _scheme_reference(role: str) -> Reference:
    from samverka.insight.classifications.models import ClassificationItem

    reference = Reference(role)
    rows = ClassificationItem.objects.filter(scheme__in=SCHEMES[role]).order_by("scheme", "position")
    for code, name in rows.values_list("code", "name"):
        reference.add(code, name)
        if role == "sni" and "." in code:
            reference.add(code.replace(".", ""), name)  # SCB's tables write 01.1 as 011
    return reference


def reference(role: str) -> Reference | None:
    """The reference of ``role``; None for a role without one or when it is not loaded."""
    if role not in ROLES:
        return None
    found = _region_reference() if role == "region" else _scheme_reference(role)
    return found if len(found.items) > 1 else None


#: ``{role: {code: name}}`` of the reference, per process (reference data changes only with a migration).
_names_cache: dict[str, dict[str, str]] = {}


def clear_cache() -> None:
    _names_cache.clear()


def _all_names(role: str) -> dict[str, str]:
    cached = _names_cache.get(role)
    if cached is not None:
        return cached
    names: dict[str, str] = {}
    if role == "region":
        from samverka.platform.core.models import County, Municipality

        names.update(County.objects.values_list("code", "name"))
        names.update(Municipality.objects.values_list("code", "name"))
    else:
        from samverka.insight.classifications.models import ClassificationItem

        rows = ClassificationItem.objects.filter(scheme__in=SCHEMES[role]).order_by("-scheme", "position")
        for code, name in rows.values_list("code", "name"):  # SUN 2020 before SUN 2000
            names.setdefault(code, name)
    if names:  # never cache an empty answer: the tables may be loaded later (tests flush them)
        _names_cache[role] = names
    return names


def reference_names(role: str, codes: Iterable[str]) -> dict[str, str]:
    """``{code: reference name}`` for those of ``codes`` the reference knows (read once per process)."""
    wanted = {str(code) for code in codes}
    if role not in ROLES or not wanted:
        return {}
    names = _all_names(role)
    found = {code: names[code] for code in wanted if code in names}
    if role == "region" and "00" in wanted:
        found["00"] = _("Sweden")
    return found


@dataclass
class Match:
    """What one written value resolves to."""

    value: str
    code: str = ""
    #: "" (resolved), "unknown", "ambiguous" or "contradiction" (resolved by the code, but reported)
    problem: str = ""
    candidates: list[Item] = field(default_factory=list)
    hint: str = ""
    #: For a contradiction: the codes the written name belongs to.
    named: list[Item] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return bool(self.code) and self.problem in ("", "contradiction")

    def explain(self, role_label: str) -> str:
        """What is wrong, in a sentence for the person who made the file."""
        if self.problem == "ambiguous":
            return _(
                "“%(value)s” is the name of %(candidates)s; write the code (or the full name) to say which %(role)s."
            ) % {
                "value": self.value,
                "candidates": _(" and ").join(str(c) for c in self.candidates),
                "role": role_label,
            }
        if self.problem == "contradiction":
            return _("The code %(code)s is %(name)s, but the text names %(named)s.") % {
                "code": self.code,
                "name": self.candidates[0].name if self.candidates else "?",
                "named": _(" and ").join(str(n) for n in self.named),
            }
        if self.problem == "unknown":
            text = _("“%(value)s” is neither a code nor a name of a %(role)s.") % {
                "value": self.value,
                "role": role_label,
            }
            if self.hint:
                text += " " + _("Did you mean %(hint)s?") % {"hint": self.hint}
            return text
        return ""


def _one(reference: Reference, value: str) -> Match:
    text = " ".join(str(value).split())
    code = reference.code_of(text)
    if code:
        return Match(value=text, code=code)
    named = reference.named(text)
    if len(named) == 1:
        return Match(value=text, code=next(iter(named)))
    if named:
        return Match(value=text, problem="ambiguous", candidates=[reference.items[c] for c in sorted(named, key=len)])
    if match := _CODE_NAME.match(text):
        code = reference.code_of(match["code"])
        if code:
            name = match["name"]
            owners = reference.named(name)
            if owners and code not in owners:
                return Match(
                    value=text,
                    code=code,
                    problem="contradiction",
                    candidates=[reference.items[code]],
                    named=[reference.items[c] for c in sorted(owners)],
                )
            return Match(value=text, code=code)
    return Match(value=text, problem="unknown", hint=reference.closest(text))


def resolve(role: str, values: Iterable[str], *, ref: Reference | None = None) -> dict[str, Match] | None:
    """``{value: Match}`` for the distinct values of one column; None when ``role`` has no reference.

    A name of several codes is settled by the level (the length of the code) that the column's
    other values have, when they all have the same one.
    """
    ref = ref if ref is not None else reference(role)
    if ref is None:
        return None
    matches = {value: _one(ref, value) for value in dict.fromkeys(values)}
    levels = {len(m.code) for m in matches.values() if m.resolved and not (role == "region" and m.code == "00")}
    if len(levels) == 1:
        level = next(iter(levels))
        for match in matches.values():
            if match.problem == "ambiguous":
                fitting = [c for c in match.candidates if len(c.code) == level]
                if len(fitting) == 1:
                    match.code, match.problem, match.candidates = fitting[0].code, "", []
    return matches


def label_contradiction(ref: Reference, code: str, label: str) -> list[Item]:
    """The codes that ``label`` names when it does not name ``code`` (empty when the label fits or
    names nothing the reference knows: a source may word a name its own way)."""
    if code not in ref.items or not label or label == code:
        return []
    text = " ".join(label.split())
    owners = ref.named(text)
    if not owners and (match := _CODE_NAME.match(text)):
        written = ref.code_of(match["code"])
        if written and written != code:
            return [ref.items[written]]
        owners = ref.named(match["name"]) if written == code else set()
    if owners and code not in owners:
        return [ref.items[c] for c in sorted(owners)]
    return []
