"""The EMIL3 import page: who may see and start runs, what a run's page shows (progress, counts, the items
left out by id, the raw pages received)."""

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import give_totp
from samverka.education.catalogue.emil3 import SORMLAND_BAD, SORMLAND_FULL
from samverka.education.catalogue.models import ImportRun, ImportStatus, Offering
from samverka.education.catalogue.services.emil3 import DirectorySource, import_emil3
from samverka.testing import factories

pytestmark = pytest.mark.django_db


def url(name: str, space: Any, **kwargs: Any) -> str:
    return reverse(f"catalogue:{name}", kwargs={"space": space.slug, **kwargs})


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin(space: Any, make_role_user: Any) -> Any:
    """The space's admin (two-factor, as the role requires), reading the pages in English."""
    user = make_role_user(space, "admin", language="en")
    give_totp(user)
    return user


@pytest.fixture
def runs(space: Any) -> tuple[ImportRun, ImportRun]:
    full = import_emil3(space=space, source=DirectorySource(SORMLAND_FULL))
    bad = import_emil3(space=space, source=DirectorySource(SORMLAND_BAD))
    return full, bad


def every_page(space: Any, run: ImportRun) -> list[str]:
    page = run.pages.first()
    assert page is not None
    return [
        url("import-list", space),
        url("import-detail", space, pk=run.pk),
        url("import-page", space, pk=run.pk, page=page.pk),
    ]


@pytest.mark.parametrize("role", ["analyst", "member", "guest"])
def test_only_those_who_run_the_space_see_the_import_pages(
    space: Any, runs: Any, make_role_user: Any, role: str
) -> None:
    client = signed_in(make_role_user(space, role))
    for address in every_page(space, runs[0]):
        assert client.get(address).status_code == 403, address
    assert client.post(url("import-start", space)).status_code == 403
    assert ImportRun.objects.count() == 2


def test_a_municipal_editor_may_not_run_imports(space: Any, runs: Any) -> None:
    from samverka.education.catalogue.models import MunicipalEditor

    editor = factories.make_user(role_in=space, role="member")
    MunicipalEditor.objects.create(space=space, user=editor, municipality_id="0484")
    client = signed_in(editor)

    for address in every_page(space, runs[0]):
        assert client.get(address).status_code == 403, address
    assert client.post(url("import-start", space)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(space: Any, runs: Any) -> None:
    for address in every_page(space, runs[0]):
        response = Client().get(address)
        assert response.status_code == 302 and "login" in response["Location"], address


def test_another_space_admin_gets_nothing(space: Any, other_space: Any, runs: Any, make_role_user: Any) -> None:
    other = make_role_user(other_space, "admin")
    give_totp(other)
    other_admin = signed_in(other)
    for address in every_page(space, runs[0]):
        assert other_admin.get(address).status_code == 403
    # Through their own space's address, this space's run is not found.
    assert other_admin.get(url("import-detail", other_space, pk=runs[0].pk)).status_code == 404


def test_the_list_shows_each_run_with_its_counts(space: Any, runs: Any, admin: Any) -> None:
    response = signed_in(admin).get(url("import-list", space))

    assert response.status_code == 200
    text = response.content.decode()
    assert "88 / 0 / 0" in text  # the full run's new / changed / removed offerings
    assert url("import-detail", space, pk=runs[1].pk) in text
    assert "the shipped synthetic Sörmland fixtures" in text


def test_a_run_page_names_each_item_left_out_and_its_pages(space: Any, runs: Any, admin: Any) -> None:
    bad = runs[1]
    response = signed_in(admin).get(url("import-detail", space, pk=bad.pk))

    assert response.status_code == 200
    text = response.content.decode()
    for problem in bad.problems:
        assert f"<code>{problem['id']}</code>" in text
        assert problem["message"].replace("'", "&#x27;") in text
    assert "Unknown SUN 2020 field 999q." in text
    assert "educationEvents, page 0" in text
    page = bad.pages.get(endpoint="educationInfos", page=0)
    raw = signed_in(admin).get(url("import-page", space, pk=bad.pk, page=page.pk))
    assert raw["Content-Type"].startswith("application/json")
    assert json.loads(raw.content) == json.loads((SORMLAND_BAD / "educationInfos-page-0.json").read_bytes())


def test_the_button_runs_an_import_from_the_shipped_fixtures(
    space: Any, admin: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in(admin)

    with django_capture_on_commit_callbacks(execute=True):  # the task runs after the commit, in-process
        started = client.post(url("import-start", space))

    run = ImportRun.objects.get(space=space)
    assert started["Location"] == url("import-detail", space, pk=run.pk)
    response = client.get(started["Location"])
    assert run.status == ImportStatus.DONE and run.started_by == admin
    assert run.done == run.total == 174
    assert Offering.objects.filter(space=space).count() == 88
    text = response.content.decode()
    assert "174 of 174 items handled" in text and "Done" in text
    assert 'http-equiv="refresh"' not in text  # finished: no more polling


def test_a_running_run_is_followed_and_a_second_is_refused(space: Any, admin: Any) -> None:
    running = ImportRun.objects.create(space=space, started_by=admin, total=300, done=120)
    client = signed_in(admin)

    page = client.get(url("import-detail", space, pk=running.pk)).content.decode()
    assert 'http-equiv="refresh"' in page and "120 of 300 items handled" in page
    partial = client.get(url("import-detail", space, pk=running.pk), headers={"HX-Request": "true"})
    assert partial.content.decode().startswith('<div id="import-progress"')
    assert 'hx-trigger="every 1s"' in partial.content.decode()

    response = client.post(url("import-start", space), follow=True)

    assert "already under way" in response.content.decode()
    assert ImportRun.objects.filter(space=space).count() == 1


def test_the_page_is_swedish_by_default(space: Any, runs: Any, make_role_user: Any) -> None:
    swedish = make_role_user(space, "admin")
    give_totp(swedish)

    text = signed_in(swedish).get(url("import-detail", space, pk=runs[1].pk)).content.decode()

    assert "Utelämnade poster" in text and "Mottagna sidor" in text and "Utanför länet" in text


def test_a_space_without_a_county_has_nothing_to_import(national_space: Any, make_role_user: Any) -> None:
    admin = make_role_user(national_space, "admin", language="en")
    give_totp(admin)
    client = signed_in(admin)

    text = client.get(url("import-list", national_space)).content.decode()
    assert "Only a regional space (one with a county)" in text
    assert url("import-start", national_space) not in text

    response = client.post(url("import-start", national_space), follow=True)

    assert "Only a regional space (one with a county)" in response.content.decode()
    assert not ImportRun.objects.exists()
