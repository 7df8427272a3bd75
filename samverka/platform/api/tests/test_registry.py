"""Cases, registered documents, the public diary and questions in the API: a secrecy marking never leaks
through the API, hidden cases answer 404, and the lists make a bounded number of queries."""

import base64
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import give_totp
from samverka.platform.api.tests.conftest import client_for
from samverka.records.questions.models import Question
from samverka.records.registry import services
from samverka.records.registry.models import CaseType, Direction
from samverka.records.registry.testing import make_case, make_document, make_series, pdf_upload
from samverka.testing.factories import make_body

pytestmark = pytest.mark.django_db

SECRET_SENDER = "Hemlig Avsändare"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def registry(space, other_space, make_role_user, media):
    case = make_case(space=space, title="Regeringsuppdrag om validering", public_title="Regeringsuppdrag")
    plain = make_document(case=case, subject="Uppdragsbrev", counterpart="Regeringskansliet", files=[pdf_upload()])
    marked = make_document(case=case, subject="Underlag om enskild", counterpart=SECRET_SENDER, files=[pdf_upload()])
    registrar = make_role_user(space, "registrar")
    give_totp(registrar)
    services.secrecy_mark(
        actor=registrar, document=marked, provision="OSL 21 kap. 7 §", authority="MSV KLL", masks_counterpart=True
    )
    hidden = make_case(space=other_space, series=make_series(space=other_space, code="RÖ"), title="Örebros ärende")
    return {
        "case": case,
        "plain": plain,
        "marked": marked,
        "hidden": hidden,
        "registrar": registrar,
        "member": make_role_user(space, "member"),
        "guest": make_role_user(space, "guest"),
    }


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_cases_are_for_the_spaces_insiders(registry):
    case, hidden = registry["case"], registry["hidden"]
    assert ids(client_for(registry["member"]).get("/api/v1/cases/")) == {case.pk}
    body = client_for(registry["member"]).get(f"/api/v1/cases/{case.pk}/").json()
    assert body["reference"] == case.reference and body["title"] == "Regeringsuppdrag om validering"
    for who in (None, registry["guest"]):
        assert ids(client_for(who).get("/api/v1/cases/")) == set()
        assert client_for(who).get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert client_for(registry["member"]).get(f"/api/v1/cases/{hidden.pk}/").status_code == 404


def test_a_marked_document_is_masked_and_has_no_files_without_the_grant(registry):
    marked = registry["marked"]
    member = client_for(registry["member"])
    listed = member.get("/api/v1/documents/", {"case": registry["case"].pk}).content.decode()
    detail = member.get(f"/api/v1/documents/{marked.pk}/")
    assert SECRET_SENDER not in listed and SECRET_SENDER not in detail.content.decode()
    assert detail.json()["counterpart"] == "[sekretessmarkerad]" and detail.json()["is_marked"] is True
    assert detail.json()["files"] == []
    # Searching the list by the masked name finds nothing either (there is no such filter; a query is ignored).
    plain = member.get(f"/api/v1/documents/{registry['plain'].pk}/").json()
    assert plain["counterpart"] == "Regeringskansliet" and len(plain["files"]) == 1
    # The registrar has the grant: the sender and the file.
    granted = client_for(registry["registrar"]).get(f"/api/v1/documents/{marked.pk}/").json()
    assert granted["counterpart"] == SECRET_SENDER and len(granted["files"]) == 1
    assert granted["files"][0]["sha256"] == marked.files.get().sha256


def test_full_text_search_in_the_api_follows_the_secrecy_grant(registry, space, other_space, make_role_user):
    marked, plain = registry["marked"], registry["plain"]
    member = client_for(registry["member"])
    assert ids(member.get("/api/v1/documents/", {"space": space.slug, "q": "uppdragsbrevet"})) == {plain.pk}
    # The masked sender finds nothing for a member without the grant, and the marked document for the registrar.
    assert ids(member.get("/api/v1/documents/", {"space": space.slug, "q": "Hemlig Avsändare"})) == set()
    registrar = client_for(registry["registrar"])
    assert ids(registrar.get("/api/v1/documents/", {"space": space.slug, "q": "Hemlig Avsändare"})) == {marked.pk}
    # Outside the space: nothing; without a space: a clear error.
    outsider = client_for(make_role_user(other_space, "secretariat"))
    assert ids(outsider.get("/api/v1/documents/", {"space": space.slug, "q": "uppdragsbrev"})) == set()
    assert member.get("/api/v1/documents/", {"q": "uppdragsbrev"}).status_code == 400


def test_the_public_diary_is_open_and_masked(registry, space):
    response = client_for().get("/api/v1/diary/", {"space": space.slug})
    assert response.status_code == 200
    text = response.content.decode()
    assert SECRET_SENDER not in text and "[sekretessmarkerad]" in text
    assert "Regeringsuppdrag om validering" not in text  # the internal title of a case with a public title
    rows = response.json()["results"]
    assert {row["reference"] for row in rows} == {registry["plain"].reference, registry["marked"].reference}
    assert client_for().get("/api/v1/diary/", {"space": space.slug, "q": "Hemlig"}).json()["results"] == []
    assert client_for().get("/api/v1/diary/").status_code == 400
    assert client_for().get("/api/v1/diary/", {"space": "finns-inte"}).status_code == 404


def test_questions_follow_the_bodies(space, make_role_user):
    forum = make_body(space=space, name="Branschforum Industri", is_public=True)
    council = make_body(space=space, name="Programråd El", parent=forum, is_public=False)
    question = Question.objects.create(
        space=space,
        from_body=council,
        to_body=forum,
        title="Fler platser på elprogrammet?",
        text="Vi ser ett ökat behov.",
        due_on=date.today() + timedelta(days=14),
    )
    secret = Question.objects.create(
        space=space,
        from_body=council,
        to_body=make_body(space=space, is_public=False),
        title="Internt",
        text="x",
        due_on=date.today(),
    )
    assert ids(client_for().get("/api/v1/questions/")) == {question.pk}
    assert client_for().get(f"/api/v1/questions/{secret.pk}/").status_code == 404
    assert ids(client_for(make_role_user(space, "member")).get("/api/v1/questions/")) == {question.pk, secret.pk}


def test_registry_lists_do_not_grow_in_queries(registry, space):
    client = client_for(registry["registrar"])

    def count(path, params):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, params)
        assert response.status_code == 200 and response.json()["results"]
        return len(ctx.captured_queries)

    paths = [("/api/v1/cases/", {}), ("/api/v1/documents/", {}), ("/api/v1/diary/", {"space": space.slug})]
    before = [count(path, params) for path, params in paths]
    for i in range(6):
        case = make_case(space=space, title=f"Ärende {i}", case_type=CaseType.INQUIRY)
        for _ in range(2):
            make_document(case=case, direction=Direction.OUTGOING, dispatched_on=date(2026, 4, 1), files=[pdf_upload()])
    assert [count(path, params) for path, params in paths] == before
    assert max(before) <= 12


def test_the_diary_is_paged_by_a_cursor_and_refuses_bad_input(space):
    case = make_case(space=space, title="Ärende")
    documents = [make_document(case=case, subject=f"Handling {i}") for i in range(7)]
    newest_first = [d.reference for d in reversed(documents)]
    client = client_for()
    # Walking the next links gives every row once, newest first; the previous link goes back.
    seen, url, params = [], "/api/v1/diary/", {"space": space.slug, "page_size": 3}
    while url:
        body = client.get(url, params).json()
        seen += [row["reference"] for row in body["results"]]
        url, params = body["next"], None
    assert seen == newest_first
    last = client.get("/api/v1/diary/", {"space": space.slug, "page_size": 3}).json()
    second = client.get(last["next"]).json()
    assert [r["reference"] for r in client.get(second["previous"]).json()["results"]] == newest_first[:3]
    # A tampered or garbled cursor is a 400, never a 500.
    for cursor in ("nonsense!", "cD1hYmM=", "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ==", "bz0teA=="):
        response = client.get("/api/v1/diary/", {"space": space.slug, "cursor": cursor})
        assert response.status_code == 400, (cursor, response.content)
    # A cursor past the end gives the last page; a huge page size is capped.
    past_end = base64.b64encode(b"p=%5B0%2C+0%5D").decode()  # p=[0, 0]: older than every registration
    rows = client.get("/api/v1/diary/", {"space": space.slug, "cursor": past_end, "page_size": 3}).json()["results"]
    assert [row["reference"] for row in rows] == newest_first[-3:]
    assert len(client.get("/api/v1/diary/", {"space": space.slug, "page_size": 10**9}).json()["results"]) == 7
    assert client.get("/api/v1/diary/", {"space": space.slug, "year": "99999999999"}).status_code == 400
