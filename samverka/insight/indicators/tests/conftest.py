"""These tests read the pages' English text, as the statistics tests do (the same fixture)."""

from samverka.insight.statistics.tests.conftest import english_pages  # noqa: F401  (an autouse fixture)
