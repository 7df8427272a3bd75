"""Signals other apps listen to, so that statistics need not know them."""

from django.dispatch import Signal

#: Sent by ``services.publish_version`` inside its transaction, with ``version``: the version just published.
version_published = Signal()
