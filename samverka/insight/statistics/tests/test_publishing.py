"""Item 8: the quality report shows the offending rows and cells, errors block publishing until a corrected
version is imported or they are accepted with a reason that is kept and shown, and duplicate keys are
never summed in charts or indicators (44 + 71 is not 115)."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverka.insight.analyses.queries import observation_table
from samverka.insight.indicators.cube import Cube
from samverka.insight.statistics import services
from samverka.insight.statistics.models import VersionStatus
from samverka.insight.statistics.quality_rows import problem_rows
from samverka.insight.statistics.tests.factories import import_tab6471, make_dataset

pytestmark = pytest.mark.django_db

DUPLICATED = "Kommun;År;Antal\nEskilstuna;2024;44\nNyköping;2024;10\n0484;2024;71\n"


def upload(space, text: str = DUPLICATED, **extra):
    return services.import_csv(
        actor=None,
        dataset=make_dataset(space=space, source="csv", **extra),
        content=text.encode(),
        file_name="kommuner.csv",
        mapping={"Kommun": "region", "År": "period"},
        value_column="Antal",
    )


def url(name, version):
    dataset = version.dataset
    return reverse(
        f"statistics:{name}", kwargs={"space": dataset.space.slug, "slug": dataset.slug, "number": version.number}
    )


def test_the_report_names_the_rows_of_a_duplicated_key(space):
    version = upload(space)
    assert version.quality["errors"] == ["duplicates"]
    [row] = [r for r in problem_rows(version.quality, list(version.dimensions.all())) if r["check"] == "duplicates"]
    assert row["rows"] == [2, 4] and row["place"] == "rows 2, 4" and row["severity"] == "error"
    assert "Kommun 0484 Eskilstuna" in row["column"] and "occurs 2 times" in row["problem"]
    # the two rows of one period are a duplicate, not a jump between periods (4 460 → 7 100 is +59 %)
    large = upload(space, "Kommun;År;Antal\nEskilstuna;2024;4460\n0484;2024;7100\n")
    assert large.quality["checks"]["duplicates"]["count"] == 1 and large.quality["checks"]["jumps"]["count"] == 0


def test_charts_and_indicators_count_the_first_row_of_a_duplicated_key_and_say_so(space):
    version = upload(space)
    table = observation_table(version, x="region")
    assert dict(zip(table.codes, (row[1] for row in table.rows), strict=True)) == {"0484": 44, "0480": 10}
    assert "only the first row of each in the file is counted" in table.note or "only its first row" in table.note
    assert Cube.of(version).sum("", group=["region"], where={"period": "2024"}) == {("0484",): 44.0, ("0480",): 10.0}


def test_errors_block_publishing_until_accepted_with_a_reason_that_is_kept(space):
    version = upload(space)
    with pytest.raises(ValidationError) as refused:
        services.publish_version(actor=None, version=version, report_seen=True)
    assert "accept_reason" in refused.value.error_dict and "duplicates" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        services.publish_version(actor=None, version=version, report_seen=True, accept_reason="   ")
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT and version.accepted_reason == ""
    published = services.publish_version(
        actor=None, version=version, report_seen=True, accept_reason="Rad 4 är en rättelse; den första gäller."
    )
    published.refresh_from_db()
    assert published.status == VersionStatus.PUBLISHED
    assert published.accepted_reason == "Rad 4 är en rättelse; den första gäller."
    assert published.accepted_errors == ["duplicates"]


def test_a_clean_version_publishes_without_a_reason_and_keeps_none(space):
    version = import_tab6471(make_dataset(space=space))
    published = services.publish_version(actor=None, version=version, report_seen=True, accept_reason="ignored")
    assert published.accepted_reason == "" and published.accepted_errors == []


def test_the_page_lists_the_problems_asks_for_a_reason_and_shows_it_after_publishing(space, make_role_user, client):
    analyst = make_role_user(space, "analyst")
    client.force_login(analyst)
    version = upload(space, is_public=True)
    page = client.get(url("version-detail", version)).content.decode()
    assert "Errors found by 1 check: Duplicates." in page and '<th scope="row">rows 2, 4</th>' in page
    assert 'name="accept_reason"' in page
    refused = client.post(url("version-publish", version), {"report_seen": "on"})
    assert refused.status_code == 400 and "accept_reason" in refused.context["publish_form"].errors
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    reason = "Dubbletten är känd hos leverantören; första raden gäller."
    accepted = client.post(url("version-publish", version), {"report_seen": "on", "accept_reason": reason})
    assert accepted.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED and version.accepted_reason == reason
    client.logout()  # the public reads the reason with the version
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    shown = client.get(url("version-detail", version)).content.decode()
    assert "Published with accepted errors" in shown and reason in shown
    listing = client.get(version.dataset.get_absolute_url()).content.decode()
    assert reason in listing


def test_the_page_explains_the_total_tolerance_and_follows_its_settings(space, settings, make_role_user, client):
    client.force_login(make_role_user(space, "analyst"))
    version = import_tab6471(make_dataset(space=space))
    page = client.get(url("version-detail", version)).content.decode()
    assert "at most 5 per cell involved" in page and "STATISTICS_TOTAL_TOLERANCE_PER_CELL" in page
    settings.STATISTICS_TOTAL_TOLERANCE_PER_CELL = 1
    settings.STATISTICS_TOTAL_TOLERANCE_RELATIVE = 0.01
    stricter = import_tab6471(make_dataset(space=space))
    page = client.get(url("version-detail", stricter)).content.decode()
    assert "at most 1 per cell involved" in page and "plus 1.0 % of the total" in page
