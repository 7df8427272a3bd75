"""Copy the front-end files Samverka serves from node_modules into var/npm.

npm installs the packages named in package.json (never a CDN); this script
picks the files the pages use so `collectstatic`/WhiteNoise can serve them.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules"
TARGET = ROOT / "var" / "npm"

FILES = {
    "htmx.org/dist/htmx.min.js": "htmx.org/dist/htmx.min.js",
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "axe-core/axe.min.js": "axe-core/axe.min.js",
}
FOLDERS = {"swagger-ui-dist": "swagger-ui-dist"}
SWAGGER_FILES = ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png"]


def copy(source: Path, destination: Path) -> None:
    """Copy one file and, when the package ships it, its source map.

    The manifest storage rewrites `sourceMappingURL` comments and refuses to
    collect a file whose map is missing.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, destination)
    source_map = source.with_name(source.name + ".map")
    if source_map.exists():
        shutil.copy2(source_map, destination.with_name(destination.name + ".map"))


def main() -> int:
    if not SOURCE.exists():
        print("node_modules is missing: run `npm ci` first", file=sys.stderr)
        return 1
    for source, target in FILES.items():
        copy(SOURCE / source, TARGET / target)
    for source, target in FOLDERS.items():
        for name in SWAGGER_FILES:
            copy(SOURCE / source / name, TARGET / target / name)
    images = SOURCE / "leaflet/dist/images"
    shutil.copytree(images, TARGET / "leaflet/images", dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
