"""The statistics pages as analysts, insiders and the public use them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.insight.statistics import services
from samverka.insight.statistics.models import DatasetVersion, ImportJob, Observation, VersionStatus
from samverka.insight.statistics.tests.factories import fixture_bytes, import_tab6471, make_dataset
from samverka.insight.statistics.tests.scb import recorded

pytestmark = pytest.mark.django_db


def url(name, dataset, **extra):
    return reverse(f"statistics:{name}", kwargs={"space": dataset.space.slug, "slug": dataset.slug, **extra})


@pytest.fixture
def analyst(space, make_role_user, client):
    user = make_role_user(space, "analyst")
    client.force_login(user)
    return user


def test_the_public_sees_public_datasets_and_only_their_published_versions(space, client):
    public = make_dataset(space=space, is_public=True, title="Folkmängd per län")
    internal = make_dataset(space=space, title="Intern registerdata")
    draft = import_tab6471(public)
    list_page = client.get(reverse("statistics:dataset-list", kwargs={"space": space.slug}))
    assert "Folkmängd per län" in list_page.content.decode() and "Intern registerdata" not in list_page.content.decode()
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(url("observation-list", public, number=1)).status_code == 404
    services.publish_version(actor=None, version=draft, report_seen=True)
    assert client.get(draft.get_absolute_url()).status_code == 200
    cells = client.get(url("observation-list", public, number=1), {"region": "04", "sex": "2"})
    assert cells.status_code == 200 and cells.context["page_obj"].paginator.count == 11 * 4


def test_an_insider_reads_drafts_but_may_not_import(space, make_role_user, client):
    client.force_login(make_role_user(space, "member"))
    dataset = make_dataset(space=space)
    version = import_tab6471(dataset)
    page = client.get(version.get_absolute_url())
    assert page.status_code == 200 and "Publish this version" not in page.content.decode()
    assert client.get(url("import-upload", dataset)).status_code == 403
    assert client.post(url("version-publish", dataset, number=1), {"report_seen": "on"}).status_code == 403


def test_an_analyst_uploads_a_csv_maps_its_columns_reads_the_report_and_publishes(
    space, analyst, client, django_capture_on_commit_callbacks
):
    created = client.post(
        reverse("statistics:dataset-create", kwargs={"space": space.slug}),
        {"title": "Sysselsatta i Sörmland", "slug": "sysselsatta", "source": "csv", "is_public": "on"},
    )
    assert created.status_code == 302
    dataset = space.datasets.get(slug="sysselsatta")
    content = "Kommun;Kön;År;Antal\n0480;1;2023;100\n0480;2;2023;110\n0480;1;2024;300\n0480;2;2024;112\n".encode()
    uploaded = client.post(url("import-upload", dataset), {"file": SimpleUploadedFile("syss.csv", content)})
    assert uploaded.status_code == 302
    mapping = client.get(uploaded["Location"])
    form = mapping.context["form"]
    assert [form[f"role_{i}"].initial for i in range(3)] == ["region", "sex", "period"]
    assert form["value_column"].initial == "Antal"
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            uploaded["Location"],
            {"role_0": "region", "role_1": "sex", "role_2": "period", "role_3": "", "value_column": "Antal"},
        )
    job = ImportJob.objects.get()
    assert started["Location"] == url("import-job", dataset, job=job.pk)
    progress = client.get(started["Location"])
    assert job.__class__.objects.get().status == "done" and "Read the quality report" in progress.content.decode()
    version = DatasetVersion.objects.get(dataset=dataset)
    assert version.file_name == "syss.csv" and version.cell_count == 4
    report = client.get(version.get_absolute_url()).content.decode()
    assert "Quality report" in report and "Jumps between periods" in report  # 100 → 300
    assert "row 4" in report and "(D4)" in report and "Changed by 200 %" in report  # where it is, and what
    assert "No errors: nothing blocks publishing." in report  # a jump is for the analyst to read
    # the import's query reads as text, not as the stored dictionary
    assert "Kommun → Region (county or municipality)" in report and "{&#x27;mapping" not in report
    refused = client.post(url("version-publish", dataset, number=1), {})
    assert refused.status_code == 400 and "report_seen" in refused.context["publish_form"].errors
    assert client.post(url("version-publish", dataset, number=1), {"report_seen": "on"}).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED


def test_a_bad_upload_is_refused_on_the_form_with_the_cell_named(space, analyst, client):
    dataset = make_dataset(space=space, source="csv")
    bad = "Län;År;Antal\n=cmd|' /C calc'!A0;2023;5\n".encode()
    answer = client.post(url("import-upload", dataset), {"file": SimpleUploadedFile("bad.csv", bad)})
    # the header is fine; the formula is found when the rows are read, after the mapping step
    mapping = client.get(answer["Location"])
    assert mapping.status_code == 200
    latin = "Län;År;Antal\n04;2023;5\n".encode("cp1252")
    refused = client.post(url("import-upload", dataset), {"file": SimpleUploadedFile("latin.csv", latin)})
    assert refused.status_code == 200 and "not UTF-8" in refused.content.decode()


def test_a_failed_import_shows_why_and_stores_nothing(space, analyst, client, django_capture_on_commit_callbacks):
    dataset = make_dataset(space=space, source="csv")
    bad = "Län;År;Antal\n04;2023;5\n=cmd|' /C calc'!A0;2023;5\n".encode()
    mapping_url = client.post(url("import-upload", dataset), {"file": SimpleUploadedFile("bad.csv", bad)})["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(mapping_url, {"role_0": "region", "role_1": "period", "value_column": "Antal"})
    page = client.get(started["Location"]).content.decode()
    assert "The import failed; nothing was stored." in page and "Cell A3 reads as a formula" in page
    assert not DatasetVersion.objects.exists() and not Observation.objects.exists()


def test_a_jsonstat_file_upload_keeps_the_guessed_roles(space, analyst, client, django_capture_on_commit_callbacks):
    dataset = make_dataset(space=space, source="pxweb1")
    content = fixture_bytes("TAB3554_HE0110_medianinkomst.jsonstat2.json")
    mapping_url = client.post(url("import-upload", dataset), {"file": SimpleUploadedFile("tab.json", content)})[
        "Location"
    ]
    form = client.get(mapping_url).context["form"]
    roles = {f"role_{i}": form[f"role_{i}"].initial for i in range(4)}
    assert list(roles.values()) == ["sex", "age", "measure", "period"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(mapping_url, roles)
    assert DatasetVersion.objects.get(dataset=dataset).cell_count == 9


def test_import_from_scb_through_the_form(space, analyst, client, settings, django_capture_on_commit_callbacks):
    settings.STATISTICS_PXWEB_TRANSPORT = "samverka.insight.statistics.tests.scb.FakeScb"
    dataset = make_dataset(space=space)
    search = client.get(url("import-pxweb", dataset), {"q": "befolkning"})
    assert len(search.context["found"]) == 10
    chosen = client.get(url("import-pxweb", dataset), {"table": "TAB6471"})
    assert [len(v.codes) for v in chosen.context["metadata"].variables] == [312, 134, 3, 1, 16]
    assert "vs_CKM03Kommun" in chosen.content.decode() and chosen.context["form"].initial["table_id"] == "TAB6471"
    selection = '{"Region": ["01", "03"], "Alder": ["0-9"], "Kon": ["*"], "ContentsCode": ["*"], "Tid": ["TOP(2)"]}'
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("import-pxweb", dataset), {"table_id": "TAB6471", "selection": selection})
    version = DatasetVersion.objects.get(dataset=dataset)
    assert version.cell_count == 2 * 1 * 3 * 2 and version.query["table"] == "TAB6471"
    bad = client.post(url("import-pxweb", dataset), {"table_id": "TAB6471", "selection": "{Region: 01"})
    assert bad.status_code == 200 and "not valid JSON" in bad.content.decode()


def test_compare_with_the_previous_version(space, analyst, client):
    dataset = make_dataset(space=space)
    import_tab6471(dataset)
    changed = recorded("TAB6471_data.jsonstat2.json")
    changed["value"][0] += 500
    import_tab6471(dataset, content=changed)
    page = client.get(url("version-compare", dataset, number=2))
    comparison = page.context["comparison"]
    assert (comparison.added, comparison.removed, comparison.changed) == (0, 0, 1)
    assert comparison.largest[0]["key"] == {
        "measure": "000007SF",
        "period": "2026M01",
        "region": "01",
        "sex": "TotSa",
        "age": "0-9",
    }
    assert comparison.largest[0]["change"] == 500


def test_discarding_a_draft(space, analyst, client):
    dataset = make_dataset(space=space)
    version = import_tab6471(dataset)
    assert client.post(url("version-discard", dataset, number=1)).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.DISCARDED


def test_an_analyst_makes_a_dataset_public(space, analyst, client):
    dataset = make_dataset(space=space, title="Registerdata")
    page = client.get(url("dataset-update", dataset))
    assert page.status_code == 200 and page.context["form"].initial["title"] == "Registerdata"
    saved = client.post(url("dataset-update", dataset), {"title": "Registerdata 2024", "is_public": "on"})
    assert saved.status_code == 302
    dataset.refresh_from_db()
    assert dataset.is_public and dataset.title == "Registerdata 2024"
