"""Pre-summed copies of a version's observations, for indicators over every occupation or region.

A query that sums over all 429 occupations (e.g. comparing counties for all occupations) or over
all 21 counties (e.g. each occupation nationally) would otherwise read every cell of a year — about
400,000 of a 2-million-row cube. :func:`build` stores, once per version, the observations summed
over occupations (``ssyk="*"``) and summed over regions (``region="*"``); the sums are exact (SQL
``SUM`` over the same rows), so an indicator gives the same figures with or without them. They are
built in the background when a big version is published (:mod:`samverka.insight.indicators.receivers`);
until they exist, :meth:`Cube.sum` reads the cells, which gives the same figures more slowly.
"""

from django.db import IntegrityError, connection, transaction

from samverka.insight.indicators.models import RollUp, RollUpState
from samverka.insight.statistics.models import DatasetVersion, Observation

#: The columns kept in both roll-ups, besides the one summed away.
KEPT = ("measure", "period", "year", "sun_level", "sun_field", "sni", "sex", "age", "birth")
MARKER = "*"


def _insert_sql(summed_away: str, kept_other: str) -> str:
    qn = connection.ops.quote_name
    target = qn(RollUp._meta.db_table)
    source = qn(Observation._meta.db_table)
    columns = ["version_id", *KEPT, kept_other]
    selected = ", ".join(qn(c) for c in columns)
    return (
        f"INSERT INTO {target} ({selected}, {qn(summed_away)}, {qn('value')}) "  # noqa: S608 - names quoted
        f"SELECT {selected}, %s, SUM({qn('value')}) FROM {source} WHERE {qn('version_id')} = %s "
        f"GROUP BY {selected}"
    )


def build(version: DatasetVersion) -> bool:
    """Build the version's roll-ups unless they exist; ``True`` when this call built them."""
    try:
        with transaction.atomic():
            state, created = RollUpState.objects.get_or_create(version=version)
            if not created:
                return False
            rows = 0
            with connection.cursor() as cursor:
                for summed_away, kept_other in (("ssyk", "region"), ("region", "ssyk")):
                    cursor.execute(_insert_sql(summed_away, kept_other), [MARKER, version.pk])
                    rows += max(cursor.rowcount, 0)
            state.rows = rows
            state.save(update_fields=["rows"])
            return True
    except IntegrityError:  # another request built them at the same moment
        return False
