"""What the indicators app does when the statistics app publishes a version."""

from functools import partial
from typing import Any

from django.db import transaction
from django.dispatch import receiver

from samverka.insight.statistics.signals import version_published


@receiver(version_published, dispatch_uid="indicators-build-rollups")
def build_rollups_of_published(sender: Any, version: Any, **kwargs: Any) -> None:
    """A big version's roll-ups are built in the background once its publication is committed."""
    from samverka.insight.indicators.cube import ROLLUP_THRESHOLD
    from samverka.insight.indicators.tasks import build_rollups_task

    if version.cell_count >= ROLLUP_THRESHOLD:
        transaction.on_commit(partial(build_rollups_task.enqueue, version.pk))
