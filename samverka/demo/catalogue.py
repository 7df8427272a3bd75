"""The demo's catalogue: Sörmland's education offering imported from the shipped EMIL3 fixtures.

Three runs through the importer, as the import page would make them: the full feed (all nine municipalities,
upper secondary, adult vocational, YH, folk high school and labour market training), a delta with changed,
new and removed items, and a delta with bad items (reported by id on the run's page, the rest imported).
The fixtures are synthetic (see ``catalogue/emil3/README.md``).
"""

from samverka.demo.accounts import SORMLAND_SLUG
from samverka.education.catalogue.emil3 import SORMLAND_BAD, SORMLAND_DELTA, SORMLAND_FULL
from samverka.education.catalogue.models import ImportRun
from samverka.education.catalogue.services.emil3 import DirectorySource, import_emil3
from samverka.platform.spaces.models import Space


def load_catalogue() -> list[ImportRun]:
    """Load the demo's catalogue through the app's services (the importer); returns its runs."""
    space = Space.objects.get(slug=SORMLAND_SLUG)
    runs = []
    for directory in (SORMLAND_FULL, SORMLAND_DELTA, SORMLAND_BAD):
        run = import_emil3(space=space, source=DirectorySource(directory))
        if run.status != "done":
            raise RuntimeError(f"The demo's EMIL3 import of {directory.name} failed: {run.message}")
        runs.append(run)
    return runs
