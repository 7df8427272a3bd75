"""The public education search, as a visitor without an account sees it (no JavaScript: plain GET forms).

Each filter narrows the list to what it says; hidden offerings (unpublished, removed by the feed, over,
cancelled, another space's drafts) never show, whatever is asked; the addresses are stable (the filters in
the query string, pages by key); the number of queries does not grow with the data; the Atom feed and the
ICS hold what they say; English when chosen.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samverka.education.catalogue.tests.factories import days, make_education, make_offering, make_provider

pytestmark = pytest.mark.django_db

SEARCH = "/educations/"


def titles(response) -> list[str]:
    """The titles of the offerings listed on a search page, in order."""
    return [offering.education.title for offering in response.context["page"].rows]


@pytest.fixture
def anon() -> Client:
    return Client()


def test_the_search_page_has_a_stable_address_and_a_get_form(anon, space):
    make_offering(space=space, education=make_education(space=space, title="Undersköterska"))
    assert reverse("catalogue:public-search") == SEARCH
    response = anon.get(SEARCH)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/educations/"' in html
    assert 'name="q"' in html and 'name="county"' in html and 'name="open"' in html
    assert "Undersköterska" in html
    assert "Hitta en utbildning" in html


def test_free_text_matches_title_provider_and_place(anon, space):
    provider = make_provider(space=space, name="Vuxenutbildningen Eskilstuna")
    make_offering(space=space, education=make_education(space=space, provider=provider, title="Svetsare"))
    make_offering(
        space=space, education=make_education(space=space, title="Kock"), municipality="0480", locality="Nyköping"
    )
    assert titles(anon.get(SEARCH, {"q": "svets"})) == ["Svetsare"]
    assert titles(anon.get(SEARCH, {"q": "VUXENUTBILDNINGEN svetsare"})) == ["Svetsare"]
    assert titles(anon.get(SEARCH, {"q": "nyköping"})) == ["Kock"]
    assert titles(anon.get(SEARCH, {"q": "snickare"})) == []


def test_each_filter_narrows_to_what_it_says(anon, space):
    def offering(title: str, education: dict | None = None, **fields):
        return make_offering(
            space=space, education=make_education(space=space, title=title, **(education or {})), **fields
        )

    offering("YH Automation", {"school_type": "YH", "sun_field": "523", "leads_to_degree": True, "csn_eligible": True})
    offering("Vård Nyköping", {"school_type": "VUXGY", "sun_field": "723"}, municipality="0480")
    offering("Distans Umeå", municipality="2480", is_distance=True)
    offering("Senare start", start_date=days(120), end_date=days(300))
    offering("Halvfart", pace_percent=50)
    offering("Stängd ansökan", application_opens=days(-40), application_closes=days(-5))
    offering("Löpande", application_opens=None, application_closes=None, continuous_admission=True)
    offering("Undersköterska", {"occupations": ("5321",)})
    offering("Lokal yrkeskod", local_occupations=("5330",))

    def found(**params):
        return set(titles(anon.get(SEARCH, params)))

    assert found(type="YH") == {"YH Automation"}
    assert found(type=["YH", "VUXGY"]) == {"YH Automation", "Vård Nyköping"}
    assert found(municipality="0480") == {"Vård Nyköping"}
    assert found(municipality="0480", distance="on") == {"Vård Nyköping", "Distans Umeå"}
    assert "Distans Umeå" not in found(county="04")
    assert "Distans Umeå" in found(county="04", distance="on")
    assert found(county="24") == {"Distans Umeå"}
    assert found(start_from=days(100).isoformat()) == {"Senare start"}
    assert "Senare start" not in found(start_to=days(60).isoformat())
    opened = found(open="on")
    assert "Stängd ansökan" not in opened and {"Löpande", "YH Automation"} <= opened
    assert found(pace="part") == {"Halvfart"}
    assert "Halvfart" not in found(pace="full")
    assert found(sun="52") == {"YH Automation"}
    assert found(sun="72") == {"Vård Nyköping"}
    assert found(occupation="5321") == {"Undersköterska"}
    assert found(occupation="53") == {"Undersköterska", "Lokal yrkeskod"}
    assert found(occupation="undersköterskor") >= {"Undersköterska"}
    assert found(degree="on") == {"YH Automation"}
    assert found(csn="on") == {"YH Automation"}


def test_a_wrong_filter_is_named_beside_its_field_and_the_rest_still_applies(anon, space):
    make_offering(space=space, education=make_education(space=space, title="Svetsare"))
    make_offering(space=space, education=make_education(space=space, title="Kock"))
    response = anon.get(
        SEARCH,
        {
            "q": "svets",
            "start_from": "not a date",
            "occupation": "astronautpilot",
            "county": "04",
            "municipality": "2480",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"start_from", "occupation", "municipality"}
    html = response.content.decode()
    assert "astronautpilot" in html  # what the visitor typed is kept
    assert "errorlist" in html
    assert titles(response) == ["Svetsare"]


def test_hidden_offerings_never_show(anon, space, other_space):
    make_offering(space=space, education=make_education(space=space, title="Synlig"))
    make_offering(space=space, education=make_education(space=space, title="Opublicerad"), is_published=False)
    make_offering(space=space, education=make_education(space=space, title="Borttagen"), removed_at=timezone.now())
    make_offering(
        space=space, education=make_education(space=space, title="Avslutad"), start_date=days(-200), end_date=days(-1)
    )
    make_offering(space=space, education=make_education(space=space, title="Inställd"), is_cancelled=True)
    make_offering(
        space=other_space,
        education=make_education(space=other_space, title="Utkast i Örebro", is_published=False),
        municipality="1880",
    )
    hidden = ["Opublicerad", "Borttagen", "Avslutad", "Inställd", "Utkast i Örebro"]
    assert titles(anon.get(SEARCH)) == ["Synlig"]
    for title in hidden:
        assert titles(anon.get(SEARCH, {"q": title.split()[0].lower()})) == []
    from samverka.education.catalogue.models import Offering

    for offering in Offering.objects.exclude(education__title="Synlig"):
        assert anon.get(offering.get_public_url()).status_code == 404
        assert offering.education.title not in anon.get("/educations/feed/").content.decode()
        assert offering.education.title not in anon.get("/educations/deadlines.ics").content.decode()


def test_pages_go_by_key_in_start_order_and_the_address_keeps_the_filters(anon, space):
    for n in range(45):
        make_offering(
            space=space,
            education=make_education(space=space, title=f"Kurs {n:02d}"),
            start_date=days(10 + n // 2),
            end_date=days(300),
        )
    make_offering(
        space=space, education=make_education(space=space, title="Kurs utan start"), start_date=None, end_date=days(300)
    )
    seen = []
    response = anon.get(SEARCH, {"q": "kurs"})
    pages = 0
    while True:
        pages += 1
        seen += titles(response)
        next_url = response.context["next_url"]
        if not next_url:
            break
        assert "q=kurs" in next_url and "after=" in next_url
        response = anon.get(SEARCH + next_url)
        assert response.context["page"].count == 46
    assert pages == 3
    assert seen == [f"Kurs {n:02d}" for n in range(45)] + ["Kurs utan start"]
    # A key that names nothing, or garbage, shows the first page instead of failing.
    assert titles(anon.get(SEARCH, {"q": "kurs", "after": "garbage"}))[:1] == ["Kurs 00"]


def _grow(space, n: int, start: int) -> None:
    for i in range(start, start + n):
        provider = make_provider(space=space, name=f"Anordnare {i}")
        education = make_education(space=space, provider=provider, title=f"Utbildning {i}", occupations=("5321",))
        make_offering(space=space, education=education, local_occupations=("5330",))


def test_query_count_does_not_grow_with_the_data(anon, space):
    params = {"q": "utbildning", "county": "04", "open": "on", "occupation": "53", "type": "VUX"}

    def count(url: str, query: dict) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = anon.get(url, query)
        assert response.status_code == 200
        return len(captured)

    _grow(space, 3, 0)
    small = {
        url: count(url, params)
        for url in (SEARCH, "/educations/map/", "/educations/feed/", "/educations/deadlines.ics")
    }
    _grow(space, 30, 100)
    large = {url: count(url, params) for url in small}
    assert small == large
    assert max(large.values()) <= 20, large
    assert len(anon.get(SEARCH, params).context["page"].rows) == 20


def test_the_offering_page_says_what_where_when_how_who_and_where_from(anon, space):
    provider = make_provider(space=space, name="Yrkeshögskolan Mälardalen", email="info@yh.example.se")
    education = make_education(
        space=space,
        provider=provider,
        title="Automationstekniker",
        school_type="YH",
        description="Lär dig styra robotar.",
        occupations=("3113",),
        leads_to_degree=True,
    )
    offering = make_offering(
        space=space,
        education=education,
        source="emil3",
        source_id="E-1",
        pace_percent=75,
        is_distance=True,
        onsite_sessions=4,
    )
    response = anon.get(offering.get_public_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Automationstekniker",
        "Lär dig styra robotar.",
        "Yrkeshögskolan Mälardalen",
        "Eskilstuna",
        "75 %",
        "3113",
        "EMIL3",
    ):
        assert text in html, text
    assert reverse("catalogue:public-provider", kwargs={"pk": provider.pk}) in html
    provider_page = anon.get(reverse("catalogue:public-provider", kwargs={"pk": provider.pk}))
    assert provider_page.status_code == 200 and "Automationstekniker" in provider_page.content.decode()


def test_the_map_shades_the_county_and_lists_every_municipality(anon, space):
    make_offering(space=space, municipality="0484")
    make_offering(space=space, municipality="0484")
    make_offering(space=space, municipality="0480")
    response = anon.get("/educations/map/", {"county": "04"})
    assert response.status_code == 200
    rows = {row["name"]: row["count"] for row in response.context["rows"]}
    assert rows["Eskilstuna"] == 2 and rows["Nyköping"] == 1 and rows["Flen"] == 0
    assert len(rows) == 9
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html and "<table" in html
    national = anon.get("/educations/map/")
    assert {row["name"]: row["count"] for row in national.context["rows"]}["Södermanlands län"] == 3


def test_the_atom_feed_lists_new_offerings_with_their_links(anon, space):
    older = make_offering(space=space, education=make_education(space=space, title="Äldre kurs"))
    newer = make_offering(space=space, education=make_education(space=space, title="Ny kurs"))
    from samverka.education.catalogue.models import Offering

    Offering.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    response = anon.get("/educations/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.index("Ny kurs") < body.index("Äldre kurs")
    assert newer.get_public_url() in body
    filtered = anon.get("/educations/feed/", {"q": "ny"}).content.decode()
    assert "Ny kurs" in filtered and "Äldre kurs" not in filtered


def test_the_ics_holds_each_coming_application_deadline(anon, space):
    soon = make_offering(space=space, education=make_education(space=space, title="Snart"), application_closes=days(3))
    make_offering(space=space, education=make_education(space=space, title="Passerad"), application_closes=days(-2))
    make_offering(
        space=space,
        education=make_education(space=space, title="Löpande"),
        application_closes=None,
        continuous_admission=True,
    )
    response = anon.get("/educations/deadlines.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert "Snart" in str(event["summary"])
    assert event.decoded("dtstart").date() == days(3)
    assert str(event["url"]).endswith(soon.get_public_url())
    assert anon.get("/educations/deadlines.ics").content == response.content  # byte-identical between requests


def test_swedish_by_default_and_english_when_chosen(anon, space):
    make_offering(space=space)
    swedish = anon.get(SEARCH)
    assert swedish["Content-Language"] == "sv"
    assert "Hitta en utbildning" in swedish.content.decode() and "Öppen för ansökan nu" in swedish.content.decode()
    anon.post("/i18n/setlang/", {"language": "en", "next": SEARCH})
    response = anon.get(SEARCH)
    assert response["Content-Language"] == "en"
    assert "Find an education" in response.content.decode()
    assert "Open for application now" in response.content.decode()
