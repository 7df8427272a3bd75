"""Every write of knowledge nodes goes through the services: who may, what is checked, nothing half-written."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.education.knowledgenodes import services
from samverka.education.knowledgenodes.models import KnowledgeNode
from samverka.education.knowledgenodes.tests.factories import make_node
from samverka.platform.core.models import Municipality
from samverka.testing import factories

pytestmark = pytest.mark.django_db


def _data(**fields):
    base = {
        "municipality": Municipality.objects.get(code="0480"),
        "area_kind": "yh_area",
        "area_code": "transport",
        "valid_from": date(2026, 1, 1),
        "offers": "Yrkesförare.",
    }
    return services.NodeData(**{**base, **fields})


def test_the_space_manager_adds_a_node_with_actors_and_contacts_and_it_is_audited(space, make_role_user):
    manager = make_role_user(space, "secretariat")
    actor = factories.make_organisation(name="Transportföretagen", type="industry_organisation")
    contact = factories.make_contact(name="Tove Transport")
    node = services.node_create(
        space=space, actor=manager, data=_data(industry_actors=[actor], contacts=[contact], name="Transport")
    )
    assert list(node.industry_actors.all()) == [actor] and list(node.contacts.all()) == [contact]
    assert node.area_name == "Transport services"
    assert LogEntry.objects.get_for_object(node).filter(action=LogEntry.Action.CREATE).exists()


@pytest.mark.parametrize("role", ["member", "guest"])
def test_a_member_may_not_add_or_change_a_node_and_nothing_changes(space, make_role_user, role):
    person = make_role_user(space, role)
    with pytest.raises(PermissionDenied):
        services.node_create(space=space, actor=person, data=_data())
    assert not KnowledgeNode.objects.exists()
    node = make_node(space, offers="Före.")
    with pytest.raises(PermissionDenied):
        services.node_update(node=node, actor=person, data=services.NodeData(offers="Efter."))
    with pytest.raises(PermissionDenied):
        services.node_delete(node=node, actor=person)
    node.refresh_from_db()
    assert node.offers == "Före."


def test_a_manager_of_another_space_may_not_change_the_node(space, other_space, make_role_user):
    node = make_node(space)
    with pytest.raises(PermissionDenied):
        services.node_update(
            node=node, actor=make_role_user(other_space, "admin"), data=services.NodeData(is_published=False)
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"municipality_code": "0180"}, "municipality"),  # Stockholm: not in Södermanland
        ({"area_kind": "sun_field", "area_code": "5x"}, "area_code"),
        ({"area_kind": "sun_field", "area_code": "99"}, "area_code"),  # "unknown" is no area
        ({"area_kind": "yh_area", "area_code": "rymdfart"}, "area_code"),
        ({"area_kind": "industry", "area_code": "C10"}, "area_code"),  # SNI: sections only
        ({"valid_to": date(2025, 1, 1)}, None),  # ends before it starts
    ],
)
def test_bad_input_is_named_by_field_and_nothing_is_saved(space, superuser, fields, field):
    if "municipality_code" in fields:
        fields = {"municipality": Municipality.objects.get(code=fields.pop("municipality_code"))}
    with pytest.raises(ValidationError) as raised:
        services.node_create(space=space, actor=superuser, data=_data(**fields))
    if field:
        assert field in raised.value.message_dict
    assert not KnowledgeNode.objects.exists()


def test_a_municipality_holds_an_area_once_at_a_time(space):
    first = make_node(space, area_code="72", valid_from=date(2025, 1, 1), valid_to=date(2026, 12, 31))
    with pytest.raises(ValidationError) as raised:
        make_node(space, area_code="72", valid_from=date(2026, 6, 1))
    assert "area_code" in raised.value.message_dict
    later = make_node(space, area_code="72", valid_from=date(2027, 1, 1))  # after the first ends: fine
    other = make_node(space, area_code="72", municipality="0480", valid_from=date(2025, 1, 1))  # elsewhere: fine
    assert {first.pk, later.pk, other.pk} == set(KnowledgeNode.objects.values_list("pk", flat=True))


def test_update_changes_only_what_is_given_and_sets_relations(space, superuser):
    actor = factories.make_organisation(name="Vårdföretagarna")
    node = make_node(space, offers="Validering.", industry_actors=[actor])
    services.node_update(node=node, actor=superuser, data=services.NodeData(valid_to=date(2027, 12, 31)))
    node.refresh_from_db()
    assert node.offers == "Validering." and node.valid_to == date(2027, 12, 31)
    assert list(node.industry_actors.all()) == [actor]
    services.node_update(node=node, actor=superuser, data=services.NodeData(industry_actors=[]))
    assert not node.industry_actors.exists()


def test_a_refused_update_leaves_the_relations_alone(space, superuser):
    actor = factories.make_organisation(name="Teknikföretagen")
    node = make_node(space, industry_actors=[actor])
    with pytest.raises(ValidationError):
        services.node_update(
            node=node, actor=superuser, data=services.NodeData(industry_actors=[], area_code="nonsense")
        )
    assert list(node.industry_actors.all()) == [actor]
    node.refresh_from_db()
    assert node.area_code == "52"
