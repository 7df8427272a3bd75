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

from django.utils.translation import gettext_noop

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
    gettext_noop("Current matters and round of information"),
    "information",
    gettext_noop("Every meeting also has room for current information and what the members bring."),
)

INDUSTRY_FORUM = TemplateSpec(
    key="industry_forum",
    name=gettext_noop("Industry forum"),
    description=gettext_noop(
        "Four meetings a year with one focus each: the industry's development (Q1), trends and future "
        "competence needs (Q2), education outcomes (Q3) and education orders (Q4), plus the future "
        "seminar shared by all industry forums of the space."
    ),
    slots=(
        SlotSpec(
            key="q1",
            title=gettext_noop("Q1: Industry development and review of support"),
            months=(2,),
            week_of_month=2,
            agenda=(
                AgendaSpec(
                    gettext_noop("Industry development – nationally and in the region"),
                    description=gettext_noop("How is the industry developing? Growth analyses and industry surveys."),
                ),
                AgendaSpec(gettext_noop("Review of stimulus and support")),
                CURRENT_MATTERS,
            ),
        ),
        SlotSpec(
            key="q2",
            title=gettext_noop("Q2: Trends and future competence needs"),
            months=(4,),
            week_of_month=3,
            agenda=(
                AgendaSpec(gettext_noop("Trend analysis: what is new and what is changing")),
                AgendaSpec(gettext_noop("Future competence needs in the short and the long term")),
                CURRENT_MATTERS,
            ),
        ),
        SlotSpec(
            key="future_seminar",
            title=gettext_noop("Future seminar of the industry forums"),
            months=(5,),
            week_of_month=2,
            weekday=THURSDAY,
            time_of_day=time(9, 0),
            duration_minutes=420,
            space_wide=True,
            agenda=(
                AgendaSpec(gettext_noop("Trends and future competence needs across the industries")),
                AgendaSpec(
                    gettext_noop("Workshop: the competence needs of tomorrow"),
                    description=gettext_noop(
                        "A workshop-based analysis of future competence needs, industry by industry."
                    ),
                ),
            ),
        ),
        SlotSpec(
            key="q3",
            title=gettext_noop("Q3: Education outcomes"),
            months=(9,),
            week_of_month=3,
            agenda=(
                AgendaSpec(
                    gettext_noop("Official statistics: completions and students in education"),
                    "information",
                    gettext_noop("How many completed their education and how many are in education, year by year."),
                ),
                AgendaSpec(gettext_noop("Higher vocational education (YH): applications and need for new programmes")),
                AgendaSpec(gettext_noop("Labour-market training"), "information"),
                AgendaSpec(gettext_noop("Validations"), "information"),
                AgendaSpec(gettext_noop("Discussion of education quality")),
            ),
        ),
        SlotSpec(
            key="q4",
            title=gettext_noop("Q4: Education orders"),
            months=(11,),
            week_of_month=3,
            agenda=(
                AgendaSpec(gettext_noop("Education orders: new programmes and changes"), "decision"),
                AgendaSpec(gettext_noop("Initial and further education")),
                AgendaSpec(gettext_noop("Validation")),
                CURRENT_MATTERS,
            ),
        ),
    ),
)

NATIONAL_CYCLE = TemplateSpec(
    key="national_cycle",
    name=gettext_noop("National strategic cycle with the regions"),
    description=gettext_noop(
        "The yearly dialogue between the national collaboration and the regions: the regions' input in "
        "December, the steering group in January and February, the GD meeting's decision in March, "
        "feedback to the regions and a follow-up meeting in May."
    ),
    slots=(
        SlotSpec(
            key="jan_preliminary",
            title=gettext_noop("Steering group: preliminary goals and priorities"),
            months=(1,),
            week_of_month=3,
            agenda=(
                AgendaSpec(gettext_noop("The dialogue group presents the regions' input"), "information"),
                AgendaSpec(gettext_noop("Preliminary goals and priorities for the coming year")),
            ),
        ),
        SlotSpec(
            key="feb_final",
            title=gettext_noop("Steering group: final preparation of goals and priorities"),
            months=(2,),
            week_of_month=3,
            agenda=(AgendaSpec(gettext_noop("Proposal of goals and priorities to the GD meeting"), "decision"),),
        ),
        SlotSpec(
            key="mar_gd",
            title=gettext_noop("GD meeting: decision on goals and priorities"),
            months=(3,),
            week_of_month=3,
            weekday=THURSDAY,
            time_of_day=time(13, 0),
            agenda=(AgendaSpec(gettext_noop("Goals and priorities for the coming year"), "decision"),),
        ),
        SlotSpec(
            key="apr_feedback",
            title=gettext_noop("Feedback to the regions"),
            months=(4,),
            week_of_month=1,
            weekday=MONDAY,
            time_of_day=time(10, 0),
            duration_minutes=90,
            agenda=(
                AgendaSpec(
                    gettext_noop("What the GD meeting decided and how the regions' input was taken into account"),
                    "information",
                ),
            ),
        ),
        SlotSpec(
            key="may_follow_up",
            title=gettext_noop("Follow-up meeting with the regions' focus group"),
            months=(5,),
            week_of_month=3,
            weekday=WEDNESDAY,
            agenda=(
                AgendaSpec(gettext_noop("How the collaboration with the regions works")),
                AgendaSpec(gettext_noop("Preparing the revision of the impact and result goals")),
            ),
        ),
        SlotSpec(
            key="dec_input",
            title=gettext_noop("Input from the regions' focus group"),
            months=(12,),
            week_of_month=1,
            weekday=WEDNESDAY,
            agenda=(
                AgendaSpec(gettext_noop("The regions' input on needs and priorities for the next cycle")),
                AgendaSpec(gettext_noop("New needs and priorities growing at regional level")),
            ),
        ),
    ),
)

PROCESS_LEADERS = TemplateSpec(
    key="process_leaders",
    name=gettext_noop("Process-leader meetings every six weeks"),
    description=gettext_noop(
        "The secretariat calls the process leaders of the working groups every six weeks to share experience "
        "and find synergies between the groups. The series pauses over the summer break."
    ),
    slots=(
        SlotSpec(
            key="meeting",
            title=gettext_noop("Process-leader meeting"),
            interval_weeks=6,
            start_month=1,
            start_day=10,
            weekday=TUESDAY,
            time_of_day=time(13, 0),
            duration_minutes=90,
            agenda=(
                AgendaSpec(gettext_noop("Experience exchange between the working groups")),
                AgendaSpec(gettext_noop("Current matters from the secretariat"), "information"),
                AgendaSpec(gettext_noop("Synergies and cooperation between the working groups")),
            ),
        ),
    ),
)

STATUS_REPORTS = TemplateSpec(
    key="status_reports",
    name=gettext_noop("Status-report rounds twice a year"),
    description=gettext_noop(
        "The working groups report their status to the steering group twice a year, with a traffic-light "
        "assessment (green, yellow, red) of planned activities and results."
    ),
    slots=(
        SlotSpec(
            key="round",
            title=gettext_noop("Status-report round"),
            months=(4, 10),
            week_of_month=3,
            weekday=WEDNESDAY,
            agenda=(
                AgendaSpec(
                    gettext_noop("Status reports from the working groups"),
                    description=gettext_noop("Traffic-light assessment of planned activities and results."),
                ),
                AgendaSpec(gettext_noop("Feedback from the steering group to the working groups"), "information"),
            ),
        ),
    ),
)

#: Every shipped template by key, in the order they are offered.
SHIPPED: dict[str, TemplateSpec] = {
    spec.key: spec for spec in (INDUSTRY_FORUM, NATIONAL_CYCLE, PROCESS_LEADERS, STATUS_REPORTS)
}
