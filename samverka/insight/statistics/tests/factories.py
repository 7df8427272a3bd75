"""Datasets and versions for tests, made through the services from the real SCB fixtures."""

from pathlib import Path
from typing import Any

from samverka.insight.statistics import services
from samverka.insight.statistics.models import Dataset, DatasetSource, DatasetVersion
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

#: The recorded SCB answers, shared with the demo.
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "scb"
_n = iter(range(1, 10**9))


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def make_dataset(*, space: Space, **extra: Any) -> Dataset:
    n = next(_n)
    data: dict[str, Any] = {
        "slug": f"folkmangd-{n}",
        "title": f"Folkmängd {n}",
        "source": DatasetSource.PXWEB_V2,
        "table_id": "TAB6471",
    }
    data.update(extra)
    return services.create_dataset(actor=None, space=space, **data)


def import_tab6471(
    dataset: Dataset, *, content: bytes | dict | None = None, actor: User | None = None
) -> DatasetVersion:
    return services.import_jsonstat(
        actor=actor,
        dataset=dataset,
        content=content if content is not None else fixture_bytes("TAB6471_data.jsonstat2.json"),
        source_url="https://statistikdatabasen.scb.se/api/v2/tables/TAB6471/data",
    )
