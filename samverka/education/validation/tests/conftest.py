"""A small validation world in the Sörmland space: offers in two municipalities, outcomes with small cells."""

from types import SimpleNamespace
from typing import Any

import pytest

from conftest import give_totp
from samverka.education.catalogue.models import MunicipalEditor
from samverka.education.validation import services
from samverka.platform.core.models import Municipality

COUNTS = {
    "started_women": 12,
    "started_men": 3,
    "completed_women": 9,
    "completed_men": 2,
    "reached_mapping": 4,
    "reached_assessment": 0,
    "reached_documentation": 0,
    "reached_recognition": 11,
    "result_competence_certificate": 7,
    "result_partial": 4,
    "followup_work": 8,
    "followup_education": 1,
    "followup_unknown": 2,
}


def make_offer(space: Any, title: str = "Validering till undersköterska", **extra: Any) -> Any:
    values: dict[str, Any] = {
        "title": title,
        "kind": "industry",
        "industry_model_owner": "Vård- och omsorgscollege",
        "industry_model": "VO-college undersköterska",
        "ssyk_codes": ["5321"],
        "municipality": Municipality.objects.get(code="0484"),
        "is_published": True,
    }
    values.update(extra)
    return services.offer_create(space=space, actor=None, data=services.OfferData(**values))


def make_outcome(space: Any, **extra: Any) -> Any:
    values: dict[str, Any] = {
        "year": 2025,
        "ssyk_code": "5321",
        "industry_model": "VO-college undersköterska",
        "provider_name": "Eskilstuna vuxenutbildning",
        "municipality": Municipality.objects.get(code="0484"),
        **COUNTS,
    }
    values.update(extra)
    return services.outcome_create(space=space, actor=None, data=services.OutcomeData(**values))


@pytest.fixture
def world(space: Any, other_space: Any, make_role_user: Any, superuser: Any) -> SimpleNamespace:
    admin = make_role_user(space, "admin", full_name="Johan Samordnare")
    give_totp(admin)
    give_totp(superuser)
    editor = make_role_user(space, "member", full_name="Sara Redaktör")
    MunicipalEditor.objects.create(space=space, user=editor, municipality_id="0484")
    return SimpleNamespace(
        space=space,
        other_space=other_space,
        admin=admin,
        analyst=make_role_user(space, "analyst", full_name="Leila Analytiker"),
        member=make_role_user(space, "member", full_name="Maja Medlem"),
        guest=make_role_user(space, "guest", full_name="Gustav Gäst"),
        editor=editor,
        outsider=make_role_user(other_space, "member", full_name="Olle Utomstående"),
        superuser=superuser,
        published=make_offer(space),
        hidden=make_offer(space, "Validering bussförare", ssyk_codes=["8331"], is_published=False),
        katrineholm=make_offer(
            space, "Validering komvux", kind="komvux", municipality=Municipality.objects.get(code="0483")
        ),
        other_offer=make_offer(
            other_space,
            "Validering i Örebro",
            municipality=Municipality.objects.get(code="1880"),
            is_published=False,
        ),
        outcome=make_outcome(space),
        other_outcome=make_outcome(other_space, municipality=Municipality.objects.get(code="1880")),
    )
