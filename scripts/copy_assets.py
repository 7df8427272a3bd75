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


def main() -> int:
    if not SOURCE.exists():
        print("node_modules is missing: run `npm ci` first", file=sys.stderr)
        return 1
    for source, target in FILES.items():
        destination = TARGET / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SOURCE / source, destination)
    for source, target in FOLDERS.items():
        destination = TARGET / target
        destination.mkdir(parents=True, exist_ok=True)
        for name in SWAGGER_FILES:
            shutil.copy2(SOURCE / source / name, destination / name)
    images = SOURCE / "leaflet/dist/images"
    shutil.copytree(images, TARGET / "leaflet/images", dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
