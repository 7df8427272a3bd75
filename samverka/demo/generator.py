"""National-scale data for load tests and benchmarks (``manage.py generate_national_data``).

One national space and 21 regional spaces (one per county), each region with
a structure like Sörmland's: industry forums with executive committees and
programme councils under them, two collaboration councils, a local competence
workshop and local collaboration groups in every municipality. At scale 1.0:
more than 20,000 organisations spread over all 290 municipalities, more than
3,000 bodies and 60,000 memberships, and the contacts who hold them.

The bulk rows (organisations, contacts, bodies, memberships) are inserted with
``bulk_create`` in batches and so bypass the services and the per-row audit
log on purpose: writing 100,000 audit entries would measure the audit log,
not the pages. Spaces, accounts and the landscape-map revisions go through
the services. Everything is drawn from ``random.Random(seed)``: the same seed
and scale give the same data.
"""

import csv
import math
import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction

from samverka.collaboration.actors.models import Contact, Organisation, normalise_name
from samverka.collaboration.actors.services import landscape_publish
from samverka.collaboration.bodies.models import Body, Membership
from samverka.demo import scale_data as words
from samverka.demo.people import SURNAMES, PeopleGenerator, ascii_slug
from samverka.demo.scale_meetings import generate_meetings
from samverka.platform.accounts.models import User
from samverka.platform.core.geography import DATA
from samverka.platform.core.models import County
from samverka.platform.spaces.models import Space
from samverka.platform.spaces.services import space_create, space_member_add

#: Row targets at scale 1.0 (a little above the promised 20,000 / 60,000).
TARGET_ORGANISATIONS = 20_500
TARGET_MEMBERSHIPS = 62_000
NATIONAL_SLUG = "msv-nationell"
BATCH_SIZE = 1000
#: Share of seats given to a person who already sits in another body for the same organisation.
REUSE_CONTACT = 0.35
#: Share of memberships that have ended (people who left and were replaced).
ENDED_SHARE = 0.08
#: The last day of the generated history: closing dates and ended memberships lie before it.
HISTORY_END = date(2025, 12, 31)

#: Base number of seats per body kind (scaled so the total meets the membership target).
BASE_SEATS = {
    "industry_forum": 28, "executive_committee": 7, "collaboration_council": 22, "steering_group": 12,
    "working_group": 9, "network": 16, "local_competence_workshop": 9, "programme_council": 13,
    "local_collaboration_group": 11, "gd_group": 10, "preparation_group": 10, "secretariat": 5,
    "project": 12, "reference_group": 6, "dialogue_group": 3,
}  # fmt: skip

#: Who sits in a body of each kind: organisation type → weight.
COMPOSITION: dict[str, tuple[tuple[str, float], ...]] = {
    "industry_forum": (("employer", 0.56), ("industry_organisation", 0.12), ("education_provider", 0.13),
                       ("union", 0.06), ("agency", 0.05), ("municipality", 0.05), ("region", 0.03)),
    "executive_committee": (("employer", 0.45), ("education_provider", 0.3), ("industry_organisation", 0.15),
                            ("region", 0.1)),
    "programme_council": (("employer", 0.55), ("education_provider", 0.25), ("union", 0.1), ("municipality", 0.1)),
    "collaboration_council": (("education_provider", 0.3), ("municipality", 0.25), ("agency", 0.15),
                              ("civil_society", 0.15), ("region", 0.1), ("union", 0.05)),
    "local_competence_workshop": (("municipality", 0.4), ("education_provider", 0.2), ("agency", 0.2),
                                  ("employer", 0.2)),
    "local_collaboration_group": (("municipality", 0.35), ("civil_society", 0.25), ("education_provider", 0.2),
                                  ("agency", 0.2)),
    "steering_group": (("municipality", 0.5), ("region", 0.2), ("agency", 0.1), ("education_provider", 0.1),
                       ("industry_organisation", 0.1)),
    "working_group": (("municipality", 0.4), ("region", 0.2), ("education_provider", 0.2), ("agency", 0.2)),
    "network": (("municipality", 0.4), ("region", 0.2), ("education_provider", 0.2), ("agency", 0.2)),
}  # fmt: skip

#: The national space's structure: (name, kind, parent name, start year, end year or 0, closed).
NATIONAL_BODIES = (
    ("GD-gruppen", "gd_group", "", 2022, 0, False),
    ("Styrgruppen", "steering_group", "GD-gruppen", 2022, 0, False),
    ("Beredningsgruppen", "preparation_group", "Styrgruppen", 2022, 0, False),
    ("Sekretariatet", "secretariat", "Styrgruppen", 2022, 0, False),
    ("Arbetsgrupp STEM", "working_group", "Styrgruppen", 2024, 0, False),
    ("Arbetsgrupp Studie- och yrkesvägledning", "working_group", "Styrgruppen", 2023, 0, False),
    ("Arbetsgrupp Validering", "working_group", "Styrgruppen", 2023, 0, False),
    ("Arbetsgrupp Analys", "working_group", "Styrgruppen", 2024, 0, False),
    ("Processledarnätverket", "network", "Styrgruppen", 2023, 0, False),
    ("Dialoggruppen för Regional kontakt", "dialogue_group", "Styrgruppen", 2025, 0, False),
    ("Projekt Validering och regional matchning", "project", "Styrgruppen", 2026, 2027, False),
    ("Regional referensgrupp – Validering", "reference_group", "Projekt Validering och regional matchning", 2026,
     2027, False),
    ("Arbetsgrupp Kompetensförsörjning i välfärden", "working_group", "Styrgruppen", 2024, 0, False),
    ("Arbetsgrupp Digital kompetens", "working_group", "Styrgruppen", 2024, 0, False),
    ("Arbetsgrupp Livslångt lärande", "working_group", "Styrgruppen", 2023, 0, False),
    ("Arbetsgrupp Omställning", "working_group", "Styrgruppen", 2024, 0, False),
    ("Projekt Utrikes födda kvinnors etablering", "project", "Styrgruppen", 2025, 2026, False),
    ("Projekt Kompetens för den gröna omställningen", "project", "Styrgruppen", 2026, 2027, False),
    ("Referensgrupp – Den gröna omställningen", "reference_group", "Projekt Kompetens för den gröna omställningen",
     2026, 2027, False),
    ("Projekt Gemensamt analysformat", "project", "Styrgruppen", 2026, 2027, False),
    ("Arbetsgrupp Regioner och branscher", "working_group", "Styrgruppen", 2020, 0, True),
)  # fmt: skip

PARTICIPATION_MODELS = ("continuous", "reference_group", "on_demand")

NATIONAL, REGIONAL, LOCAL = "national", "regional", "local"
GREEN, BLUE, YELLOW = "education_matching", "transition_guidance", "preparatory"


class GenerationError(Exception):
    """The data cannot be generated into this database (e.g. it was generated already)."""


class BodyPlan:
    """A body to insert, with what membership generation needs to know about it."""

    __slots__ = ("body", "county", "depth", "municipality", "parent", "sector")

    def __init__(
        self,
        body: Body,
        *,
        county: str = "",
        municipality: str = "",
        sector: str = "",
        parent: "BodyPlan | None" = None,
    ) -> None:
        self.body = body
        self.county = county
        self.municipality = municipality
        self.sector = sector
        self.parent = parent
        self.depth: int = 0 if parent is None else parent.depth + 1


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random() * sum(weight for _, weight in pairs)
    for value, weight in pairs:
        roll -= weight
        if roll <= 0:
            return value
    return pairs[-1][0]


class NationalDataGenerator:
    """Generates the national data set; see the module docstring."""

    def __init__(self, *, scale: float = 1.0, seed: int = 1, log: Callable[[str], None] | None = None) -> None:
        if scale <= 0:
            raise GenerationError("The scale must be greater than zero.")
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.people = PeopleGenerator(random.Random(seed + 1))
        self.log = log or (lambda message: None)
        self.counties = list(County.objects.order_by("code"))
        with open(DATA / "municipalities.csv", encoding="utf-8") as fh:
            self.municipalities = [
                (r["municipality_code"], r["municipality_name"], r["municipality_name_short"], r["county_code"])
                for r in csv.DictReader(fh)
            ]
        self.spaces: dict[str, Space] = {}  # county code ("" for national) → space
        self.orgs: list[Organisation] = []
        self.org_sector: list[str] = []
        self.domains: dict[int, str] = {}
        self.names: set[str] = set()
        self.bodies: list[BodyPlan] = []
        self.counts: dict[str, int] = {}

    # --- the run --------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        """Generate everything in one transaction; returns the row counts."""
        if Space.objects.filter(slug=NATIONAL_SLUG).exists():
            raise GenerationError(
                f"National data was generated into this database already (space {NATIONAL_SLUG!r} exists). "
                "Use an empty database."
            )
        with transaction.atomic():
            self._spaces_and_accounts()
            self._organisations()
            self._bodies()
            self._memberships()
            self._landscape_revisions()
            self.counts.update(generate_meetings(rng=self.rng, log=self.log))
        self._analyze()
        if self.scale >= 1.0:
            promised = {"organisations": 20_000, "bodies": 3_000, "memberships": 60_000, "meetings": 20_000}
            for label, minimum in promised.items():
                if self.counts[label] < minimum * self.scale:
                    self.log(f"WARNING: only {self.counts[label]} {label} (promised {minimum * self.scale:.0f})")
        return self.counts

    # --- spaces and accounts -------------------------------------------------------------------

    def _spaces_and_accounts(self) -> None:
        self.spaces[""] = space_create(
            slug=NATIONAL_SLUG,
            name="MSV KLL – nationell samverkan",
            kind="national",
            owner_name="Myndigheten för yrkeshögskolan",
            description="Genererad nationell samverkan (skaldata).",
        )
        for county in self.counties:
            self.spaces[county.code] = space_create(
                slug=f"kp-{ascii_slug(county.short_name)}",
                name=f"Kompetensplattform {county.short_name}",
                kind="regional",
                county_id=county.code,
                owner_name=words.REGIONS[county.code],
                description=f"Genererad regional kompetensplattform för {county.name} (skaldata).",
            )
        for space in self.spaces.values():
            for prefix, role, name in (("admin", "admin", "Administratör"), ("medlem", "member", "Medlem")):
                space_member_add(
                    space=space,
                    email=f"{prefix}.{space.slug}@samverka.example",
                    role=role,
                    actor=None,
                    full_name=f"{name} {space.name}",
                )
        self.counts["spaces"] = len(self.spaces)
        self.log(f"{len(self.spaces)} spaces with an administrator and a member each")

    # --- organisations ---------------------------------------------------------------------------

    def _add_org(
        self, name: str, type_: str, level: str, roles: str, county: str, municipality: str, sector: str = ""
    ) -> int:
        self.names.add(name)
        self.orgs.append(
            Organisation(
                name=name,
                normalised_name=normalise_name(name),
                type=type_,
                level=level,
                employs="e" in roles,
                educates="u" in roles,
                focuses_on_groups="g" in roles,
                county_id=county or None,
                municipality_id=municipality or None,
                is_active=True,
            )
        )
        self.org_sector.append(sector)
        return len(self.orgs) - 1

    def _organisations(self) -> None:
        rng = self.rng
        national = words.NATIONAL_ORGANISATIONS
        extra = round((len(national) - 10) * min(1.0, self.scale))
        for name, type_, roles in national[: 10 + extra]:
            self._add_org(name, type_, NATIONAL, roles, "", "")
        gotland = "0980"
        for county in self.counties:
            municipality = gotland if county.code == "09" else ""
            self._add_org(
                words.REGIONS[county.code],
                "region",
                REGIONAL,
                "eug" if municipality else "e",
                county.code,
                municipality,
            )
        for code, long_name, _short, county_code in self.municipalities:
            if code != gotland:  # Region Gotland is also the municipality
                self._add_org(long_name, "municipality", LOCAL, "eug", county_code, code)
        remaining = max(0, round(TARGET_ORGANISATIONS * self.scale) - len(self.orgs))
        weights = [words.MUNICIPALITY_WEIGHT.get(code, 1) * rng.uniform(0.7, 1.3) for code, *_ in self.municipalities]
        quotas = _largest_remainder(remaining, weights)
        county_short = {c.code: c.short_name for c in self.counties}
        for (code, _long, short, county_code), quota in zip(self.municipalities, quotas, strict=True):
            for _ in range(quota):
                type_ = _weighted(rng, words.TYPE_MIX)
                name, level, roles, sector = self._org_name(type_, short, county_short[county_code])
                if name in self.names:
                    type_ = "employer"
                    name, level, roles, sector = self._employer_name(short, unique=True)
                self._add_org(name, type_, level, roles, county_code, code, sector)
        Organisation.objects.bulk_create(self.orgs, batch_size=BATCH_SIZE)
        self.counts["organisations"] = len(self.orgs)
        self.log(f"{len(self.orgs)} organisations in {len(self.municipalities)} municipalities")

    def _org_name(self, type_: str, municipality: str, county: str) -> tuple[str, str, str, str]:
        """(name, level, roles, sector) for a new organisation of ``type_`` in ``municipality``."""
        rng = self.rng
        if type_ == "employer":
            return self._employer_name(municipality, unique=False)
        patterns = {
            "education_provider": words.EDUCATION_PATTERNS,
            "civil_society": words.CIVIL_PATTERNS,
            "industry_organisation": words.INDUSTRY_PATTERNS,
            "union": words.UNION_PATTERNS,
            "agency": words.AGENCY_PATTERNS,
            "network": words.NETWORK_PATTERNS,
            "other": words.OTHER_PATTERNS,
        }[type_]
        name = ""
        pattern = patterns[0]
        for _ in range(6):
            pattern = rng.choice(patterns)
            name = pattern.format(m=municipality, c=county, s=rng.choice(words.SCHOOL_STEMS))
            if name not in self.names:
                break
        level = REGIONAL if "{c}" in pattern else LOCAL
        roles = {"education_provider": "u", "civil_society": "g", "agency": ""}.get(type_, "")
        if type_ == "education_provider" and any(
            w in name for w in ("Komvux", "folkhögskola", "Lärcentrum", "Sfi", "Vuxen")
        ):
            roles = "ug"
        if type_ == "civil_society" and any(w in name for w in ("ABF", "Studie", "Medborgarskolan")):
            roles = "ug"
        if type_ == "agency" and name.startswith(("Arbetsförmedlingen", "Samordningsförbundet")):
            roles = "ug" if name.startswith("Arbetsförmedlingen") else "g"
        if type_ == "other" and "AB" in name:
            roles = "e"
        sector = _SECTOR_OF_PATTERN.get(pattern.split(" ")[0], "")
        return name, level, roles, sector

    def _employer_name(self, municipality: str, *, unique: bool) -> tuple[str, str, str, str]:
        rng = self.rng
        name = ""
        sector = "industri"
        for attempt in range(12):
            sector = rng.choice(_SECTOR_KEYS)
            trade = rng.choice(words.SECTORS[sector][2])
            form = rng.choice(words.COMPANY_FORMS)
            roll = rng.random()
            surname = rng.choice(SURNAMES)
            if roll < 0.4:
                name = f"{surname}{'' if surname.endswith('s') else 's'} {trade} {form}"
            elif roll < 0.75:
                name = f"{municipality} {trade} {form}"
            elif roll < 0.9:
                name = f"{trade} i {municipality} {form}"
            else:
                name = f"{surname} & {rng.choice(SURNAMES)} {trade} {form}"
            if attempt > 8:
                name = f"{surname} {trade} {municipality} {form}"
            if name not in self.names or not unique and attempt >= 2:
                break
        if unique and name in self.names:
            name = f"{name} ({len(self.names)})"
        level = REGIONAL if rng.random() < 0.15 else LOCAL
        return name, level, "e", sector

    # --- bodies ------------------------------------------------------------------------------------

    def _bodies(self) -> None:
        plans: list[BodyPlan] = self._national_plans()
        by_county: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for code, _long, short, county in self.municipalities:
            by_county[county].append((code, short, county))
        for county in self.counties:
            plans += self._regional_plans(county, by_county[county.code])
        for depth in range(max(p.depth for p in plans) + 1):
            level = [p for p in plans if p.depth == depth]
            for plan in level:
                if plan.parent is not None:
                    plan.body.parent_id = plan.parent.body.pk
            Body.objects.bulk_create([p.body for p in level], batch_size=BATCH_SIZE)
        self.bodies = plans
        self.counts["bodies"] = len(plans)
        self.log(f"{len(plans)} bodies")

    def _take(self, plans: list[BodyPlan]) -> list[BodyPlan]:
        """The first part of a space's structure at this scale (parents come before their children)."""
        return plans[: max(1, math.ceil(len(plans) * min(1.0, self.scale)))]

    def _new_body(self, space: Space, name: str, kind: str, area: str, start: date, **extra: Any) -> Body:
        rng = self.rng
        public_share = 0.5 if kind in ("network", "working_group", "secretariat") else 0.92
        return Body(
            space=space,
            name=name,
            kind=kind,
            area=area,
            start_date=start,
            is_public=rng.random() < public_share,
            **{"status": "active", **extra},
        )

    def _national_plans(self) -> list[BodyPlan]:
        space = self.spaces[""]
        plans: dict[str, BodyPlan] = {}
        for name, kind, parent, start_year, end_year, closed in NATIONAL_BODIES:
            extra: dict[str, Any] = {}
            if end_year:
                extra["end_date"] = date(end_year, 12, 31)
            if closed:
                extra.update(
                    status="closed",
                    closed_at=date(2025, 6, 30),
                    end_date=date(2025, 6, 30),
                    closing_note="Avslutad enligt rutinen för avslut av arbetsgrupp; frågorna gick till sekretariatet.",
                )
            body = self._new_body(space, name, kind, NATIONAL, date(start_year, 1, 1), **extra)
            plans[name] = BodyPlan(body, parent=plans.get(parent))
        return self._take(list(plans.values()))

    def _regional_plans(self, county: County, municipalities: list[tuple[str, str, str]]) -> list[BodyPlan]:
        rng = self.rng
        space = self.spaces[county.code]
        code = county.code

        def start() -> date:
            return date(rng.randint(2019, 2025), rng.choice((1, 3, 8, 9)), 1)

        forums: dict[str, BodyPlan] = {}
        councils: list[BodyPlan] = []
        plans: list[BodyPlan] = []
        for sector, (forum_name, _programmes, _trades) in words.SECTORS.items():
            body = self._new_body(space, forum_name, "industry_forum", GREEN, start())
            forums[sector] = BodyPlan(body, county=code, sector=sector)
            plans.append(forums[sector])
        for name, area in (
            ("Samverkansråd Vägledning och omställning", BLUE),
            ("Samverkansråd Förberedande insatser", YELLOW),
        ):
            councils.append(BodyPlan(self._new_body(space, name, "collaboration_council", area, start()), county=code))
        plans += councils
        for sector, forum in forums.items():
            name = forum.body.name.replace("Branschforum", "Arbetsutskott")
            body = self._new_body(space, name, "executive_committee", GREEN, forum.body.start_date or start())
            plans.append(BodyPlan(body, county=code, sector=sector, parent=forum))
        for name, kind, area in (
            (f"Regional styrgrupp för kompetensförsörjning {county.short_name}", "steering_group", GREEN),
            (f"Analysgruppen {county.short_name}", "working_group", GREEN),
            (f"SYV-nätverket {county.short_name}", "network", BLUE),
            (f"Valideringsnätverket {county.short_name}", "network", BLUE),
        ):
            plans.append(BodyPlan(self._new_body(space, name, kind, area, start()), county=code))
        for muni, short, _county in municipalities:
            body = self._new_body(
                space, f"Lokal kompetensverkstad {short}", "local_competence_workshop", GREEN, start()
            )
            plans.append(BodyPlan(body, county=code, municipality=muni))
        programmes = [(sector, programme) for sector, (_f, progs, _t) in words.SECTORS.items() for programme in progs]
        for muni, short, _county in municipalities:
            count = min(len(programmes), 5 + words.MUNICIPALITY_WEIGHT.get(muni, 1) + rng.randint(0, 1))
            for sector, programme in rng.sample(programmes, count):
                body = self._new_body(space, f"Programråd {programme}, {short}", "programme_council", GREEN, start())
                plans.append(BodyPlan(body, county=code, municipality=muni, sector=sector, parent=forums[sector]))
        for muni, short, _county in municipalities:
            for name, parent in (
                (f"Lokal samverkansgrupp förberedande insatser {short}", councils[1]),
                (f"SYV-gruppen {short}", councils[0]),
            ):
                area = YELLOW if parent is councils[1] else BLUE
                body = self._new_body(space, name, "local_collaboration_group", area, start())
                plans.append(BodyPlan(body, county=code, municipality=muni, parent=parent))
        taken = self._take(plans)
        for plan in taken:  # a few programme councils and local groups have been closed down
            if plan.body.kind in ("programme_council", "local_collaboration_group") and rng.random() < 0.02:
                closed_at = date(2025, rng.randint(1, 11), 28)
                plan.body.status = "closed"
                plan.body.closed_at = plan.body.end_date = max(closed_at, plan.body.start_date or closed_at)
                plan.body.closing_note = "Avslutad: verksamheten har gått upp i en gemensam grupp för flera kommuner."
        return taken

    # --- contacts and memberships ----------------------------------------------------------------

    def _memberships(self) -> None:
        rng = self.rng
        pools = self._org_pools()
        base_total = sum(BASE_SEATS[p.body.kind] for p in self.bodies)
        factor = round(TARGET_MEMBERSHIPS * self.scale) / base_total
        contacts: list[Contact] = []
        contacts_of_org: dict[int, list[Contact]] = defaultdict(list)
        seats: list[tuple[Body, Contact, int, str, date | None, date | None, str]] = []
        for plan in self.bodies:
            body = plan.body
            size = max(2, round(BASE_SEATS[body.kind] * factor * rng.uniform(0.8, 1.2)))
            seated: set[int] = set()
            for index in range(size):
                org_index = self._pick_org(plan, index, pools)
                org = self.orgs[org_index]
                candidates = contacts_of_org[org_index]
                contact = None
                if candidates and rng.random() < REUSE_CONTACT:
                    contact = rng.choice(candidates)
                    if id(contact) in seated:
                        contact = None
                if contact is None:
                    contact = self._new_contact(org, org_index)
                    contacts.append(contact)
                    candidates.append(contact)
                seated.add(id(contact))
                role, model = self._role(plan, index, org)
                start = body.start_date + timedelta(days=rng.randint(0, 200)) if body.start_date else None
                end = body.closed_at
                if end is None and index > 1 and rng.random() < ENDED_SHARE and start and start < HISTORY_END:
                    end = min(HISTORY_END, start + timedelta(days=rng.randint(180, 900)))
                if start and end and start > end:
                    start = end
                seats.append((body, contact, org.pk, role, start, end, model))
        Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
        memberships = [
            Membership(
                body=body,
                contact_id=contact.pk,
                organisation_id=org_pk,
                role=role,
                start_date=start,
                end_date=end,
                participation_model=model,
            )
            for body, contact, org_pk, role, start, end, model in seats
        ]
        Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
        self.counts["contacts"] = len(contacts)
        self.counts["memberships"] = len(memberships)
        self.log(f"{len(contacts)} contacts in {len(memberships)} memberships")

    def _new_contact(self, org: Organisation, org_index: int) -> Contact:
        person = self.people.person()
        domain = self.domains.get(org_index)
        if domain is None:
            domain = self.domains[org_index] = (ascii_slug(org.name)[:40].strip("-") or "org") + ".example"
        functions = words.FUNCTIONS.get(org.type, ("Ledamot",))
        return Contact(
            organisation_id=org.pk,
            name=person.name,
            function=self.rng.choice(functions),
            email=person.email(domain),
            gender=person.gender,
            born_abroad=person.born_abroad,
        )

    def _role(self, plan: BodyPlan, index: int, org: Organisation) -> tuple[str, str]:
        kind = plan.body.kind
        model = ""
        if kind == "project" and org.type == "region":
            model = self.rng.choice(PARTICIPATION_MODELS)
        if index == 0:
            return ("process_leader" if kind in ("working_group", "project") else "chair"), model
        if index == 1 and kind not in ("dialogue_group",):
            return "secretary", model
        roll = self.rng.random()
        if roll < 0.04:
            return "vice_chair", model
        if roll < 0.07:
            return "adjunct", model
        if roll < 0.09 and kind in ("programme_council", "industry_forum"):
            return "external_guest", model
        return "member", model

    def _org_pools(self) -> dict[tuple[str, ...], list[int]]:
        """Organisation indices by (county, type), (municipality, type), (county, sector) and national type."""
        pools: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for index, org in enumerate(self.orgs):
            if org.type == "region":
                pools[("region-all",)].append(index)
            if org.level == NATIONAL:
                pools[("national", org.type)].append(index)
                pools[("national", "*")].append(index)
                continue
            county = org.county_id or ""
            pools[("county", county, org.type)].append(index)
            pools[("county", county, "*")].append(index)
            if org.municipality_id:
                pools[("municipality", org.municipality_id, org.type)].append(index)
            if org.type == "employer":
                sector = self.org_sector[index]
                pools[("sector", county, sector)].append(index)
                if org.municipality_id:
                    pools[("muni-sector", org.municipality_id, sector)].append(index)
        return pools

    def _pick_org(self, plan: BodyPlan, index: int, pools: dict[tuple[str, ...], list[int]]) -> int:
        rng = self.rng
        if not plan.county:  # the national space: agencies and regions
            if plan.body.kind == "project" and index > 2 and rng.random() < 0.5:
                return rng.choice(pools[("region-all",)] or pools[("national", "*")])
            agencies = pools[("national", "agency")][:10] or pools[("national", "*")]
            return agencies[index % len(agencies)] if index < len(agencies) else rng.choice(agencies)
        kind = plan.body.kind
        type_ = _weighted(rng, COMPOSITION[kind])
        if index == 0 and kind in ("industry_forum", "executive_committee", "programme_council"):
            type_ = "employer" if kind != "programme_council" else "education_provider"
        candidates: list[int] = []
        if type_ == "employer" and plan.sector:
            if plan.municipality and rng.random() < 0.7:
                candidates = pools[("muni-sector", plan.municipality, plan.sector)]
            candidates = candidates or pools[("sector", plan.county, plan.sector)]
        elif type_ in ("agency", "industry_organisation", "union") and rng.random() < 0.3:
            candidates = pools[("national", type_)]
        if not candidates and plan.municipality and rng.random() < 0.75:
            candidates = pools[("municipality", plan.municipality, type_)]
        candidates = candidates or pools[("county", plan.county, type_)] or pools[("county", plan.county, "*")]
        return rng.choice(candidates)

    # --- the landscape map ----------------------------------------------------------------------------

    def _landscape_revisions(self) -> None:
        admins = {
            user.email: user
            for user in User.objects.filter(email__startswith="admin.", email__endswith="@samverka.example")
        }
        for space in self.spaces.values():
            landscape_publish(
                space=space,
                actor=admins[f"admin.{space.slug}@samverka.example"],
                summary="Första publicerade landskapskartan (genererad skaldata).",
            )
        self.counts["landscape revisions"] = len(self.spaces)

    def _analyze(self) -> None:
        """Fresh planner statistics, as a production database would have after autovacuum."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _largest_remainder(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest-remainder method)."""
    weight_sum = sum(weights)
    exact = [total * w / weight_sum for w in weights]
    quotas = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - quotas[i], reverse=True)
    for i in order[: total - sum(quotas)]:
        quotas[i] += 1
    return quotas


_SECTOR_KEYS = tuple(words.SECTORS)
_SECTOR_OF_PATTERN = {
    "Byggföretagen": "bygg",
    "Teknikföretagen": "industri",
    "Visita": "besok",
    "Installatörsföretagen": "bygg",
    "Sveriges": "transport",
    "LRF": "grona",
    "Svensk": "handel",
    "Industriföreningen": "industri",
    "Turistföreningen": "besok",
}
