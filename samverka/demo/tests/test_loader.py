"""`manage.py load_demo`: the demo a visitor of `make run` sees, and its accounts."""

import re
from io import StringIO
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from auditlog.models import LogEntry
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client

from samverka.collaboration.actors.models import (
    Contact,
    CorrectionSuggestion,
    LandscapeRevision,
    Organisation,
    SuggestionStatus,
)
from samverka.collaboration.actors.selectors import revision_diff
from samverka.collaboration.bodies.models import Body, BodyKind, BodyStatus, Membership
from samverka.collaboration.bodies.selectors import body_representativeness
from samverka.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    NATIONAL_SLUG,
    OREBRO_SLUG,
    SORMLAND_SLUG,
    demo_account,
)
from samverka.demo.sormland import MUNICIPALITIES
from samverka.platform.accounts.models import User
from samverka.platform.accounts.services import totp_current_code
from samverka.platform.spaces.models import MFA_ROLES, Space, SpaceMembership

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db: Any) -> str:
    return load()


def totp_accepts(authenticator: Authenticator, secret: str) -> bool:
    """Does the stored TOTP device accept the code an app with ``secret`` shows now?"""
    cache.clear()  # allauth remembers used codes per user id; ids repeat between tests
    return TOTP(authenticator).validate_code(totp_current_code(secret))


def table_counts() -> dict[str, int]:
    return {
        "spaces": Space.objects.count(),
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "contacts": Contact.objects.count(),
        "bodies": Body.objects.count(),
        "memberships": Membership.objects.count(),
        "revisions": LandscapeRevision.objects.count(),
        "suggestions": CorrectionSuggestion.objects.count(),
        "audit": LogEntry.objects.count(),
    }


def test_demo_accounts_table_is_consistent() -> None:
    emails = [a.email for a in DEMO_ACCOUNTS]
    assert len(set(emails)) == len(emails) == 8
    secrets = [a.totp_secret for a in DEMO_ACCOUNTS if a.totp_secret]
    assert len(set(secrets)) == len(secrets) == 3
    for secret in secrets:
        assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret
    for account in DEMO_ACCOUNTS:
        needs_mfa = account.superuser or account.role in MFA_ROLES
        assert bool(account.totp_secret) == needs_mfa, account.email


def test_every_demo_account_logs_in_with_its_role_and_totp(demo: str) -> None:
    for account in DEMO_ACCOUNTS:
        assert Client().login(email=account.email, password=DEMO_PASSWORD), account.email
        user = User.objects.get(email=account.email)
        assert user.is_superuser == account.superuser
        if account.space:
            membership = SpaceMembership.objects.get(user=user, space__slug=account.space)
            assert membership.role == account.role
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if account.totp_secret:
            assert totp is not None, account.email
            assert totp_accepts(totp, account.totp_secret)
        else:
            assert totp is None, account.email
    assert not Client().login(email="admin@samverka.example", password="wrong-password")
    assert "admin@samverka.example" in demo and DEMO_PASSWORD in demo


def test_demo_spaces_and_sormland_municipalities(demo: str) -> None:
    national = Space.objects.get(slug=NATIONAL_SLUG)
    assert national.kind == "national" and national.name == "MSV KLL"
    sormland = Space.objects.get(slug=SORMLAND_SLUG)
    assert sormland.county_id == "04"
    assert Space.objects.get(slug=OREBRO_SLUG).county_id == "18"
    municipalities = Organisation.objects.filter(type="municipality", county_id="04")
    assert sorted(municipalities.values_list("municipality_id", flat=True)) == sorted(c for _, c, _ in MUNICIPALITIES)
    assert municipalities.count() == 9
    agencies = set(Organisation.objects.filter(level="national").values_list("name", flat=True))
    assert {
        "Arbetsförmedlingen",
        "Myndigheten för yrkeshögskolan",
        "Skolverket",
        "Statistiska centralbyrån",
    } <= agencies
    # Real organisation numbers are not guessed.
    assert not Organisation.objects.exclude(org_number="").exists()


def test_demo_regional_structure(demo: str) -> None:
    sormland = Space.objects.get(slug=SORMLAND_SLUG)
    forums = Body.objects.filter(space=sormland, kind=BodyKind.INDUSTRY_FORUM)
    assert forums.count() >= 4
    for forum in forums:
        assert forum.children.filter(kind=BodyKind.EXECUTIVE_COMMITTEE).exists(), forum.name
    councils = Body.objects.filter(space=sormland, kind=BodyKind.PROGRAMME_COUNCIL)
    assert councils.count() >= 4
    for council in councils:
        assert council.parent is not None and council.parent.kind == BodyKind.INDUSTRY_FORUM
        assert council.parent.space_id == sormland.pk
    assert Body.objects.filter(space=sormland, kind=BodyKind.COLLABORATION_COUNCIL).count() == 2
    workshop = Body.objects.get(space=sormland, kind=BodyKind.LOCAL_COMPETENCE_WORKSHOP)
    assert "Eskilstuna" in workshop.name
    assert Body.objects.filter(space=sormland, kind=BodyKind.LOCAL_COLLABORATION_GROUP).count() >= 2
    minority = [f.name for f in forums if body_representativeness(f, include_people=False)["industry_minority"]]
    assert minority == ["Branschforum Vård och omsorg"]
    assert Body.objects.filter(space__slug=OREBRO_SLUG).count() < Body.objects.filter(space=sormland).count()


def test_demo_national_structure(demo: str) -> None:
    national = Space.objects.get(slug=NATIONAL_SLUG)
    kinds = set(Body.objects.filter(space=national).values_list("kind", flat=True))
    assert {"gd_group", "steering_group", "preparation_group", "secretariat", "working_group", "network"} <= kinds
    assert {"dialogue_group", "project", "reference_group"} <= kinds
    steering = Body.objects.get(space=national, kind=BodyKind.STEERING_GROUP)
    dialogue = Body.objects.get(space=national, kind=BodyKind.DIALOGUE_GROUP)
    seats = list(dialogue.memberships.select_related("contact"))
    assert len(seats) == 3
    chair = steering.memberships.get(role="chair").contact
    assert dialogue.memberships.get(role="chair").contact == chair
    assert any("huvudkontakt" in seat.note for seat in seats)
    project = Body.objects.get(space=national, kind=BodyKind.PROJECT)
    assert project.end_date is not None
    models = set(project.memberships.exclude(participation_model="").values_list("participation_model", flat=True))
    assert models == {"continuous", "reference_group", "on_demand"}
    closed = Body.objects.get(space=national, status=BodyStatus.CLOSED)
    assert closed.kind == BodyKind.WORKING_GROUP and closed.closing_note and closed.closed_by is not None
    assert not closed.memberships.filter(end_date__isnull=True).exists()


def test_demo_people_are_fictional_contacts_with_functions(demo: str) -> None:
    contacts = Contact.objects.all()
    assert contacts.count() > 100
    assert all(c.email.endswith(".example") or c.email.endswith("@example.se") for c in contacts)
    assert not contacts.filter(function="").exists()
    with_gender = contacts.exclude(gender="").count()
    assert with_gender > contacts.count() * 0.7 and with_gender < contacts.count()
    leader = Contact.objects.get(user__email="processledare@msv.example")
    assert leader.memberships.filter(role="process_leader", body__kind=BodyKind.WORKING_GROUP).exists()
    guest = Contact.objects.get(user__email="gast@foretag.example")
    assert guest.memberships.filter(body__kind=BodyKind.PROGRAMME_COUNCIL).exists()
    # A person sitting in several bodies is one contact, always for the same organisation.
    for membership in Membership.objects.select_related("contact"):
        assert membership.organisation_id == membership.contact.organisation_id


def test_demo_landscape_revisions_and_suggestions(demo: str) -> None:
    sormland = Space.objects.get(slug=SORMLAND_SLUG)
    first, second = LandscapeRevision.objects.filter(space=sormland).order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert second.published_by.email == demo_account("samordnare@sormland.example").email
    diff = revision_diff(first.snapshot, second.snapshot)
    assert len(diff.added) == 2 and diff.removed and diff.changed
    assert CorrectionSuggestion.objects.filter(space=sormland, status=SuggestionStatus.PENDING).count() == 2


def test_second_run_with_if_empty_changes_nothing(demo: str) -> None:
    before = table_counts()
    output = load("--if-empty")
    assert "not loaded again" in output
    assert table_counts() == before
    with pytest.raises(CommandError, match="empty database"):
        load()
    assert table_counts() == before


def test_reset_passwords_restores_the_demo_logins(demo: str) -> None:
    user = User.objects.get(email="samordnare@sormland.example")
    user.set_password("something-else-entirely")
    user.save()
    Authenticator.objects.filter(user=user).delete()
    assert not Client().login(email=user.email, password=DEMO_PASSWORD)
    load("--if-empty", "--reset-passwords")
    assert Client().login(email=user.email, password=DEMO_PASSWORD)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert totp_accepts(totp, demo_account(user.email).totp_secret)


#: Reference data that migrations load and the demo only reads.
REFERENCE_MODELS = {
    "core.county",
    "core.municipality",
    "wheels.wheeltemplate",
    "wheels.wheelslot",
    "classifications.classificationitem",
    "classifications.sunoldlevel",
}


def wipe_demo() -> None:
    """Delete every row the demo wrote, whatever app wrote it (protected references are removed first)."""
    from django.apps import apps
    from django.db.models import ProtectedError

    from samverka.steering.goals.models import Goal

    Body.objects.update(parent=None)
    Goal.objects.update(parent=None)
    remaining = [
        model
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", *(c.label for c in apps.get_app_configs() if c.name.startswith("samverka."))}
        and model._meta.label_lower not in REFERENCE_MODELS
        and not model._meta.proxy
    ]
    for _ in range(len(remaining)):
        blocked = []
        for model in remaining:
            try:
                model._base_manager.all().delete()
            except ProtectedError:
                blocked.append(model)
        if not blocked:
            break
        remaining = blocked
    assert not blocked, blocked


def test_the_demo_is_the_same_every_time(demo: str) -> None:
    def people() -> list[tuple[str, ...]]:
        return sorted(Contact.objects.values_list("organisation__name", "name", "email", "gender", "function"))

    def meetings() -> list[tuple[object, ...]]:
        from samverka.collaboration.meetings.models import Meeting

        return sorted(Meeting.objects.values_list("body__name", "title", "start", "status"))

    first, first_meetings = people(), meetings()
    assert first_meetings
    wipe_demo()
    load()
    assert people() == first
    assert meetings() == first_meetings


def test_readme_lists_every_demo_account_with_its_secret():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    assert "| role | e-mail | password | TOTP secret |" in readme
    for account in DEMO_ACCOUNTS:
        row = next(line for line in readme.splitlines() if f"`{account.email}`" in line)
        assert f"`{DEMO_PASSWORD}`" in row
        if account.totp_secret:
            assert f"`{account.totp_secret}`" in row
