"""Imports as a user sees them: versions, provenance, atomicity, publishing and who may do it."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.insight.statistics import services
from samverka.insight.statistics.models import Dataset, DatasetVersion, Dimension, Observation, VersionStatus
from samverka.insight.statistics.tests.factories import fixture_bytes, import_tab6471, make_dataset
from samverka.insight.statistics.tests.scb import client, recorded

pytestmark = pytest.mark.django_db


def test_an_analyst_imports_scbs_table_as_version_one_with_its_provenance(space, make_role_user):
    analyst = make_role_user(space, "analyst")
    dataset = services.create_dataset(actor=analyst, space=space, slug="folkmangd", title="Folkmängd", source="pxweb2")
    version = import_tab6471(dataset, actor=analyst)
    assert version.number == 1 and version.status == VersionStatus.DRAFT
    assert version.cell_count == 2772 == Observation.objects.filter(version=version).count()
    assert version.imported_by == analyst and version.source_updated == "2026-06-08T06:00:00Z"
    assert version.file_sha256 and version.source_url.endswith("/TAB6471/data")
    first = Observation.objects.filter(version=version).order_by("pk").first()
    assert (first.region, first.age, first.sex, first.period, first.year, first.value) == (
        "01",
        "0-9",
        "TotSa",
        "2026M01",
        2026,
        245284,
    )
    kon = Dimension.objects.get(version=version, code="Kon")
    assert kon.role == "sex" and kon.total_code == "TotSa" and kon.categories[1] == ["1", "män"]
    assert version.quality["alarms"] == 0


def test_reimporting_creates_the_next_version(space):
    dataset = make_dataset(space=space)
    first = import_tab6471(dataset)
    second = import_tab6471(dataset)
    assert (first.number, second.number) == (1, 2)


def test_a_failed_import_leaves_no_version_and_no_observation(space):
    dataset = make_dataset(space=space)
    broken = recorded("TAB6471_data.jsonstat2.json")
    broken["value"][-1] = "x"
    with pytest.raises(ValidationError, match="cell 2771"):
        import_tab6471(dataset, content=broken)
    # a failure after rows were written (a code too long for its column) rolls everything back
    wrong_roles = ["region", "age", "sex", "measure", "ssyk"]  # "2026M01" does not fit an SSYK code
    with pytest.raises(ValidationError, match="2026M01"):
        services.import_jsonstat(
            actor=None, dataset=dataset, content=fixture_bytes("TAB6471_data.jsonstat2.json"), roles=wrong_roles
        )
    assert not DatasetVersion.objects.filter(dataset=dataset).exists()
    assert not Observation.objects.exists()


def test_the_analyst_corrects_the_mapping(space):
    dataset = make_dataset(space=space)
    roles = ["region", "other", "sex", "measure", "period"]
    version = services.import_jsonstat(
        actor=None, dataset=dataset, content=fixture_bytes("TAB6471_data.jsonstat2.json"), roles=roles
    )
    assert Observation.objects.filter(version=version, other="Alder=0-9").count() == 21 * 3 * 4
    with pytest.raises(ValidationError, match="both mapped"):
        services.import_jsonstat(
            actor=None,
            dataset=dataset,
            content=fixture_bytes("TAB6471_data.jsonstat2.json"),
            roles=["region", "sex", "sex", "measure", "period"],
        )


def test_import_from_pxweb_records_the_query(space):
    dataset = make_dataset(space=space)
    px, fake, _clock = client(max_cells=1000)
    selection = {
        "Region": ["01", "03", "04"],
        "Alder": ["0-9", "10-19"],
        "Kon": ["*"],
        "ContentsCode": ["*"],
        "Tid": ["TOP(4)"],
    }
    version = services.import_pxweb(actor=None, dataset=dataset, client=px, table_id="TAB6471", selection=selection)
    assert version.cell_count == 3 * 2 * 3 * 4
    assert version.query == {"table": "TAB6471", "selection": selection}
    assert (
        Observation.objects.get(version=version, region="01", age="0-9", sex="TotSa", period="2026M01").value == 245284
    )


def test_v1_response_imports(space):
    dataset = make_dataset(space=space, source="pxweb1", table_id="TAB3554")
    version = services.import_jsonstat(
        actor=None, dataset=dataset, content=fixture_bytes("TAB3554_HE0110_medianinkomst.jsonstat2.json")
    )
    assert version.cell_count == 9
    assert Observation.objects.get(version=version, sex="1+2", period="2022").value == pytest.approx(316.6)
    assert version.quality["checks"]["totals"]["checked"] is False  # a median is not a sum


def test_publish_needs_the_report_to_have_been_read_and_discard_removes_the_cells(space, make_role_user):
    analyst = make_role_user(space, "analyst")
    dataset = make_dataset(space=space)
    version = import_tab6471(dataset)
    with pytest.raises(ValidationError, match="quality report"):
        services.publish_version(actor=analyst, version=version, report_seen=False)
    published = services.publish_version(actor=analyst, version=version, report_seen=True)
    assert published.status == VersionStatus.PUBLISHED and published.published_by == analyst
    with pytest.raises(ValidationError):
        services.discard_version(actor=analyst, version=published)
    draft = import_tab6471(dataset)
    services.discard_version(actor=analyst, version=draft)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DISCARDED
    assert not Observation.objects.filter(version=draft).exists()
    assert Observation.objects.filter(version=published).count() == 2772


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("analyst", True),
        ("admin", True),
        ("secretariat", True),
        ("member", False),
        ("registrar", False),
        ("guest", False),
    ],
)
def test_who_may_import_and_publish(space, make_role_user, role, allowed):
    user = make_role_user(space, role)
    assert user.has_perm("statistics.import_statistics", space) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.create_dataset(actor=user, space=space, slug="x", title="x", source="csv")
        dataset = make_dataset(space=space)
        with pytest.raises(PermissionDenied):
            import_tab6471(dataset, actor=user)


def test_an_analyst_of_another_space_may_not_import(space, other_space, make_role_user):
    outsider = make_role_user(other_space, "analyst")
    with pytest.raises(PermissionDenied):
        import_tab6471(make_dataset(space=space), actor=outsider)


def test_who_sees_what(space, other_space, make_role_user):
    from django.contrib.auth.models import AnonymousUser

    public = make_dataset(space=space, is_public=True)
    internal = make_dataset(space=space)
    draft = import_tab6471(public)
    member = make_role_user(space, "member")
    outsider = make_role_user(other_space, "member")
    anonymous = AnonymousUser()
    assert set(Dataset.objects.restrict(member)) == {public, internal}
    assert set(Dataset.objects.restrict(outsider)) == {public}
    assert member.has_perm("statistics.view_version", draft)
    assert not anonymous.has_perm("statistics.view_version", draft)
    draft = services.publish_version(actor=None, version=draft, report_seen=True)
    assert anonymous.has_perm("statistics.view_version", draft)
    assert not anonymous.has_perm("statistics.view_dataset", internal)


def test_the_json_of_a_whole_response_may_be_given_as_text(space):
    dataset = make_dataset(space=space)
    text = json.dumps(recorded("TAB3554_HE0110_medianinkomst.jsonstat2.json"))
    assert services.import_jsonstat(actor=None, dataset=dataset, content=text).cell_count == 9
