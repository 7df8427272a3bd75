"""Loads the demo (``manage.py load_demo``) through the apps' services.

Every row is written by the same service the user interface uses, so the demo
exercises validation, permissions and the audit trail. Structural writes run
as the system (``actor=None``); publishing the landscape map and closing a
working group are done by the demo accounts whose job that is. The loader is
deterministic: people are drawn from a seeded generator.
"""

import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from samverka.collaboration.actors import services as actors
from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.bodies import services as bodies
from samverka.collaboration.bodies.models import Body
from samverka.demo import national, orebro, sormland
from samverka.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    NATIONAL_SLUG,
    OREBRO_SLUG,
    SORMLAND_SLUG,
    DemoAccount,
)
from samverka.demo.people import PeopleGenerator
from samverka.demo.spec import BodySpec, Org, Seat
from samverka.platform.accounts.models import User
from samverka.platform.accounts.services import totp_activate, user_create
from samverka.platform.core.models import County, Municipality
from samverka.platform.spaces.models import Space
from samverka.platform.spaces.services import space_create, space_member_add

SEED = 2026

#: The demo spaces: slug, name, kind, county, owner, contact e-mail, description.
SPACES = (
    (
        NATIONAL_SLUG,
        "MSV KLL",
        "national",
        None,
        "Myndigheten för yrkeshögskolan (värdmyndighet för sekretariatet)",
        "sekretariat@msv.example",
        "Myndighetssamverkan för kompetensförsörjning och livslångt lärande: tio myndigheter som samverkar "
        "om kompetensförsörjning och stödjer regionernas arbete.",
    ),
    (
        SORMLAND_SLUG,
        "Kompetensplattform Sörmland",
        "regional",
        "04",
        "Region Sörmland",
        "samordnare@sormland.example",
        "Kompetensverkstan Sörmland: branschforum, samverkansråd och lokala kompetensverkstäder där "
        "arbetsgivare, utbildare, kommuner och myndigheter möts.",
    ),
    (
        OREBRO_SLUG,
        "Kompetensplattform Örebro län",
        "regional",
        "18",
        "Region Örebro län",
        "kompetens@regionorebrolan.example",
        "Regionalt kompetensforum, kompetenskansli och yrkesvux i samverkan med länets kommuner.",
    ),
)

#: Gender of the demo accounts' contacts (self-reported).
_ACCOUNT_GENDER = {
    "sekretariat@msv.example": "woman",
    "samordnare@sormland.example": "man",
    "analytiker@sormland.example": "woman",
    "registrator@msv.example": "man",
    "processledare@msv.example": "woman",
    "gast@foretag.example": "",
}

#: Function defaults per organisation type, for seats that do not name one.
_DEFAULT_FUNCTION = {
    "employer": "HR-chef",
    "education_provider": "Rektor",
    "municipality": "Utvecklingsstrateg",
    "region": "Strateg",
    "agency": "Handläggare",
}


@dataclass
class DemoResult:
    """What the loader did, for the command's summary."""

    loaded: bool
    counts: dict[str, int] = field(default_factory=dict)


class DemoLoader:
    """Builds the demo from the tables in national.py, sormland.py and orebro.py."""

    def __init__(self) -> None:
        self.people = PeopleGenerator(random.Random(SEED))
        self.users: dict[str, User] = {}
        self.spaces: dict[str, Space] = {}
        self.orgs: dict[str, Organisation] = {}
        self.domains: dict[str, str] = {}
        self.bodies: dict[str, Body] = {}
        self.contacts: dict[str, Contact] = {}
        self.counties = {c.code: c for c in County.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.all()}

    # --- the whole run ----------------------------------------------------------------------

    @transaction.atomic
    def load(self) -> None:
        for account in DEMO_ACCOUNTS:
            self.users[account.email] = self._create_account(account)
        for slug, name, kind, county, owner, email, description in SPACES:
            self.spaces[slug] = space_create(
                slug=slug,
                name=name,
                kind=kind,
                county_id=county,
                owner_name=owner,
                contact_email=email,
                description=description,
            )
        self._add_space_members()
        for org in national.ORGANISATIONS + sormland.ORGANISATIONS + orebro.ORGANISATIONS:
            self.orgs[org.key] = self._create_organisation(org)
        for slug, specs in (
            (NATIONAL_SLUG, national.BODIES),
            (SORMLAND_SLUG, sormland.BODIES),
            (OREBRO_SLUG, orebro.BODIES),
        ):
            for spec in specs:
                self.bodies[spec.key] = self._create_body(self.spaces[slug], spec)
        for spec in national.BODIES + sormland.BODIES + orebro.BODIES:
            if spec.close is not None:
                closed_at, note = spec.close
                bodies.body_close(
                    body=self.bodies[spec.key],
                    actor=self.users["sekretariat@msv.example"],
                    closed_at=closed_at,
                    closing_note=note,
                )
        self._publish_landscapes()
        for org_key, message, name, email in sormland.SUGGESTIONS:
            actors.suggestion_submit(
                space=self.spaces[SORMLAND_SLUG],
                message=message,
                organisation=self.orgs[org_key] if org_key else None,
                submitter_name=name,
                submitter_email=email,
            )

    # --- accounts and spaces ------------------------------------------------------------------

    def _create_account(self, account: DemoAccount) -> User:
        user = user_create(email=account.email, full_name=account.full_name, password=DEMO_PASSWORD)
        if account.superuser:
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        if account.totp_secret:
            totp_activate(user=user, secret=account.totp_secret)
        return user

    def _add_space_members(self) -> None:
        for account in DEMO_ACCOUNTS:
            if account.space and account.role:
                space_member_add(space=self.spaces[account.space], email=account.email, role=account.role, actor=None)
        # The platform administrator also administers the spaces without a regional coordinator account.
        for slug in (NATIONAL_SLUG, OREBRO_SLUG):
            space_member_add(space=self.spaces[slug], email="admin@samverka.example", role="admin", actor=None)

    # --- the register --------------------------------------------------------------------------

    def _create_organisation(self, spec: Org) -> Organisation:
        municipality = self.municipalities[spec.municipality] if spec.municipality else None
        county_code = spec.county or (municipality.county_id if municipality else "")
        data: dict[str, Any] = {
            "name": spec.name,
            "type": spec.type,
            "level": spec.level,
            "employs": "e" in spec.roles,
            "educates": "u" in spec.roles,
            "focuses_on_groups": "g" in spec.roles,
            "county": self.counties[county_code] if county_code else None,
            "municipality": municipality,
            "website": spec.website,
            "description": spec.description,
        }
        self.domains[spec.key] = spec.domain or "example.se"
        return actors.organisation_create(actor=None, data=actors.OrganisationData(**data), confirm_similar=True)

    def _contact_for(self, seat: Seat) -> Contact:
        """The seat's person: the same contact for the same label, a newly drawn person otherwise."""
        if seat.person and seat.person in self.contacts:
            return self.contacts[seat.person]
        organisation = self.orgs[seat.org]
        data: dict[str, Any] = {"function": seat.function or _DEFAULT_FUNCTION.get(organisation.type, "Ledamot")}
        if seat.person.startswith("@"):
            email = seat.person[1:]
            user = self.users[email]
            data.update(name=user.full_name, email=email, gender=_ACCOUNT_GENDER.get(email, ""), user=user)
        else:
            person = self.people.person()
            data.update(
                name=person.name,
                email=person.email(self.domains[seat.org]),
                gender=person.gender,
                born_abroad=person.born_abroad,
            )
        contact = actors.contact_create(actor=None, organisation=organisation, data=actors.ContactData(**data))
        if seat.person:
            self.contacts[seat.person] = contact
        return contact

    # --- the structure ---------------------------------------------------------------------------

    def _create_body(self, space: Space, spec: BodySpec) -> Body:
        data: dict[str, Any] = {
            "name": spec.name,
            "kind": spec.kind,
            "area": spec.area,
            "mandate": spec.mandate,
            "start_date": spec.start,
            "end_date": spec.end,
            "is_public": spec.is_public,
            "status": spec.status,
            "parent": self.bodies[spec.parent] if spec.parent else None,
            "owner_organisation": self.orgs[spec.owner] if spec.owner else None,
        }
        body = bodies.body_create(space=space, actor=None, data=bodies.BodyData(**data))
        for seat in spec.seats:
            contact = self._contact_for(seat)
            bodies.membership_create(
                body=body,
                actor=None,
                data=bodies.MembershipData(
                    contact=contact,
                    organisation=self.orgs[seat.org],
                    role=seat.role,
                    start_date=seat.start or spec.start,
                    end_date=seat.end,
                    participation_model=seat.model,
                    note=seat.note,
                ),
            )
        return body

    # --- the landscape map -------------------------------------------------------------------------

    def _publish_landscapes(self) -> None:
        coordinator = self.users["samordnare@sormland.example"]
        space = self.spaces[SORMLAND_SLUG]
        actors.landscape_publish(
            space=space,
            actor=coordinator,
            summary="Första publicerade landskapskartan för Sörmland: kommuner, utbildare, arbetsgivare, "
            "branschorganisationer och fack i kompetensplattformen.",
        )
        for org in sormland.ADDED_LATER:
            self.orgs[org.key] = self._create_organisation(org)
        actors.organisation_update(
            actor=coordinator,
            organisation=self.orgs["yh-sorm"],
            data=actors.OrganisationData(focuses_on_groups=True, description="Yrkeshögskoleutbildningar i hela länet."),
        )
        actors.organisation_update(
            actor=coordinator, organisation=self.orgs["lc-flen"], data=actors.OrganisationData(is_active=False)
        )
        actors.landscape_publish(
            space=space,
            actor=coordinator,
            summary="Två nya aktörer (Trosa Hantverk och Bygg AB, Lärcentrum Gnesta); Lärcentrum Flen har "
            "gått upp i Lärcentrum Gnesta; Yrkeshögskolan Sörmland har nu även fokus på vissa grupper.",
        )
        actors.landscape_publish(
            space=self.spaces[OREBRO_SLUG],
            actor=self.users["admin@samverka.example"],
            summary="Första publicerade landskapskartan för Örebro län.",
        )
        # Visitors see only published maps: the national actors, too, are public once published.
        actors.landscape_publish(
            space=self.spaces[NATIONAL_SLUG],
            actor=self.users["admin@samverka.example"],
            summary="Första publicerade landskapskartan för den nationella samverkan.",
        )


def demo_present() -> bool:
    """True when any space exists (the demo, or real data, is already there)."""
    return Space.objects.exists()


def demo_passwords_reset() -> int:
    """Give every existing demo account its documented password and TOTP secret again."""
    count = 0
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            continue
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        if account.totp_secret:
            totp_activate(user=user, secret=account.totp_secret)
        count += 1
    return count


def demo_counts() -> dict[str, int]:
    """Rows in the main tables, for the command's summary."""
    from samverka.collaboration.actors.models import LandscapeRevision
    from samverka.collaboration.bodies.models import Membership
    from samverka.collaboration.events.models import Event, Registration
    from samverka.collaboration.meetings.models import ActionItem, Decision, Invitation, Meeting, MinutesVersion
    from samverka.platform.notifications.models import OutboxMessage

    return {
        "spaces": Space.objects.count(),
        "organisations": Organisation.objects.count(),
        "contacts": Contact.objects.count(),
        "bodies": Body.objects.count(),
        "memberships": Membership.objects.count(),
        "landscape revisions": LandscapeRevision.objects.count(),
        "meetings": Meeting.objects.count(),
        "approved minutes": MinutesVersion.objects.filter(approved_at__isnull=False).count(),
        "decisions": Decision.objects.count(),
        "action items": ActionItem.objects.count(),
        "invitations": Invitation.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
        "e-mails in the outbox": OutboxMessage.objects.count(),
        "users": User.objects.count(),
    }
