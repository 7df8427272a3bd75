"""The rule matrix of the actor register and the landscape map."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db

REGISTER_RULES = [
    "actors.add_organisation",
    "actors.change_organisation",
    "actors.add_contact",
    "actors.change_contact",
]
SPACE_RULES = ["actors.publish_landscape", "actors.review_suggestions"]
PUBLIC_RULES = ["actors.view_organisation", "actors.view_landscape", "actors.suggest_correction"]


@pytest.mark.parametrize("rule", PUBLIC_RULES)
def test_public_rules_allow_anonymous(rule, space):
    assert AnonymousUser().has_perm(rule, space)


@pytest.mark.parametrize(
    ("role", "register", "contacts"),
    [
        ("admin", True, True),
        ("secretariat", True, True),
        ("registrar", False, True),
        ("analyst", False, True),
        ("member", False, True),
        ("guest", False, False),
    ],
)
def test_register_and_contacts_by_space_role(space, make_role_user, role, register, contacts):
    user = make_role_user(space, role)
    assert [user.has_perm(rule) for rule in REGISTER_RULES] == [register] * 4
    assert user.has_perm("actors.view_contact") is contacts


def test_users_without_a_space_and_anonymous_get_nothing_private():
    for user in (AnonymousUser(), make_user()):
        assert not any(user.has_perm(rule) for rule in [*REGISTER_RULES, "actors.view_contact"])


def test_platform_admin_may_do_everything(space):
    admin = make_user(is_superuser=True)
    assert all(admin.has_perm(rule, space) for rule in [*REGISTER_RULES, *SPACE_RULES, "actors.view_contact"])


@pytest.mark.parametrize("rule", SPACE_RULES)
def test_space_rules_are_for_that_space_s_managers(rule, space, other_space, make_role_user):
    assert make_role_user(space, "admin").has_perm(rule, space)
    assert make_role_user(space, "secretariat").has_perm(rule, space)
    assert not make_role_user(space, "member").has_perm(rule, space)
    assert not make_role_user(space, "registrar").has_perm(rule, space)
    assert not make_role_user(other_space, "secretariat").has_perm(rule, space)
    assert not AnonymousUser().has_perm(rule, space)
