"""The glossary: shipped terms with their sources, the public page, the box beside other apps' forms,
and that only platform admins change it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from conftest import give_totp
from samverka.education.glossary import services
from samverka.education.glossary.loading import load_platform_terms
from samverka.education.glossary.models import Definition, Term, Topic

pytestmark = pytest.mark.django_db

REQUIRED = [
    "validering", "kartlaggning", "bedomning", "dokumentation", "erkannande", "branschvalidering",
    "kunskapsnod", "yrkeshogskola", "komvux", "sun", "ssyk", "seqf", "utbildningstillfalle",
    "utbildningsanordnare", "larlingsutbildning", "uppdragsutbildning", "csn-berattigande",
]  # fmt: skip


@pytest.fixture(autouse=True)
def terms():
    load_platform_terms()  # a transactional test elsewhere may have flushed what the migration shipped


def test_every_shipped_term_has_a_named_source_and_both_languages():
    for slug in REQUIRED:
        term = Term.objects.get(slug=slug)
        assert term.term_sv and term.term_en and term.topics.exists(), slug
        definitions = list(term.definitions.all())
        assert definitions, slug
        for definition in definitions:
            assert definition.source.strip() and definition.text_sv.strip() and definition.text_en.strip(), slug


def test_validation_has_several_actors_definitions():
    sources = set(Term.objects.get(slug="validering").definitions.values_list("source", flat=True))
    assert len(sources) >= 3
    assert any("Skollagen" in source for source in sources)


def test_loading_twice_does_not_duplicate():
    load_platform_terms()
    assert Term.objects.filter(slug="validering").count() == 1
    assert Definition.objects.filter(term__slug="kartlaggning").count() == 2


def test_public_page_works_without_login_in_swedish_and_english(client):
    response = client.get(reverse("glossary:term-list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "validering" in text and "Skollagen (2010:800) 1 kap. 3 §" in text
    assert 'id="kunskapsnod"' in text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("glossary:term-list")).content.decode()
    assert "industry validation" in english and "regardless of how they were acquired" in english


def test_public_page_filters_by_topic_and_text(client):
    url = reverse("glossary:term-list")
    by_topic = client.get(url, {"topic": "knowledge-nodes"}).content.decode()
    assert 'id="kunskapsnod"' in by_topic and 'id="komvux"' not in by_topic
    by_text = client.get(url, {"q": "ISCO"}).content.decode()
    assert 'id="ssyk"' in by_text and 'id="validering"' not in by_text
    nothing = client.get(url, {"q": "xyzzy-nothing"})
    assert nothing.status_code == 200
    # an unknown topic is a form error, not a 500: every term is shown
    unknown = client.get(url, {"topic": "<script>"})
    assert unknown.status_code == 200 and "<script>" not in unknown.content.decode().split("<main")[-1]


def test_box_beside_a_form_lists_the_topic_terms():
    with translation.override("sv"):
        html = Template('{% load glossary %}{% glossary_terms "validation" %}').render(Context({}))
    assert html.strip().startswith('<details class="glossary-box"')
    assert "branschvalidering" in html and "Myndigheten för yrkeshögskolan" in html
    assert "yrkeshögskoleexamen" not in html  # YH is an education term, not a validation one
    assert reverse("glossary:term-list") + "?topic=validation" in html


def test_box_narrowed_to_some_terms_and_empty_for_unknown_topic():
    html = Template('{% load glossary %}{% glossary_terms terms="ssyk,sun" open=True %}').render(Context({}))
    assert '<details class="glossary-box" open>' in html and "ISCO-08" in html and "validering" not in html
    assert Template('{% load glossary %}{% glossary_terms "no-such-topic" %}').render(Context({})).strip() == ""


def test_only_platform_admins_change_the_glossary(superuser, space, make_role_user):
    manager = make_role_user(space, "admin")
    term = Term(slug="kompetensforsorjning", term_sv="kompetensförsörjning", term_en="skills supply")
    with pytest.raises(PermissionDenied):
        services.term_save(term=term, actor=manager)
    assert not Term.objects.filter(slug="kompetensforsorjning").exists()
    services.term_save(term=term, actor=superuser)
    services.term_set_topics(term=term, actor=superuser, topics=Topic.objects.filter(slug="education"))
    services.definition_save(
        definition=Definition(term=term, source="Samverka", text_sv="Att rätt kompetens finns.", text_en="x"),
        actor=superuser,
    )
    assert term.definitions.count() == 1 and term.topics.get().slug == "education"
    with pytest.raises(ValidationError):
        services.definition_save(definition=Definition(term=term, source="", text_sv=""), actor=superuser)
    assert term.definitions.count() == 1


def test_admin_site_is_for_platform_admins(client, superuser, space, make_role_user):
    give_totp(superuser)
    client.force_login(superuser)
    assert client.get(reverse("admin:glossary_term_changelist")).status_code == 200
    manager = make_role_user(space, "admin", is_staff=True)
    give_totp(manager)
    client.force_login(manager)
    assert client.get(reverse("admin:glossary_term_changelist")).status_code == 403
