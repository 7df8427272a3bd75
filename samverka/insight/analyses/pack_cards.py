"""The place on an industry forum's data pack where apps built higher up add a card.

The insight layer may not import the education apps, so the education offerings, places and validations
for the body's occupations come in as a card: ``pack_cards.register(Panel(...))`` in the higher app's
``AppConfig.ready()`` (``knowledgenodes`` does). Each card's ``context(body, coverage)`` returns the data its
template shows in the PDF; the ``Table`` objects under its ``"tables"`` key also go into the pack's
workbook and CSV files. A light module of its own, so registering a card does not load the chart code.
"""

from samverka.platform.core.panels import Panels

pack_cards = Panels("the industry forum's data pack")
