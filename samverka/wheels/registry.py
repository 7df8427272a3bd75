"""The shipped annual-wheel templates, kept in Python so their texts are translatable.

The database holds a copy of each template (``WheelTemplate``/``WheelSlot``,
written by ``services.sync_wheel_templates`` after every migrate) so that
generated meetings can point at a slot and space-made templates work the same
way. The texts are stored as the English source strings marked here with
``gettext_noop``; pages translate them when they show a shipped template, and
meetings are generated in the site's language.

Sources: the industry forum's annual wheel (seed 004, ch. 6.4.1: four meetings
with one focus per quarter and a future seminar shared by all industry
forums), the strategic cycle between MSV KLL and the regions (seed 000,
ch. 2.3: December input, January and February in the steering group, the GD
meeting's decision in March, feedback to the regions, follow-up in May), the
process-leader meetings every six weeks and the working groups' status
reports to the steering group twice a year (seed 001).

Dates: ``months`` + ``week_of_month`` (1–4, or -1 for the last) + ``weekday``
(0 = Monday) give one meeting per listed month; ``interval_weeks`` gives a
series every N weeks from the first ``weekday`` on or after
``start_month``/``start_day``. Dates that fall on a weekend, a Swedish public
holiday or in the summer break are moved (see planning.py).
"""

from dataclasses import dataclass, field
from datetime import time

from django.utils.translation import gettext_noop as N_

MONDAY, TUESDAY, WEDNESDAY, THURSDAY = 0, 1, 2, 3


@dataclass(frozen=True)
class AgendaSpec:
    title: str
    kind: str = "discussion"
    description: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "kind": self.kind, "description": self.description}


@dataclass(frozen=True)
class SlotSpec:
    key: str
    title: str
    months: tuple[int, ...] = ()
    week_of_month: int = 2
    weekday: int = TUESDAY
    interval_weeks: int | None = None
    start_month: int = 1
    start_day: int = 1
    time_of_day: time = time(9, 0)
    duration_minutes: int = 120
    agenda: tuple[AgendaSpec, ...] = ()
    space_wide: bool = False


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    name: str
    description: str
    slots: tuple[SlotSpec, ...] = field(default_factory=tuple)


CURRENT_MATTERS = AgendaSpec(
    N_("Current matters and round of information"),
    "information",
    N_("Every meeting also has room for current information and what the members bring."),
)

INDUSTRY_FORUM = TemplateSpec(
    key="industry_forum",
    name=N_("Industry forum"),
    description=N_(
        "Four meetings a year with one focus each: the industry's development (Q1), trends and future "
        "competence needs (Q2), education outcomes (Q3) and education orders (Q4), plus the future "
        "seminar shared by all industry forums of the space."
    ),
    slots=(
        SlotSpec(
            key="q1",
            title=N_("Q1: Industry development and review of support"),
            months=(2,),
            week_of_month=2,
            agenda=(
                AgendaSpec(
                    N_("Industry development – nationally and in the region"),
                    description=N_("How is the industry developing? Growth analyses and industry surveys."),
                ),
                AgendaSpec(N_("Review of stimulus and support")),
                CURRENT_MATTERS,
            ),
        ),
        SlotSpec(
            key="q2",
            title=N_("Q2: Trends and future competence needs"),
            months=(4,),
            week_of_month=3,
            agenda=(
                AgendaSpec(N_("Trend analysis: what is new and what is changing")),
                AgendaSpec(N_("Future competence needs in the short and the long term")),
                CURRENT_MATTERS,
            ),
        ),
        SlotSpec(
            key="future_seminar",
            title=N_("Future seminar of the industry forums"),
            months=(5,),
            week_of_month=2,
            weekday=THURSDAY,
            time_of_day=time(9, 0),
            duration_minutes=420,
            space_wide=True,
            agenda=(
                AgendaSpec(N_("Trends and future competence needs across the industries")),
                AgendaSpec(
                    N_("Workshop: the competence needs of tomorrow"),
                    description=N_("A workshop-based analysis of future competence needs, industry by industry."),
                ),
            ),
        ),
        SlotSpec(
            key="q3",
            title=N_("Q3: Education outcomes"),
            months=(9,),
            week_of_month=3,
            agenda=(
                AgendaSpec(
                    N_("Official statistics: completions and students in education"),
                    "information",
                    N_("How many completed their education and how many are in education, year by year."),
                ),
                AgendaSpec(N_("Higher vocational education (YH): applications and need for new programmes")),
                AgendaSpec(N_("Labour-market training"), "information"),
                AgendaSpec(N_("Validations"), "information"),
                AgendaSpec(N_("Discussion of education quality")),
            ),
        ),
        SlotSpec(
            key="q4",
            title=N_("Q4: Education orders"),
            months=(11,),
            week_of_month=3,
            agenda=(
                AgendaSpec(N_("Education orders: new programmes and changes"), "decision"),
                AgendaSpec(N_("Initial and further education")),
                AgendaSpec(N_("Validation")),
                CURRENT_MATTERS,
            ),
        ),
    ),
)

NATIONAL_CYCLE = TemplateSpec(
    key="national_cycle",
    name=N_("National strategic cycle with the regions"),
    description=N_(
        "The yearly dialogue between the national collaboration and the regions: the regions' input in "
        "December, the steering group in January and February, the GD meeting's decision in March, "
        "feedback to the regions and a follow-up meeting in May."
    ),
    slots=(
        SlotSpec(
            key="jan_preliminary",
            title=N_("Steering group: preliminary goals and priorities"),
            months=(1,),
            week_of_month=3,
            agenda=(
                AgendaSpec(N_("The dialogue group presents the regions' input"), "information"),
                AgendaSpec(N_("Preliminary goals and priorities for the coming year")),
            ),
        ),
        SlotSpec(
            key="feb_final",
            title=N_("Steering group: final preparation of goals and priorities"),
            months=(2,),
            week_of_month=3,
            agenda=(AgendaSpec(N_("Proposal of goals and priorities to the GD meeting"), "decision"),),
        ),
        SlotSpec(
            key="mar_gd",
            title=N_("GD meeting: decision on goals and priorities"),
            months=(3,),
            week_of_month=3,
            weekday=THURSDAY,
            time_of_day=time(13, 0),
            agenda=(AgendaSpec(N_("Goals and priorities for the coming year"), "decision"),),
        ),
        SlotSpec(
            key="apr_feedback",
            title=N_("Feedback to the regions"),
            months=(4,),
            week_of_month=1,
            weekday=MONDAY,
            time_of_day=time(10, 0),
            duration_minutes=90,
            agenda=(
                AgendaSpec(
                    N_("What the GD meeting decided and how the regions' input was taken into account"),
                    "information",
                ),
            ),
        ),
        SlotSpec(
            key="may_follow_up",
            title=N_("Follow-up meeting with the regions' focus group"),
            months=(5,),
            week_of_month=3,
            weekday=WEDNESDAY,
            agenda=(
                AgendaSpec(N_("How the collaboration with the regions works")),
                AgendaSpec(N_("Preparing the revision of the impact and result goals")),
            ),
        ),
        SlotSpec(
            key="dec_input",
            title=N_("Input from the regions' focus group"),
            months=(12,),
            week_of_month=1,
            weekday=WEDNESDAY,
            agenda=(
                AgendaSpec(N_("The regions' input on needs and priorities for the next cycle")),
                AgendaSpec(N_("New needs and priorities growing at regional level")),
            ),
        ),
    ),
)

PROCESS_LEADERS = TemplateSpec(
    key="process_leaders",
    name=N_("Process-leader meetings every six weeks"),
    description=N_(
        "The secretariat calls the process leaders of the working groups every six weeks to share experience "
        "and find synergies between the groups. The series pauses over the summer break."
    ),
    slots=(
        SlotSpec(
            key="meeting",
            title=N_("Process-leader meeting"),
            interval_weeks=6,
            start_month=1,
            start_day=10,
            weekday=TUESDAY,
            time_of_day=time(13, 0),
            duration_minutes=90,
            agenda=(
                AgendaSpec(N_("Experience exchange between the working groups")),
                AgendaSpec(N_("Current matters from the secretariat"), "information"),
                AgendaSpec(N_("Synergies and cooperation between the working groups")),
            ),
        ),
    ),
)

STATUS_REPORTS = TemplateSpec(
    key="status_reports",
    name=N_("Status-report rounds twice a year"),
    description=N_(
        "The working groups report their status to the steering group twice a year, with a traffic-light "
        "assessment (green, yellow, red) of planned activities and results."
    ),
    slots=(
        SlotSpec(
            key="round",
            title=N_("Status-report round"),
            months=(4, 10),
            week_of_month=3,
            weekday=WEDNESDAY,
            agenda=(
                AgendaSpec(
                    N_("Status reports from the working groups"),
                    description=N_("Traffic-light assessment of planned activities and results."),
                ),
                AgendaSpec(N_("Feedback from the steering group to the working groups"), "information"),
            ),
        ),
    ),
)

#: Every shipped template by key, in the order they are offered.
SHIPPED: dict[str, TemplateSpec] = {
    spec.key: spec for spec in (INDUSTRY_FORUM, NATIONAL_CYCLE, PROCESS_LEADERS, STATUS_REPORTS)
}
