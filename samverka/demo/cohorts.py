"""The demo's cohort follow-up: Sörmland's assistant-nurse (undersköterska) komvux offering in Eskilstuna with
a cohort that started in the autumn term last year and has been followed up, and a few more cohorts with
outcomes from Skolverket and SCB beside the providers' own reports — all written through ``cohorts.services``.

The figures are synthetic but realistic (about three in four complete; most women; a few small cells, which
the follow-up table and its downloads mask). Needs the demo catalogue (the imported offerings); without it
nothing is loaded.
"""

from typing import Any

from django.utils import timezone

from samverka.demo.accounts import SORMLAND_SLUG
from samverka.education.catalogue.models import Offering
from samverka.education.cohorts import services
from samverka.education.cohorts.models import Cohort
from samverka.platform.spaces.models import Space

#: The imported offerings the cohorts belong to (EMIL3 ids, by prefix): Eskilstuna and Katrineholm assistant
#: nurse, Eskilstuna CNC operator.
ESKILSTUNA_USK = "e.0484.komvux.vux.usk."
KATRINEHOLM_USK = "e.0483.viadidakt.vux.usk.0483."
ESKILSTUNA_CNC = "e.0484.komvux.vux.cnc."


def _offering(space: Space, prefix: str) -> Offering | None:
    return Offering.objects.filter(space=space, source_id__startswith=prefix).order_by("source_id").first()


def _cohort(offering: Offering, year: int, term: str, **counts: Any) -> Cohort:
    return services.cohort_create(
        space=offering.space,
        actor=None,
        data=services.CohortData(offering=offering, start_year=year, term=term, **counts),
    )


def _outcome(cohort: Cohort, horizon: int, scheme: str, source: str, counts: dict[str, int], **provenance: Any) -> None:
    services.outcome_save(
        cohort=cohort,
        actor=None,
        data=services.OutcomeData(horizon=horizon, scheme=scheme, source=source, counts=counts, **provenance),
    )


def load_cohorts() -> list[Cohort]:
    """Load the demo's cohorts (once: nothing when Sörmland has cohorts or no imported offerings)."""
    space = Space.objects.filter(slug=SORMLAND_SLUG).first()
    if space is None or Cohort.objects.filter(space=space).exists():
        return []
    eskilstuna = _offering(space, ESKILSTUNA_USK)
    if eskilstuna is None:
        return []
    this_year = timezone.localdate().year
    last_year = this_year - 1
    made = []
    # The followed-up cohort: assistant nurse, Eskilstuna, started HT last year (a 1.5-year programme).
    followed = _cohort(
        eskilstuna,
        last_year,
        "HT",
        applicants=86,
        admitted=34,
        started=32,
        active_year_1=25,
        completed_with_degree=21,
        completed_without_degree=3,
        dropped_out=7,
        source="provider",
        method="register",
        status="provisional",
        quality="ok",
        quality_comment="Rapporterat av Eskilstuna vuxenutbildning ur elevregistret.",
    )
    services.breakdown_set(
        cohort=followed,
        actor=None,
        rows={
            "women": (28, 22),
            "men": (4, 2),
            "age_20-24": (6, 4),
            "age_25-34": (12, 9),
            "age_35-44": (9, 8),
            "age_45-": (5, 3),
        },
    )
    _outcome(
        followed,
        1,
        "establishment",
        "provider",
        {"established": 19, "uncertain": 3, "weak": 1, "higher_education": 1, "other_studies": 2, "neither": 3},
        method="survey",
        response_rate=84,
        status="provisional",
        quality="uncertain",
        quality_comment="Egen enkät sex månader efter avslut; fyra svarade inte.",
    )
    _outcome(
        followed,
        1,
        "establishment",
        "skolverket",
        {"established": 18, "uncertain": 4, "weak": 2, "higher_education": 1, "other_studies": 2, "neither": 4},
        method="register",
        status="provisional",
    )
    made.append(followed)
    # The cohort before it, followed up by the registers at 1 and 3 years.
    earlier = _cohort(
        eskilstuna,
        last_year - 2,
        "HT",
        applicants=71,
        admitted=30,
        started=29,
        active_year_1=23,
        completed_with_degree=20,
        completed_without_degree=2,
        dropped_out=7,
        source="provider",
        status="final",
    )
    for horizon, counts in (
        (1, {"established": 16, "uncertain": 4, "weak": 2, "higher_education": 1, "other_studies": 2, "neither": 4}),
        (3, {"established": 20, "uncertain": 2, "weak": 2, "higher_education": 2, "other_studies": 0, "neither": 3}),
    ):
        _outcome(earlier, horizon, "establishment", "skolverket", counts, method="register", status="final")
    made.append(earlier)
    katrineholm = _offering(space, KATRINEHOLM_USK)
    if katrineholm is not None:
        # A small cohort: every figure of it is masked in the follow-up table and its downloads.
        small = _cohort(
            katrineholm,
            last_year,
            "VT",
            applicants=9,
            admitted=6,
            started=4,
            completed_with_degree=3,
            completed_without_degree=0,
            dropped_out=1,
            source="provider",
            status="final",
        )
        _outcome(small, 1, "establishment", "scb", {"established": 3, "neither": 1}, method="register", status="final")
        made.append(small)
    cnc = _offering(space, ESKILSTUNA_CNC)
    if cnc is not None:
        machining = _cohort(
            cnc,
            last_year - 1,
            "VT",
            applicants=38,
            admitted=18,
            started=17,
            active_year_1=13,
            completed_with_degree=12,
            completed_without_degree=1,
            dropped_out=4,
            source="provider",
            status="final",
        )
        services.breakdown_set(cohort=machining, actor=None, rows={"women": (2, 1), "men": (15, 12)})
        _outcome(
            machining,
            1,
            "yh_follow_up",
            "scb",
            {"working": 11, "match_fully": 7, "match_mostly": 2, "match_partly": 1, "match_not": 1},
            method="survey",
            response_rate=71,
            status="final",
            quality="uncertain",
            quality_comment="SCB:s uppföljning; svarsfrekvensen under 75 %.",
        )
        made.append(machining)
    return made
