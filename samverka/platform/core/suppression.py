"""Small-number suppression: the one way an aggregated figure is masked before it leaves the insiders.

A cell below ``k`` (zero included) is masked. A total whose parts are shown beside it would give a masked
part away (total − the other parts), so when exactly one part of a total is masked, the total is masked too
(secondary suppression). Domain apps (validation, cohorts) build their tables from these cells.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """A figure of a public or exported table: ``value`` is None when it is masked (below k)."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None


def suppress(
    values: Mapping[str, int | None], k: int, totals: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Cell]:
    """Each figure as a cell, masked below ``k``; a total with exactly one masked part is masked too.

    ``totals`` maps a total's name to its parts' names. A figure that is ``None`` (not known) is masked.
    """
    masked = {name for name, value in values.items() if value is None or value < k}
    for total, parts in (totals or {}).items():
        if sum(part in masked for part in parts) == 1:
            masked.add(total)
    return {name: Cell(None if name in masked else value) for name, value in values.items()}
