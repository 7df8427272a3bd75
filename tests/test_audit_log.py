"""The audit log reads in Swedish, filters by who, kind of object, action and dates, and pages by key."""

import re
from datetime import timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import give_totp
from samverka.collaboration.bodies.models import Body, Membership
from samverka.platform.core.audit import acting_as
from samverka.platform.spaces.models import SpaceRole
from samverka.testing.factories import make_body, make_contact, make_membership, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(space: Any) -> Any:
    user = make_user(role_in=space, role=SpaceRole.ADMIN, full_name="Anna Administratör")
    give_totp(user)
    return user


@pytest.fixture
def browser(admin: Any) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def audit_url(space: Any, **query: Any) -> str:
    from urllib.parse import urlencode

    return reverse("spaces:audit", kwargs={"space": space.slug}) + ("?" + urlencode(query) if query else "")


def rows(page: Any) -> list[str]:
    """The table rows of the log, as text without tags."""
    html = page.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    texts = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("<tr>")[1:]]
    return [text.replace(" :", ":") for text in texts]


def test_the_log_reads_in_swedish(space: Any, admin: Any, browser: Client) -> None:
    contact = make_contact(name="Karin Kontakt")
    with acting_as(admin):
        body = make_body(space=space, name="Branschråd vård", is_public=True)
        body.is_public = False
        body.name = "Branschråd vård och omsorg"
        body.save()
        membership = make_membership(body=body, contact=contact, role="chair")
    body.save()  # unchanged: no row; then one without a person
    Body.objects.filter(pk=body.pk).update(name="x")  # not through save(): not audited
    page = browser.get(audit_url(space))
    assert page.status_code == 200
    texts = rows(page)
    changed = next(t for t in texts if "Ändrad Forum Branschråd vård och omsorg" in t)
    assert "Anna Administratör" in changed
    # The kind of object by its Swedish verbose name, the field by its own.
    assert "Namn" in changed and "Branschråd vård → Branschråd vård och omsorg" in changed
    assert "Offentlig" in changed and "Ja → Nej" in changed
    month = timezone.localtime().strftime("%m")
    swedish_months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                      "oktober", "november", "december"]  # fmt: skip
    assert swedish_months[int(month) - 1] in changed
    created = next(t for t in texts if "Skapad" in t and "medlemskap" in t.lower())
    # A foreign key shows the related object's name, a choice its label — not ids and codes.
    assert "Person: Karin Kontakt" in created and "Roll: Ordförande" in created
    assert f"Person: {contact.pk}" not in created and "Roll: chair" not in created
    # A new object's id, automatic times and empty fields are left out.
    assert "ID:" not in created and "Anteckning: –" not in created
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_change_without_a_person_is_the_system_s(space: Any, browser: Client) -> None:
    body = make_body(space=space, name="Styrgrupp")
    body.name = "Styrgruppen"
    body.save()
    [row] = [t for t in rows(browser.get(audit_url(space))) if "Styrgruppen" in t and "Ändrad" in t]
    assert "Systemet" in row


def test_filters_by_who_kind_action_and_dates(space: Any, admin: Any, browser: Client) -> None:
    other = make_user(role_in=space, role=SpaceRole.SECRETARIAT, full_name="Sara Sekreterare")
    with acting_as(admin):
        body = make_body(space=space, name="Av Anna")
    with acting_as(other):
        body.name = "Ändrad av Sara"
        body.save()
        make_membership(body=body, contact=make_contact(name="Per Person"))
    page = browser.get(audit_url(space))
    form = page.context["filter_form"]
    assert ("", "Alla") in [(k, str(v)) for k, v in form.fields["actor"].choices]
    assert (str(other.pk), "Sara Sekreterare") in form.fields["actor"].choices

    by_sara = rows(browser.get(audit_url(space, actor=other.pk)))
    assert by_sara and all("Sara Sekreterare" in t for t in by_sara)
    assert not any("Av Anna" in t and "Skapad" in t for t in by_sara)

    body_type = next(pk for pk, label in form.fields["kind"].choices if label == "Forum")
    only_bodies = rows(browser.get(audit_url(space, kind=body_type)))
    assert only_bodies and not any("Per Person" in t for t in only_bodies)

    created = rows(browser.get(audit_url(space, action=LogEntry.Action.CREATE)))
    assert created and all("Skapad" in t for t in created)

    today = timezone.localdate()
    assert rows(browser.get(audit_url(space, date_from=today, date_to=today))) == rows(browser.get(audit_url(space)))
    tomorrow = today + timedelta(days=1)
    assert rows(browser.get(audit_url(space, date_from=tomorrow))) == ["Inga ändringar matchar filtren."]
    yesterday = today - timedelta(days=1)
    assert rows(browser.get(audit_url(space, date_to=yesterday))) == ["Inga ändringar matchar filtren."]


def test_a_wrong_date_range_is_named_beside_the_field_and_keeps_the_input(space: Any, browser: Client) -> None:
    page = browser.get(audit_url(space, date_from="2026-05-10", date_to="2026-05-01"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Slutdatumet måste vara samma dag som startdatumet eller senare." in html
    assert 'value="2026-05-10"' in html and 'value="2026-05-01"' in html
    nonsense = browser.get(audit_url(space, date_from="igår", action="99", actor="nobody"))
    assert nonsense.status_code == 200


def test_pages_go_by_key_and_show_every_row_once(space: Any, admin: Any, browser: Client) -> None:
    with acting_as(admin):
        bodies = [make_body(space=space, name=f"Grupp {n:03d}") for n in range(120)]
    assert len(bodies) == 120
    seen: list[str] = []
    page = browser.get(audit_url(space, action=LogEntry.Action.CREATE))
    pages = 0
    while True:
        pages += 1
        shown = [row.object_repr for row in page.context["audit_page"].rows]
        assert len(rows(page)) == len(shown)
        seen += [name for name in shown if name.startswith("Grupp")]
        older = page.context["audit_page"].older_url
        if not older:
            break
        assert "action=0" in older and "before=" in older
        page = browser.get(reverse("spaces:audit", kwargs={"space": space.slug}) + older)
    assert pages == 3
    assert seen == [f"Grupp {n:03d}" for n in reversed(range(120))]
    newer = page.context["audit_page"].newer_url
    back = browser.get(reverse("spaces:audit", kwargs={"space": space.slug}) + newer)
    assert [row.object_repr for row in back.context["audit_page"].rows] == seen[50:100]


def test_an_object_s_history_is_readable_and_filterable(space: Any, admin: Any, browser: Client) -> None:
    with acting_as(admin):
        body = make_body(space=space, name="Programråd el")
        body.name = "Programråd el och energi"
        body.save()
    url = reverse("core:history", kwargs={"model": "bodies.body", "pk": body.pk})
    page = browser.get(url)
    assert page.status_code == 200
    texts = rows(page)
    assert len(texts) == 2 and "Ändrad" in texts[0] and "Skapad" in texts[1]
    assert "Namn" in texts[0] and "Programråd el → Programråd el och energi" in texts[0]
    assert "Tillbaka till forum" in page.content.decode()
    only_changes = rows(browser.get(url + f"?action={LogEntry.Action.UPDATE}"))
    assert len(only_changes) == 1


def test_the_log_stays_for_space_admins(space: Any, make_role_user: Any) -> None:
    client = Client()
    client.force_login(make_role_user(space, "secretariat"))
    assert client.get(audit_url(space)).status_code == 403
