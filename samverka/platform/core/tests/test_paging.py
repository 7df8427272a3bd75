"""Keyset pagination, the bounded count (core.paging) and the string-built select, over the geography."""

import base64
import json
from urllib.parse import urlencode

import pytest
from django import forms
from django.http import QueryDict

from samverka.platform.core.forms import FastSelect
from samverka.platform.core.models import Municipality
from samverka.platform.core.paging import BoundedCount, InvalidCursor, bounded_count, keyset_page

pytestmark = pytest.mark.django_db

ORDERING = ("name", "code")


def page(url="", rows=None):
    query = QueryDict(url.lstrip("?"))
    return keyset_page(
        rows if rows is not None else Municipality.objects.all(), query=query, ordering=ORDERING, page_size=100
    )


def cursor(**tokens):
    return base64.b64encode(urlencode(tokens).encode()).decode()


def test_pages_walk_every_row_once_forwards_and_back():
    expected = list(Municipality.objects.order_by(*ORDERING).values_list("code", flat=True))
    pages = [page()]
    while pages[-1].next_url:
        pages.append(page(pages[-1].next_url))
    assert [m.code for p in pages for m in p] == expected and len(pages) == 3
    assert pages[0].previous_url is None and pages[-1].next_url is None
    back = page(pages[-1].previous_url)
    assert [m.code for m in back] == [m.code for m in pages[-2]]
    assert page(pages[1].previous_url).previous_url is None


def test_values_rows_page_like_model_rows():
    rows = Municipality.objects.values("code", "name")
    first = page(rows=rows)
    second = page(first.next_url, rows=rows)
    expected = list(Municipality.objects.order_by(*ORDERING).values_list("code", flat=True))
    assert [row["code"] for row in [*first, *second]] == expected[:200]


def test_links_keep_the_other_parameters():
    second = page("?q=a")
    links = page(second.next_url)
    assert QueryDict(links.next_url.lstrip("?"))["q"] == "a"
    assert "cursor" not in QueryDict(links.first_url.lstrip("?")) and QueryDict(links.first_url.lstrip("?"))["q"] == "a"


def test_a_cursor_past_the_end_gives_the_last_page():
    past = page("?" + urlencode({"cursor": cursor(p=json.dumps(["ÖÖÖÖ", "9999"]))}))
    last = page("?" + urlencode({"cursor": cursor(r="1")}))
    assert [m.code for m in past] == [m.code for m in last] and past.next_url is None and past.previous_url


@pytest.mark.parametrize(
    "value",
    [
        "!!not base64!!",
        cursor(p="not json"),
        cursor(p=json.dumps(["A"])),  # one value for two columns
        cursor(p=json.dumps([None, "0114"])),
        cursor(p=json.dumps({"name": "A"})),
        cursor(p=json.dumps(["A", "x" * 100])),  # longer than the column
        cursor(r="x"),
    ],
    ids=["garbled", "not-json", "too-few", "null", "not-a-list", "too-long", "bad-direction"],
)
def test_a_tampered_cursor_is_refused(value):
    with pytest.raises(InvalidCursor):
        page("?" + urlencode({"cursor": value}))


def test_bounded_count_stops_at_the_bound():
    assert bounded_count(Municipality.objects.all(), 100) == BoundedCount(100, more=True)
    assert bounded_count(Municipality.objects.filter(county_id="04"), 100) == BoundedCount(9, more=False)


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
