"""The demo's catalogue (filled in by the education capability)."""


def load_catalogue() -> None:
    """Load the demo's catalogue through the app's services."""
