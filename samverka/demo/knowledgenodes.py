"""The demo's knowledgenodes (filled in by the education capability)."""


def load_knowledgenodes() -> None:
    """Load the demo's knowledgenodes through the app's services."""
