"""Demo: questions and orders between Sörmland's bodies (seed 004 ch. 6.4.4 and appendix 6).

* The local competence workshop in Eskilstuna asks the programme council for the Industritekniska
  programmet whether adults can study in the programme's workshops; the council escalates it to
  Branschforum Industri och teknik, which answers (the answer comes back down the chain).
* Branschforum Industri och teknik orders a CNC operator education from the Eskilstuna workshop,
  which turned it into line decisions: delivered as an established Komvux programme; a second order
  (welding) is accepted and under way.
* The programme council for Vård- och omsorgsprogrammet, Eskilstuna, asked Branschforum Vård och omsorg
  about work placements; accepted but overdue.
* The programme council in Katrineholm asked Branschforum Transport och logistik a fresh question.

Everything goes through the question services as the system, so the notifications to the bodies'
leaders are queued in the outbox like real ones. Skipped when the Sörmland space or a body is missing.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from samverka.collaboration.bodies.models import Body
from samverka.demo.accounts import SORMLAND_SLUG
from samverka.platform.spaces.models import Space
from samverka.records.questions import services
from samverka.records.questions.models import Question, QuestionEvent, QuestionKind

WORKSHOP = "Lokal kompetensverkstad Eskilstuna"
INDUSTRY = "Branschforum Industri och teknik"
CARE = "Branschforum Vård och omsorg"
TRANSPORT = "Branschforum Transport och logistik"
COUNCIL_IN = "Programråd Industritekniska programmet, Eskilstuna"
COUNCIL_VO = "Programråd Vård- och omsorgsprogrammet, Eskilstuna"
COUNCIL_FT = "Programråd Fordons- och transportprogrammet, Katrineholm"


def _age(question: Question, *, days_ago: int, due_in: int) -> None:
    """Move a question (and its history) back in time, as if raised ``days_ago`` days ago."""
    now = timezone.now()
    Question.objects.filter(pk=question.pk).update(
        created_at=now - timedelta(days=days_ago), due_on=timezone.localdate() + timedelta(days=due_in)
    )
    events = list(QuestionEvent.objects.filter(question=question).order_by("pk"))
    for step, event in enumerate(events):
        event.at = now - timedelta(days=days_ago) + timedelta(days=min(step * 3, days_ago))
    QuestionEvent.objects.bulk_update(events, ["at"])


def _raise(bodies: dict[str, Body], sender: str, receiver: str, kind: str, title: str, text: str) -> Question:
    return services.question_raise(
        actor=None,
        from_body=bodies[sender],
        to_body=bodies[receiver],
        kind=kind,
        title=title,
        text=text,
        due_on=timezone.localdate() + timedelta(days=30),
    )


def load_questions() -> list[Question]:
    space = Space.objects.filter(slug=SORMLAND_SLUG).first()
    if space is None or Question.objects.filter(space=space).exists():
        return []
    names = (WORKSHOP, INDUSTRY, CARE, TRANSPORT, COUNCIL_IN, COUNCIL_VO, COUNCIL_FT)
    bodies = {body.name: body for body in Body.objects.filter(space=space, name__in=names)}
    if len(bodies) < len(names):
        return []
    made: list[Any] = []

    adults = _raise(
        bodies,
        WORKSHOP,
        COUNCIL_IN,
        QuestionKind.QUESTION,
        "Kan vuxna läsa i Industritekniska programmets verkstäder?",
        "Komvux Eskilstuna har 14 sökande till industriteknik men saknar verkstadslokaler. Kan "
        "gymnasieprogrammets verkstäder användas eftermiddagar och kvällar från höstterminen?",
    )
    upper = services.question_escalate(
        actor=None,
        question=adults,
        reason="Frågan gäller delad användning av lokaler mellan skolformer och berör fler skolor i länet; "
        "programrådet kan inte fatta beslut om den.",
    )
    services.question_answer(
        actor=None,
        question=upper,
        answer="Branschforumet ställer sig bakom samnyttjande av verkstäderna och tar frågan vidare som en "
        "beställning till den lokala kompetensverkstaden: Rinmansgymnasiet och Komvux Eskilstuna tecknar "
        "en överenskommelse om kvällstid från höstterminen.",
    )
    _age(adults, days_ago=40, due_in=-10)
    _age(upper, days_ago=35, due_in=-10)
    made += [adults, upper]

    cnc = _raise(
        bodies,
        INDUSTRY,
        WORKSHOP,
        QuestionKind.EDUCATION_ORDER,
        "Beställning: yrkesutbildning CNC-operatör, 20 platser",
        "Medlemsföretagen behöver 20 CNC-operatörer per år de kommande tre åren. Forumet beställer en "
        "regional yrkesutbildning för vuxna med start i höst, gärna med lärlingsdel hos företagen.",
    )
    services.question_accept(actor=None, question=cnc)
    services.question_deliver(
        actor=None,
        question=cnc,
        answer="Kompetensverkstaden beslutade att Komvux Eskilstuna inrättar yrkesutbildningen CNC-operatör "
        "(40 veckor, 20 platser) med start vecka 34. Arbetsförmedlingen anvisar deltagare och fem företag "
        "tar emot lärlingar.",
    )
    _age(cnc, days_ago=120, due_in=-60)
    made.append(cnc)

    welding = _raise(
        bodies,
        INDUSTRY,
        WORKSHOP,
        QuestionKind.EDUCATION_ORDER,
        "Beställning: svetsutbildning med certifiering, 12 platser",
        "Forumet beställer en kortare svetsutbildning med certifiering enligt SS-EN ISO 9606 för vuxna "
        "som redan har en industriteknisk grund.",
    )
    services.question_accept(actor=None, question=welding)
    _age(welding, days_ago=20, due_in=45)
    made.append(welding)

    placements = _raise(
        bodies,
        COUNCIL_VO,
        CARE,
        QuestionKind.REQUEST,
        "Fler APL-platser inom hemtjänsten",
        "Programrådet saknar 25 platser för arbetsplatsförlagt lärande i årskurs 2 till våren. Vi ber "
        "forumet att samordna hur kommunerna och de privata utförarna fördelar platserna.",
    )
    services.question_accept(actor=None, question=placements)
    _age(placements, days_ago=50, due_in=-12)  # overdue
    made.append(placements)

    licences = _raise(
        bodies,
        COUNCIL_FT,
        TRANSPORT,
        QuestionKind.QUESTION,
        "Behörighet för C-körkort inom utbildningen",
        "Kan forumets medlemsföretag bidra med övningskörning för tunga fordon, så att eleverna kan ta "
        "C-körkort under utbildningen?",
    )
    _age(licences, days_ago=5, due_in=25)
    made.append(licences)
    return made
