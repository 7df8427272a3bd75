"""Demo: the bodies' annual wheels around today (seed 004 ch. 6.4.1, seed 000 ch. 2.3, seed 001).

Every active industry forum follows the industry-forum wheel (the first forum of
each space hosts the shared future seminar); MSV KLL's dialogue group runs the
strategic cycle with the regions; the process-leader network meets every six
weeks and holds the status-report rounds. Each calendar year that the demo's
rolling year (about six months back and ahead, ``meetings.demo_window``) touches
is adopted whole, also the dates already past, so the wheels show full years and
every body on a wheel has meetings held and meetings to come whatever the date.
"""

from datetime import date

from samverka.collaboration.bodies.models import Body, BodyKind, BodyStatus
from samverka.collaboration.wheels.services import wheel_adopt
from samverka.demo.accounts import NATIONAL_SLUG, OREBRO_SLUG, SORMLAND_SLUG
from samverka.demo.meetings import demo_window

#: (space slug, body name, template keys)
NATIONAL_WHEELS = [
    (NATIONAL_SLUG, "Dialoggruppen för Regional kontakt", ("national_cycle",)),
    (NATIONAL_SLUG, "Processledarnätverket", ("process_leaders", "status_reports")),
]


#: Where each space's wheel meetings are held (the adoption's common place).
PLACES = {
    NATIONAL_SLUG: "Myndigheten för yrkeshögskolan, Västerås",
    SORMLAND_SLUG: "Regionens hus, Nyköping",
    OREBRO_SLUG: "Region Örebro län, Eklundavägen 1, Örebro",
}


def wheel_years(today: date | None = None) -> list[int]:
    """The calendar years the demo's rolling year touches (one or two)."""
    first, last = demo_window(today)
    return list(range(first.year, last.year + 1))


def load_wheels(today: date | None = None) -> int:
    """Adopt the demo's wheels for the years around today; returns the number of meetings created."""
    created = 0
    forums = Body.objects.filter(kind=BodyKind.INDUSTRY_FORUM, status=BodyStatus.ACTIVE).order_by("space", "pk")
    plan: list[tuple[Body, tuple[str, ...]]] = [(body, ("industry_forum",)) for body in forums]
    for slug, name, keys in NATIONAL_WHEELS:
        body = Body.objects.filter(space__slug=slug, name=name).first()
        if body is not None:
            plan.append((body, keys))
    for year in wheel_years(today):
        for body, keys in plan:
            for key in keys:
                result = wheel_adopt(
                    actor=None,
                    body=body,
                    template_key=key,
                    year=year,
                    place=PLACES.get(body.space.slug, ""),
                    include_past=True,
                )
                created += len(result.created)
    return created
