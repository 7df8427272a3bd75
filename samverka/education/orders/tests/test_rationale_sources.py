"""What an order's rationale rests on: the space's analyses and the ordering forum's trend meeting (the Q2
theme). Each shows through its own model's visibility rule; another space's is refused with nothing saved; the
edit form opens with them chosen; a secrecy marking that masks the rationale hides them too."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverka.collaboration.meetings.tests.helpers import make_meeting
from samverka.education.orders import services
from samverka.education.orders.models import EducationOrder
from samverka.education.orders.tests.helpers import chain, sent_order
from samverka.insight.analyses.tests.factories import make_analysis, text_block
from samverka.testing.factories import make_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(space, other_space, make_role_user):
    bodies = chain(space)
    order = sent_order(space, bodies["council"], (bodies["workshop"],))
    return {
        "space": space,
        "other_space": other_space,
        "bodies": bodies,
        "order": order,
        "secretariat": make_role_user(space, "secretariat", full_name="Siv Sekretariat"),
        "public_analysis": make_analysis(
            space=space, title="Vårdens kompetensbehov 2030", is_public=True, publish=True, blocks=[text_block()]
        ),
        "draft_analysis": make_analysis(space=space, title="Utkast: pensionsavgångar"),
        "meeting": make_meeting(bodies["forum"], days=-60, title="Q2 trender"),
    }


def _link(w):
    return services.order_update(
        actor=None,
        order=w["order"],
        data=services.OrderData(
            analyses=[w["public_analysis"], w["draft_analysis"]], trend_meeting=w["meeting"], rationale="Brist."
        ),
    )


def test_an_order_links_its_analyses_and_trend_meeting(w):
    order = _link(w)
    assert set(order.analyses.all()) == {w["public_analysis"], w["draft_analysis"]}
    assert EducationOrder.objects.get(pk=order.pk).trend_meeting == w["meeting"]


def test_another_spaces_analysis_or_meeting_is_refused_and_nothing_is_saved(w):
    foreign_analysis = make_analysis(space=w["other_space"], title="Annan region")
    foreign_meeting = make_meeting(make_body(space=w["other_space"], name="Annat forum"), title="Annat möte")
    with pytest.raises(ValidationError) as refused:
        services.order_update(
            actor=None,
            order=w["order"],
            data=services.OrderData(analyses=[foreign_analysis], trend_meeting=foreign_meeting, rationale="Ny text"),
        )
    assert set(refused.value.message_dict) == {"analyses", "trend_meeting"}
    order = EducationOrder.objects.get(pk=w["order"].pk)
    assert not order.analyses.exists() and order.trend_meeting is None and order.rationale != "Ny text"


def test_insiders_see_every_source_and_the_public_only_what_is_published(client, w):
    order = services.order_set_published(actor=None, order=_link(w), published=True)
    client.force_login(w["secretariat"])
    inside = client.get(reverse("orders:order-detail", kwargs={"space": w["space"].slug, "pk": order.pk}))
    text = inside.content.decode()
    assert "Vårdens kompetensbehov 2030" in text and "Utkast: pensionsavgångar" in text
    assert w["meeting"].get_absolute_url() in text
    client.logout()
    public = client.get(reverse("orders:public-order", kwargs={"pk": order.pk})).content.decode()
    assert "Vårdens kompetensbehov 2030" in public and "Utkast: pensionsavgångar" not in public
    assert client.get(w["public_analysis"].get_absolute_url()).status_code == 200  # the link opens for the public


def test_a_marking_that_masks_the_rationale_hides_its_sources_from_the_public(client, w):
    order = services.order_set_published(actor=None, order=_link(w), published=True)
    services.order_set_secrecy(actor=None, order=order, provision="OSL 31 kap. 16 §", reason="", masks_rationale=True)
    public = client.get(reverse("orders:public-order", kwargs={"pk": order.pk})).content.decode()
    assert "Vårdens kompetensbehov 2030" not in public and "Brist." not in public


def test_the_edit_form_opens_with_the_sources_chosen(client, w):
    order = _link(w)
    client.force_login(w["secretariat"])
    form = client.get(reverse("orders:order-edit", kwargs={"space": w["space"].slug, "pk": order.pk})).context["form"]
    assert {int(pk) for pk in form["analyses"].value()} == {w["public_analysis"].pk, w["draft_analysis"].pk}
    assert int(form["trend_meeting"].value()) == w["meeting"].pk
