"""The global search finds what each person may see and nothing else, in a bounded number of queries."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import give_totp
from samverka.collaboration.events.models import Event, EventStatus
from samverka.collaboration.meetings import services as meeting_services
from samverka.collaboration.meetings.tests.follow_up_helpers import held_meeting
from samverka.insight.analyses.models import Analysis, AnalysisStatus
from samverka.insight.statistics.models import Dataset
from samverka.platform.search import selectors
from samverka.records.questions.models import Question
from samverka.records.registry import services as registry_services
from samverka.records.registry.testing import make_case, make_document
from samverka.steering.goals.models import Goal, GoalKind
from samverka.steering.workplans.models import WorkPlan
from samverka.testing import factories

pytestmark = pytest.mark.django_db
SEARCH = "/search/"
WORD = "Valideringslyftet"


def make_everything(space, *, public: bool, word: str = WORD, n: int = 1, tag: str = ""):
    """One object of every kind per ``n``, each titled with ``word``; public or internal."""
    now = timezone.now()
    for i in range(n):
        suffix = f"{tag}{i}"
        body = factories.make_body(space=space, name=f"{word} grupp {suffix}", is_public=public)
        meeting = held_meeting(body, title=f"{word} möte {suffix}", start=now + timedelta(days=3))
        meeting_services.decision_create(actor=None, meeting=meeting, text=f"{word} beslut {suffix}")
        other = factories.make_body(space=space, name=f"Mottagare {suffix}", is_public=public)
        Question.objects.create(
            space=space,
            from_body=body,
            to_body=other,
            title=f"{word} fråga {suffix}",
            text="?",
            due_on=date(2026, 12, 1),
        )
        Goal.objects.create(
            space=space,
            year=2026,
            kind=GoalKind.EFFECT,
            code=f"E{suffix}",
            title=f"{word} mål {suffix}",
            is_public=public,
        )
        WorkPlan.objects.create(body=body, year=2026, purpose=f"{word} plan {suffix}")
        Dataset.objects.create(
            space=space,
            slug=f"data-{space.slug}-{suffix}",
            title=f"{word} statistik {suffix}",
            source="csv",
            is_public=public,
        )
        Analysis.objects.create(
            space=space,
            title=f"{word} analys {suffix}",
            summary="Sammanfattning",
            status=AnalysisStatus.PUBLISHED,
            is_public=public,
        )
        Event.objects.create(
            space=space,
            kind="conference",
            title=f"{word} konferens {suffix}",
            start=now + timedelta(days=30),
            end=now + timedelta(days=30, hours=3),
            status=EventStatus.PUBLISHED,
            published_at=now,
            is_public=public,
        )
        case = make_case(space=space, title=f"{word} ärende {suffix}")
        make_document(case=case, subject=f"{word} skrivelse {suffix}")


def hits(html):
    """(kind, title) of every hit on the page."""
    found = []
    for kind, section in re.findall(r'<section aria-labelledby="hits-(\w+)".*?>(.*?)</section>', html, re.S):
        for title in re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section):
            found.append((kind, unescape(title)))
    return found


def search(client, query=WORD, **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_finds_only_public_things(client, space, other_space):
    make_everything(space, public=True, tag="pub")
    make_everything(other_space, public=False, tag="int")
    page = search(client)
    found = hits(page)
    # Registrations are public in each space's public diary (masked where marked); nothing else internal shows.
    titles = [t for k, t in found if k != "registry"]
    assert not [t for t in titles if "int" in t], titles
    registry = re.search(r'<section aria-labelledby="hits-registry".*?</section>', page, re.S).group(0)
    assert "/diary/?q=" in registry and "/registry/" not in registry
    kinds = {k for k, _t in found}
    # Public bodies, their meetings and decisions and questions, public goals, datasets, analyses, events,
    # and the public diary; work plans of public bodies too.
    assert kinds >= {"bodies", "meetings", "decisions", "questions", "goals", "workplans", "datasets", "analyses"}
    assert "events" in kinds and "registry" in kinds
    assert "Du är inte inloggad" in page


def test_an_insider_finds_their_spaces_internal_things_but_not_another_spaces(client, space, other_space):
    make_everything(space, public=False, tag="mine")
    make_everything(other_space, public=False, tag="theirs")
    client.force_login(factories.make_user(role_in=space, role="member"))
    page = search(client)
    titles = [t for _k, t in hits(page)]
    assert any("mine" in t for t in titles)
    # Only the other space's public diary (a public registration) is found there.
    assert [t for t in titles if "theirs" in t] == ["MSV 2026/0001-1 Valideringslyftet skrivelse theirs0"]
    assert f"/s/{other_space.slug}/diary/?q=" in page and f"/s/{other_space.slug}/registry/" not in page
    assert any(t.startswith("MSV ") and "ärende mine" in t for t in titles)  # a case of their own registry


def test_the_registry_is_searched_with_its_own_secrecy_rules(client, space, make_role_user):
    case = make_case(space=space, title="Uppdrag om validering", public_title="Uppdrag inom kompetensförsörjning")
    document = make_document(case=case, subject="Hemlig yttrandebilaga", counterpart="Källa Karlsson")
    registrar = make_role_user(space, "registrar")
    give_totp(registrar)
    registry_services.secrecy_mark(
        actor=registrar,
        document=document,
        provision="OSL 21 kap. 7 §",
        authority="Myndigheten",
        masks_subject=True,
        masks_counterpart=True,
    )
    # A member without the secrecy grant: the masked subject is never matched.
    client.force_login(make_role_user(space, "member"))
    assert not [h for h in hits(search(client, "yttrandebilaga")) if h[0] == "registry"]
    assert [h for h in hits(search(client, "validering")) if h[0] == "registry"]
    # The registrar (granted) finds it.
    client.logout()
    client.force_login(registrar)
    assert [h for h in hits(search(client, "yttrandebilaga")) if h[0] == "registry"]
    # The public: neither the masked subject nor the internal title of a case that has a public title.
    client.logout()
    assert not [h for h in hits(search(client, "yttrandebilaga")) if h[0] == "registry"]
    assert not [h for h in hits(search(client, "validering")) if h[0] == "registry"]
    public = [h for h in hits(search(client, "kompetensförsörjning")) if h[0] == "registry"]
    assert public and all("[sekretessmarkerad]" in title for _k, title in public)


@pytest.mark.parametrize("who", ["anonymous", "member", "guest"])
def test_every_hit_opens_for_the_person_who_found_it(client, space, other_space, who):
    make_everything(space, public=True, tag="pub")
    make_everything(space, public=False, tag="int")
    make_everything(other_space, public=False, tag="other")
    if who != "anonymous":
        client.force_login(factories.make_user(role_in=space, role=who))
    html = search(client)
    links = re.findall(r'<ul class="search-hits">(.*?)</ul>', html, re.S)
    urls = [unescape(u) for block in links for u in re.findall(r'<a href="([^"]+)"', block)]
    assert urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_kinds_with_many_hits_are_limited_and_paginated(client, space):
    for i in range(selectors.LIMIT + 3):
        factories.make_body(space=space, name=f"{WORD} {i:02d}", is_public=True)
    page = search(client)
    bodies = [t for k, t in hits(page) if k == "bodies"]
    assert len(bodies) == selectors.LIMIT
    assert "kind=bodies" in page
    full = search(client, kind="bodies")
    assert len(re.findall(rf"<li><a [^>]*>{WORD} \d\d<", full)) == selectors.LIMIT + 3
    assert f"{selectors.LIMIT + 3} träffar" in full


def test_an_empty_or_odd_query_finds_nothing_and_fails_nothing(client, space):
    assert hits(search(client, "")) == []
    assert hits(search(client, "%_'\";--")) == []
    assert "Inget matchar" in search(client, "zzzqqq")
    assert client.get(SEARCH, {"q": WORD, "kind": "nonsense"}).status_code == 200


def test_swedish_letters_match_whatever_their_case(client, space):
    factories.make_body(space=space, name="Örebro läns branschråd", is_public=True)
    assert [t for k, t in hits(search(client, "örebro")) if k == "bodies"] == ["Örebro läns branschråd"]
    assert [t for k, t in hits(search(client, "BRANSCHRÅD")) if k == "bodies"] == ["Örebro läns branschråd"]


def test_the_header_has_the_search_box_on_every_page(client, space):
    for url in ("/", f"/s/{space.slug}/", SEARCH):
        html = client.get(url).content.decode()
        assert '<form class="site-search" method="get" action="/search/" role="search">' in html


@pytest.mark.parametrize("who", ["anonymous", "member", "secretariat"])
def test_search_queries_are_bounded_and_do_not_grow(client, space, other_space, who):
    make_everything(space, public=False, n=2, tag="s")
    make_everything(other_space, public=True, n=2, tag="s")
    if who != "anonymous":
        client.force_login(factories.make_user(role_in=space, role=who))
    with CaptureQueriesContext(connection) as small:
        search(client)
    make_everything(space, public=False, n=12, tag="l")
    make_everything(other_space, public=True, n=12, tag="l")
    with CaptureQueriesContext(connection) as large:
        search(client)
    assert len(small) <= 30, len(small)
    assert len(small) == len(large)
