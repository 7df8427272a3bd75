"""Imports as background tasks: progress while they run, the page that follows them, failures."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverka.insight.statistics import jobs
from samverka.insight.statistics.models import ImportJob, ImportStatus
from samverka.insight.statistics.tests.factories import make_dataset
from samverka.insight.statistics.tests.scb import client as scb_client

pytestmark = pytest.mark.django_db
SELECTION = {"Region": ["01", "03", "04"], "Alder": ["0-9", "10-19"], "Kon": ["*"], "ContentsCode": ["*"], "Tid": ["*"]}


def test_a_pxweb_import_reports_each_call_as_progress(space):
    dataset = make_dataset(space=space)
    job = ImportJob.objects.create(
        dataset=dataset,
        kind="pxweb",
        params={"table_id": "TAB6471", "selection": {**SELECTION, "Tid": ["FROM(2026M01)"]}},
    )
    px, fake, _clock = scb_client(max_cells=20)
    seen = []
    original = fake.__call__

    def recording(method, url, body, headers):  # what the progress page would read between calls
        seen.append(ImportJob.objects.values_list("done", "total").get(pk=job.pk))
        return original(method, url, body, headers)

    px.transport = recording
    finished = jobs.run_import(job.pk, client=px)
    assert finished.status == ImportStatus.DONE and finished.version.cell_count == 3 * 2 * 3 * 4
    assert finished.total == len(fake.data_calls) > 1 and finished.done == finished.total
    assert (1, finished.total) in seen  # the first call was reported while the next ones ran


def test_a_failing_import_is_recorded_with_its_message(space):
    dataset = make_dataset(space=space)
    job = ImportJob.objects.create(
        dataset=dataset, kind="pxweb", params={"table_id": "TAB6471", "selection": {"Region": ["9999"]}}
    )
    px, _fake, _clock = scb_client()
    finished = jobs.run_import(job.pk, client=px)
    assert finished.status == ImportStatus.FAILED and "9999" in finished.error and finished.version is None


def test_the_progress_page_polls_with_htmx_and_refreshes_without_javascript(space, make_role_user, client):
    client.force_login(make_role_user(space, "analyst"))
    dataset = make_dataset(space=space)
    job = ImportJob.objects.create(
        dataset=dataset, kind="pxweb", params={}, done=2, total=5, status=ImportStatus.RUNNING
    )
    address = reverse("statistics:import-job", kwargs={"space": space.slug, "slug": dataset.slug, "job": job.pk})
    page = client.get(address).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page and f'hx-get="{address}"' in page
    assert '<progress max="5" value="2">' in page
    fragment = client.get(address, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="job-progress"') and "<html" not in fragment
    job.status = ImportStatus.DONE
    job.save()
    assert "hx-get" not in client.get(address, headers={"HX-Request": "true"}).content.decode()
    assert "refresh" not in client.get(address).content.decode()


def test_an_uploaded_file_waits_for_the_import_and_is_removed_after_it(space):
    token = jobs.keep_upload(b"Region;Antal\n04;5\n")
    assert jobs.read_upload(token) == b"Region;Antal\n04;5\n"
    dataset = make_dataset(space=space, source="csv")
    params = {
        "token": token,
        "file_name": "a.csv",
        "file_kind": "csv",
        "mapping": {"Region": "region"},
        "value_column": "Antal",
    }
    job = ImportJob.objects.create(dataset=dataset, kind="upload", params=params)
    assert jobs.run_import(job.pk).status == ImportStatus.DONE
    with pytest.raises(Exception, match="no longer available"):
        jobs.read_upload(token)
    with pytest.raises(Exception, match="no longer available"):
        jobs.read_upload("../../etc/passwd")


def test_an_upload_never_mapped_is_deleted_by_a_later_upload_once_a_day_old(space, settings, tmp_path):
    import os
    import time

    settings.MEDIA_ROOT = str(tmp_path)
    forgotten = jobs.keep_upload(b"Region;Antal\n04;5\n")
    recent = jobs.keep_upload(b"Region;Antal\n03;7\n")
    day_old = time.time() - 25 * 3600
    os.utime(tmp_path / jobs.UPLOAD_DIR / forgotten, (day_old, day_old))
    newest = jobs.keep_upload(b"Region;Antal\n01;2\n")
    with pytest.raises(ValidationError, match="no longer available"):
        jobs.read_upload(forgotten)
    assert jobs.read_upload(recent) == b"Region;Antal\n03;7\n"
    assert sorted(os.listdir(tmp_path / jobs.UPLOAD_DIR)) == sorted([recent, newest])
