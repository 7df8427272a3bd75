"""Keyset pagination, the capped count and the string-built select (core helpers, over the geography)."""

import pytest
from django import forms
from django.core import signing
from django.core.exceptions import BadRequest
from django.http import QueryDict

from samverka.platform.core.forms import FastSelect
from samverka.platform.core.keyset import capped_count, keyset_page
from samverka.platform.core.models import Municipality

pytestmark = pytest.mark.django_db


def page(cursor=None, salt="test"):
    return keyset_page(
        Municipality.objects.all(),
        fields=("name", "code"),
        key=lambda m: (m.name, m.code),
        cursor=cursor,
        per_page=100,
        salt=salt,
    )


def test_pages_walk_every_row_once_forwards_and_back():
    expected = list(Municipality.objects.order_by("name", "code").values_list("code", flat=True))
    pages = [page()]
    while pages[-1].has_next:
        pages.append(page(pages[-1].next_cursor))
    assert [m.code for p in pages for m in p] == expected and len(pages) == 3
    assert pages[0].is_first and not pages[0].has_previous and not pages[-1].has_next
    back = page(pages[-1].previous_cursor)
    assert [m.code for m in back] == [m.code for m in pages[-2]]
    assert page(pages[1].previous_cursor).is_first


def test_links_keep_the_other_parameters():
    links = page(page().next_cursor).links(QueryDict("q=a&cursor=old"))
    assert set(links) == {"first", "previous", "next"}
    assert QueryDict(links["next"])["q"] == "a" and "cursor" not in QueryDict(links["first"])


@pytest.mark.parametrize(
    "cursor",
    [
        "nonsense",
        "a:b:c",
        signing.dumps({"d": "next", "k": ["A", "0114"]}, salt="another list"),
        signing.dumps({"d": "sideways", "k": ["A", "0114"]}, salt="test"),
        signing.dumps({"d": "next", "k": 1}, salt="test"),
    ],
    # Signed cursors carry a timestamp: named ids keep the collection equal across xdist workers.
    ids=["garbled", "three-parts", "other-list", "unknown-direction", "key-not-a-list"],
)
def test_a_tampered_or_foreign_cursor_is_a_bad_request(cursor):
    with pytest.raises(BadRequest):
        page(cursor)


def test_capped_count_stops_at_the_bound():
    assert capped_count(Municipality.objects.all(), 100) == (100, True)
    assert capped_count(Municipality.objects.filter(county_id="04"), 100) == (9, False)


def test_fast_select_renders_what_forms_select_renders():
    choices = [("", "Alla"), ("a", "A & B"), ("b", "<B>")]
    for value in ("a", "", None, "missing"):
        fast = FastSelect(choices=choices).render("x", value, {"id": "id_x"})
        plain = forms.Select(choices=choices).render("x", value, {"id": "id_x"})
        assert "".join(fast.split()) == "".join(plain.split()), value


def test_cached_options_mark_only_this_requests_choice():
    versions = iter(["1", "1", "2"])
    widget = FastSelect(choices=[("", "-"), ("a", "A")], cache_key="test-keyset-select", version=lambda: next(versions))
    assert '<option value="a" selected>' in widget.render("x", "a")
    assert '<option value="a">' in widget.render("x", "")  # from the cache, unmarked
    widget.choices = [("", "-"), ("b", "B")]
    assert '<option value="b" selected>' in widget.render("x", "b")  # a new version renders anew
