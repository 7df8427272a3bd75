"""Synthetic EMIL3 (Susa-navet) responses the project ships: see README.md in this folder."""

from pathlib import Path

#: The folder of the shipped fixtures.
FIXTURES = Path(__file__).resolve().parent

#: Sörmland's recorded-format feed: the full run, a delta run and a feed with bad items.
SORMLAND_FULL = FIXTURES / "sormland" / "full"
SORMLAND_DELTA = FIXTURES / "sormland" / "delta"
SORMLAND_BAD = FIXTURES / "sormland" / "bad"
