"""The demo's validation (filled in by the education capability)."""


def load_validation() -> None:
    """Load the demo's validation through the app's services."""
