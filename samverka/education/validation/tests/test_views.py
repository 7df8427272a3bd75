"""The validation pages as each kind of person sees them: who gets the page, who 403, who 404; what the public
search finds; a municipal editor refused another municipality's offer with nothing changed; query counts
that do not grow with the data."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.education.validation.models import ValidationOffer, ValidationOutcome
from samverka.education.validation.tests.conftest import make_offer, make_outcome
from samverka.platform.core.models import Municipality

pytestmark = pytest.mark.django_db


def as_user(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def space_url(world, name, **kwargs):
    return reverse(f"validation:{name}", kwargs={"space": world.space.slug, **kwargs})


#: page → who gets it (200); everyone else signed in gets 403, anonymous the login page.
PAGES = {
    "offer-list": {"admin", "analyst", "member", "editor", "superuser"},
    "offer-create": {"admin", "editor", "superuser"},
    "outcome-list": {"admin", "analyst", "member", "editor", "superuser"},
    "outcome-create": {"admin", "analyst", "superuser"},
    "outcome-upload": {"admin", "analyst", "superuser"},
    "outcome-template": {"admin", "analyst", "superuser"},
    "outcome-export-csv": {"admin", "analyst", "member", "editor", "superuser"},
    "settings": {"admin", "superuser"},
    "participant-list": {"admin", "analyst", "superuser"},
    "public-outcomes": {None, "admin", "analyst", "member", "editor", "guest", "outsider", "superuser"},
    "public-outcomes-xlsx": {None, "admin", "analyst", "member", "editor", "guest", "outsider", "superuser"},
}
PEOPLE = (None, "admin", "analyst", "member", "editor", "guest", "outsider", "superuser")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_space_page_answers_each_person_as_its_rule_says(world, name):
    for who in PEOPLE:
        response = as_user(getattr(world, who) if who else None).get(space_url(world, name))
        if who in PAGES[name]:
            assert response.status_code == 200, (name, who)
        elif who is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (name, who)
        else:
            assert response.status_code == 403, (name, who)


def test_an_unpublished_offer_is_hidden_from_the_public_and_other_spaces(world):
    for url in (world.hidden.get_public_url(), world.hidden.get_absolute_url()):
        for who in (None, "guest", "outsider"):
            assert as_user(getattr(world, who) if who else None).get(url).status_code in (404, 302), (url, who)
        assert as_user(world.member).get(url).status_code == 200
    assert as_user(None).get(world.published.get_public_url()).status_code == 200
    # Another space's offer under this space's address: 404 even for the platform admin's neighbours.
    other = reverse("validation:offer-detail", kwargs={"space": world.space.slug, "pk": world.other_offer.pk})
    assert as_user(world.admin).get(other).status_code == 404


def test_outcome_rows_are_for_insiders_only(world):
    url = space_url(world, "outcome-edit", pk=world.outcome.pk)
    assert as_user(world.analyst).get(url).status_code == 200
    assert as_user(world.member).get(url).status_code == 403
    assert as_user(world.outsider).get(url).status_code == 404
    assert as_user(world.guest).get(url).status_code == 404
    other = space_url(world, "outcome-edit", pk=world.other_outcome.pk)
    assert as_user(world.analyst).get(other).status_code == 404
    listing = as_user(world.member).get(space_url(world, "outcome-list")).content.decode()
    assert "Eskilstuna vuxenutbildning" in listing
    assert list(ValidationOutcome.objects.restrict(world.guest)) == []


def test_the_public_search_finds_offers_by_occupation_without_javascript(world):
    client = Client()
    page = client.get(reverse("validation:search"), {"q": "undersköterska"}).content.decode()
    assert world.published.title in page and world.katrineholm.title in page
    assert world.hidden.title not in page and world.other_offer.title not in page
    page = client.get(reverse("validation:search"), {"q": "undersköterska", "municipality": "0483"}).content.decode()
    assert world.katrineholm.title in page and world.published.title not in page
    page = client.get(reverse("validation:search"), {"q": "svetsare"}).content.decode()
    assert "Inget valideringserbjudande matchar" in page
    empty = client.get(reverse("validation:search")).content.decode()
    assert '<form method="get"' in empty
    assert ">Alla län</option>" in empty and ">Alla kommuner</option>" in empty and "---------" not in empty


def test_a_municipal_editor_editing_another_municipalitys_offer_is_refused_and_nothing_changes(world):
    client = as_user(world.editor)
    before = list(ValidationOffer.objects.order_by("pk").values())
    url = space_url(world, "offer-edit", pk=world.katrineholm.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Ändrad", "kind": "other"}).status_code == 403
    # Their own offer moved to another municipality: refused beside the field, nothing saved.
    own = space_url(world, "offer-edit", pk=world.published.pk)
    response = client.post(own, {"title": "Ändrad", "kind": "industry", "municipality": "0483"})
    assert response.status_code == 200
    assert "din egen kommun" in response.content.decode()
    assert list(ValidationOffer.objects.order_by("pk").values()) == before


def test_forms_keep_what_was_typed_and_show_the_error_beside_the_field(world):
    client = as_user(world.analyst)
    response = client.post(
        space_url(world, "outcome-create"),
        {
            "year": "2024",
            "ssyk_code": "5321",
            "provider_name": "Strängnäs vux",
            "started_women": "3",
            "completed_women": "4",
            **dict.fromkeys(("started_men", "completed_men"), "0"),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Strängnäs vux" in page
    assert "Fler avslutade (4) än startade (3)" in page
    assert not ValidationOutcome.objects.filter(provider_name="Strängnäs vux").exists()
    response = as_user(world.admin).post(
        space_url(world, "offer-create"), {"title": "Ny validering", "kind": "other", "ssyk_codes": "5321, 12"}
    )
    assert response.status_code == 200 and "Okända SSYK 2012-koder: 12" in response.content.decode()


def test_an_analyst_records_figures_and_a_coordinator_adds_an_offer(world):
    response = as_user(world.analyst).post(
        space_url(world, "outcome-create"),
        {
            "year": "2024",
            "industry_model": "Teknikcollege",
            "municipality": "0486",
            "started_men": "7",
            "completed_men": "6",
            "started_women": "0",
            "completed_women": "0",
        },
    )
    assert response.status_code == 302
    assert ValidationOutcome.objects.get(municipality_id="0486").completed_men == 6
    response = as_user(world.admin).post(
        space_url(world, "offer-create"),
        {
            "title": "Validering svetsare",
            "kind": "industry",
            "ssyk_codes": "7212",
            "municipality": "0484",
            "is_published": "on",
        },
    )
    offer = ValidationOffer.objects.get(title="Validering svetsare")
    assert response.status_code == 302 and response["Location"] == offer.get_absolute_url()
    assert offer.ssyk_codes == ["7212"]
    assert offer.title in Client().get(reverse("validation:search"), {"q": "svetsare"}).content.decode()


def _grow(world, n):
    for i in range(n):
        offer = make_offer(world.space, f"Validering {i}", ssyk_codes=["5321", "5323"])
        make_outcome(world.space, year=2010 + i, offer=offer, municipality=Municipality.objects.get(code="0480"))


@pytest.mark.parametrize(
    "url",
    ["search", "offer-list", "outcome-list", "public-outcomes", "outcome-export-csv"],
)
def test_query_counts_do_not_grow_with_the_data(world, url):
    client = as_user(world.analyst)

    def count():
        target = reverse("validation:search") if url == "search" else space_url(world, url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        return len(queries)

    small = count()
    _grow(world, 8)
    assert count() == small
    assert small <= 20
