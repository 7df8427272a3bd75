"""The education card of an industry forum's data pack: offerings, places and validations for the forum's
occupations (issue 14, item 8).

The data pack lives in the insight layer, which may not import the education apps; this card is registered
in its place (``analyses.pack_cards``) from ``KnowledgenodesConfig.ready()`` — knowledge nodes sit above the
catalogue and validation in the education area, so they may read both. For the occupations the body covers
(``BodyCoverage.ssyk_codes``; a code takes in every finer code under it) the card gives:

- the offerings the public search shows today in the body's space whose education or the offering itself
  names such an occupation (``EducationOccupation``, ``OfferingOccupation``): per occupation the number of
  offerings and their places, and the offerings themselves;
- the published validation offers for those occupations;
- the validation outcomes per year and occupation, only as ``validation.selectors.outcome_table`` gives them:
  aggregated, every cell below the space's k masked ("<k"), since a pack is attached to agendas.
"""

from typing import Any

from django.db.models import Prefetch, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samverka.education.catalogue.models import EducationOccupation, Offering, OfferingOccupation
from samverka.education.validation import selectors as validation
from samverka.education.validation.models import ValidationOffer
from samverka.insight.analyses.tables import Table

#: At most this many offerings are listed one by one (the per-occupation table counts them all).
OFFERING_ROWS = 200
#: The outcome figures the card shows (a subset of validation's table).
OUTCOME_FIGURES = ("started", "completed", "followup_work", "followup_education")


def _matches(code: str, wanted: list[str]) -> bool:
    return any(code.startswith(prefix) for prefix in wanted)


def _occupation_filter(wanted: list[str], *, education: str, offering: str) -> Q:
    condition = Q(pk__in=[])
    for prefix in wanted:
        condition |= Q(**{f"{education}__ssyk_code__startswith": prefix})
        condition |= Q(**{f"{offering}__ssyk_code__startswith": prefix})
    return condition


def _offerings(space: Any, wanted: list[str]) -> list[tuple[Offering, list[str]]]:
    rows = (
        Offering.objects.open_to_public()
        .filter(space=space)
        .filter(_occupation_filter(wanted, education="education__occupations", offering="local_occupations"))
        .distinct()
        .select_related("education", "provider", "municipality")
        .prefetch_related(
            Prefetch("education__occupations", queryset=EducationOccupation.objects.order_by("ssyk_code")),
            Prefetch("local_occupations", queryset=OfferingOccupation.objects.order_by("ssyk_code")),
        )
        .order_by("start_date", "pk")
    )
    found = []
    for offering in rows:
        codes = {row.ssyk_code for row in offering.education.occupations.all()}
        codes |= {row.ssyk_code for row in offering.local_occupations.all()}
        found.append((offering, sorted(code for code in codes if _matches(code, wanted))))
    return found


def _label(code: str, names: dict[str, str]) -> str:
    return f"{code} {names.get(code, '')}".strip()


def pack_education_card(body: Any, coverage: Any) -> dict[str, Any]:
    """The card's data: what the body covers and the tables (also put in the pack's workbook and CSV files);
    empty (no card) when the body covers no occupations."""
    wanted = [str(code) for code in (coverage.ssyk_codes if coverage else []) if str(code)]
    if not wanted:  # a pack of all occupations: no card (the pack's first page says what it covers)
        return {}
    data: dict[str, Any] = {"wanted": wanted, "tables": []}
    space = body.space
    offerings = _offerings(space, wanted)
    offers = list(
        ValidationOffer.objects.published()
        .filter(space=space)
        .filter(Q(pk__in=[]) | _prefix_any("occupations__ssyk_code", wanted))
        .distinct()
        .select_related("municipality")
        .prefetch_related("occupations")
        .order_by("title", "pk")
    )
    outcomes = validation.outcome_table(space=space, group_by=("year", "occupation"))
    outcome_rows = [row for row in outcomes.rows if _matches(row.keys["occupation"][0], wanted)]
    codes = {code for _offering, matched in offerings for code in matched}
    codes |= {row.ssyk_code for offer in offers for row in offer.occupations.all()}
    codes |= {row.keys["occupation"][0] for row in outcome_rows}
    names = validation.occupation_names(sorted(codes))

    per_code: dict[str, list[Offering]] = {}
    for offering, matched in offerings:
        for code in matched:
            per_code.setdefault(code, []).append(offering)
    by_occupation = Table(
        title=_("Education offerings for the forum's occupations"),
        columns=[_("Occupation (SSYK 2012)"), _("Offerings"), _("Places")],
        rows=[
            [_label(code, names), len(rows), sum(o.places or 0 for o in rows)]
            for code, rows in sorted(per_code.items())
        ],
        codes=sorted(per_code),
        definition=_(
            "Offerings the public education search shows today whose education or offering names the occupation; "
            "places where the provider gives them (an offering may count under several occupations)."
        ),
    )
    listed = Table(
        title=_("The offerings"),
        columns=[_("Education"), _("School type"), _("Provider"), _("Municipality"), _("Start"), _("Places")],
        rows=[
            [
                offering.education.title,
                offering.education.get_school_type_display(),
                offering.provider.name,
                offering.municipality.name if offering.municipality else offering.locality,
                date_format(offering.start_date, "Y-m-d") if offering.start_date else "",
                offering.places if offering.places is not None else "",
            ]
            for offering, _matched in offerings[:OFFERING_ROWS]
        ],
        note=(
            _("The first %(n)s of %(total)s offerings.") % {"n": OFFERING_ROWS, "total": len(offerings)}
            if len(offerings) > OFFERING_ROWS
            else ""
        ),
    )
    offer_table = Table(
        title=_("Validation offers for the forum's occupations"),
        columns=[_("Validation offer"), _("Kind"), _("Industry model"), _("Municipality"), _("Occupations")],
        rows=[
            [
                offer.title,
                offer.get_kind_display(),
                " – ".join(part for part in (offer.industry_model_owner, offer.industry_model) if part),
                offer.municipality.name if offer.municipality else "",
                ", ".join(_label(row.ssyk_code, names) for row in offer.occupations.all()),
            ]
            for offer in offers
        ],
    )
    headings = dict(zip(validation.FIGURE_COLUMNS, outcomes.figure_headings, strict=True))
    k = outcomes.k
    outcome_table = Table(
        title=_("Validations for the forum's occupations"),
        columns=[_("Year"), _("Occupation (SSYK 2012)"), *[str(headings[name]) for name in OUTCOME_FIGURES]],
        rows=[
            [
                row.keys["year"][1],
                _label(row.keys["occupation"][0], names),
                *[f"<{k}" if row.cells[name].suppressed else row.cells[name].value for name in OUTCOME_FIGURES],
            ]
            for row in outcome_rows
        ],
        note=_("Figures below %(k)s are masked (<%(k)s) so that no person can be singled out.") % {"k": k},
    )
    for key, table in (
        ("offerings_by_occupation", by_occupation),
        ("offerings", listed),
        ("validation_offers", offer_table),
        ("validation_outcomes", outcome_table),
    ):
        data[key] = table
        if table.rows:
            data["tables"].append(table)
    data["names"] = [_label(code, names) if len(code) == 4 else code for code in wanted]
    return data


def _prefix_any(field: str, prefixes: list[str]) -> Q:
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(**{f"{field}__startswith": prefix})
    return condition
