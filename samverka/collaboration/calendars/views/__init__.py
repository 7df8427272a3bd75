from samverka.collaboration.calendars.views.feeds import (
    BodyFeedView,
    FeedsView,
    PersonalFeedView,
    PublicFeedView,
    SpaceFeedView,
)
from samverka.collaboration.calendars.views.polls import (
    PollAnswerLinkView,
    PollAnswerView,
    PollChooseView,
    PollCreateView,
    PollDetailView,
)
from samverka.collaboration.calendars.views.sources import SourceDeleteView, SourceListView, SourceRefreshView

__all__ = [
    "BodyFeedView",
    "FeedsView",
    "PersonalFeedView",
    "PollAnswerLinkView",
    "PollAnswerView",
    "PollChooseView",
    "PollCreateView",
    "PollDetailView",
    "PublicFeedView",
    "SourceDeleteView",
    "SourceListView",
    "SourceRefreshView",
    "SpaceFeedView",
]
