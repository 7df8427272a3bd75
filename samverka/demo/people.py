"""Fictional people for the demo and the national-scale generator.

Names are common Swedish first names and surnames combined at random by a
seeded generator, so every run produces the same people. They are not real
persons; e-mail addresses use the reserved ``.example`` top-level domain.
"""

import random
import re
import unicodedata
from dataclasses import dataclass

# fmt: off
WOMEN = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin",
    "Linnea", "Sofia", "Johanna", "Elin", "Hanna", "Ida", "Helena", "Annika", "Camilla", "Jenny",
    "Susanne", "Ulrika", "Petra", "Therese", "Åsa", "Frida", "Matilda", "Louise", "Amina", "Leila",
    "Fatima", "Aida", "Mirja", "Saga", "Maja", "Ebba", "Agnes", "Klara", "Cecilia", "Monika",
)
MEN = (
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Jan", "Hans",
    "Peter", "Fredrik", "Daniel", "Mattias", "Henrik", "Magnus", "Jonas", "Andreas", "Stefan", "Oskar",
    "Viktor", "Gustav", "Axel", "Emil", "Marcus", "Olof", "Björn", "Göran", "Tobias", "Ali",
    "Omar", "Ahmed", "Kristian", "Mehmet", "Juha", "Pekka", "Jesper", "Rasmus", "Sebastian", "Linus",
)
SURNAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
    "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg",
    "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund",
    "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund",
    "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm", "Wikström",
    "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson", "Löfgren",
    "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström", "Mårtensson", "Lundström", "Hassan",
    "Mohammed", "Ali", "Yilmaz", "Korhonen", "Nieminen", "Kovač", "Nowak", "Haddad", "Abdi", "Ekström",
)
# fmt: on

_TRANSLITERATION = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "č": "c", "æ": "ae", "ø": "o"})


def ascii_slug(text: str, *, separator: str = "-") -> str:
    """Lower-case ASCII for e-mail local parts and domains: 'Björk Åsa' → 'bjork-asa'."""
    text = text.lower().translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", separator, text).strip(separator)


@dataclass(frozen=True)
class Person:
    """A fictional person: a name and the gender they reported (blank when not given)."""

    first_name: str
    last_name: str
    gender: str
    born_abroad: bool | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def email(self, domain: str) -> str:
        return f"{ascii_slug(self.first_name)}.{ascii_slug(self.last_name)}@{domain}"


class PeopleGenerator:
    """Draws fictional people from a seeded random source; never repeats a full name.

    About one person in eight leaves gender blank, and about a quarter leave
    the (optional, self-reported) foreign-background question unanswered.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self) -> Person:
        rng = self.rng
        for attempt in range(50):
            is_woman = rng.random() < 0.5
            first = rng.choice(WOMEN if is_woman else MEN)
            last = rng.choice(SURNAMES)
            if attempt > 10:  # the combinations run out in big runs: add a middle initial
                last = f"{rng.choice('ABDEFGHIJKLMNOPRSTUV')}. {last}"
            name = f"{first} {last}"
            if name not in self.used:
                break
        self.used.add(name)
        roll = rng.random()
        gender = "" if roll < 0.12 else ("woman" if is_woman else "man")
        abroad_roll = rng.random()
        born_abroad = None if abroad_roll < 0.25 else abroad_roll > 0.82
        return Person(first_name=first, last_name=last, gender=gender, born_abroad=born_abroad)
