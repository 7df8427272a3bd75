"""The environment every benchmark script runs in: the production settings on loopback.

Call :func:`setup` before importing anything that needs Django's settings::

    import environment  # benchmarks/environment.py

    environment.setup()
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(**overrides: str) -> None:
    """Put the project on the path, default the settings ``make bench`` exports, apply ``overrides``
    (environment variables that must hold whatever the caller exported) and set Django up."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-production-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("SECURE_COOKIES", "false")
    os.environ.update(overrides)

    import django

    django.setup()
