"""row_url gives for every row the address reverse() gives."""

from django.urls import reverse

from samverka.platform.core.links import row_url


def test_row_url_is_reverse_for_every_key():
    copy = row_url("intake:copy-request", space="sormland")
    detail = row_url("actors:organisation-detail")
    for pk in (1, 42, 918273645, 10**12):
        assert copy(pk) == reverse("intake:copy-request", kwargs={"space": "sormland", "pk": pk})
        assert detail(pk) == reverse("actors:organisation-detail", kwargs={"pk": pk})
