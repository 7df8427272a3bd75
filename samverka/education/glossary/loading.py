"""Put the shipped platform-wide terms back (after a test flush, or into a database that lost them)."""

from importlib import import_module

from django.apps import apps


def load_platform_terms() -> None:
    """Create or refresh the terms the data migration ships (idempotent)."""
    migration = import_module("samverka.education.glossary.migrations.0002_platform_terms")
    migration.add_terms(apps, None)
