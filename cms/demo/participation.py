"""Demo participation records: neighbourhoods, associations and public boards,
their representatives, three years of composition reports and two years of
activities. A seeded generator, so every run gives the same data.

The names are invented. The numbers have patterns for the council pages to
find: members with a multicultural background (immigrants and descendants)
are a larger share in Aalborg Øst and in community associations, a smaller
share on boards than among members, and a slowly growing share on boards year
by year. Writes go through participation/associations/services.py like a
representative's; public boards are set up directly, as staff do in the
Wagtail admin.
"""

import datetime
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.demo import instrument
from participation.associations import services
from participation.associations.access import COUNCIL_GROUP
from participation.associations.cvr import WEIGHTS as CVR_WEIGHTS
from participation.associations.models import (
    BOARD_FIELDS,
    MEMBER_FIELDS,
    PUBLIC_BOARD_KINDS,
    ActivityKind,
    Association,
    AssociationKind,
    Neighbourhood,
    Status,
)

K = AssociationKind
REPRESENTATIVE_EMAIL = "forening@medborger.example"
REPRESENTATIVE_PASSWORD = "demo-forening-2026"  # noqa: S105 - printed demo login
COUNCIL_EMAIL = "raad@medborger.example"
COUNCIL_PASSWORD = "demo-raad-2026"  # noqa: S105 - printed demo login
LANGS = [code for code, _name in settings.LANGUAGES]
YEARS_OF_REPORTS = 3
ACTIVITY_DAYS = 730  # activities in the last two years, none in the future
ACTIVITIES = 320


@dataclass(frozen=True)
class Unit:
    """An association or public board. ``share`` overrides the multicultural
    share of its members that would follow from neighbourhood and kind;
    ``languages`` are community languages its activities often use."""

    name: str
    kind: str
    area: str
    share: float | None = None
    languages: tuple[str, ...] = ()
    pending: bool = False


UNITS = [
    # Sport
    Unit("Aalborg Øst Boldklub", K.SPORT, "aalborg_ost"),
    Unit("Øst Kampsport og Fitness", K.SPORT, "aalborg_ost"),
    Unit("Vestbyens Svømmeklub", K.SPORT, "vestbyen"),
    Unit("Centrum Basket Aalborg", K.SPORT, "centrum"),
    Unit("Bordtennisklubben Fjordbolden", K.SPORT, "norresundby"),
    Unit("Hasseris Padel og Tennis", K.SPORT, "hasseris"),
    Unit("Vejgaard Atletik og Motion", K.SPORT, "vejgaard"),
    Unit("Gug Løbeklub", K.SPORT, "gug"),
    Unit("Svenstrup Cykelmotion", K.SPORT, "svenstrup"),
    Unit("Vestbyens Cricketklub", K.SPORT, "vestbyen", 0.7, ("en",), pending=True),
    # Culture
    Unit("Kulturforeningen Vestbyen", K.CULTURE, "vestbyen"),
    Unit("Kvindernes Kulturcafé Øst", K.CULTURE, "aalborg_ost", 0.75, ("ar", "so")),
    Unit(
        "Somalisk-Dansk Kulturforening Solparken",
        K.CULTURE,
        "aalborg_ost",
        0.85,
        ("so",),
    ),
    Unit("Dansk-Ukrainsk Kulturforening Centrum", K.CULTURE, "centrum", 0.9, ("uk",)),
    Unit("Sangkoret Fjordtonerne", K.CULTURE, "norresundby"),
    Unit("Vejgaard Amatørteater", K.CULTURE, "vejgaard"),
    Unit("Fotoklubben Hasseris", K.CULTURE, "hasseris"),
    Unit("Kunstforeningen Centrum", K.CULTURE, "centrum"),
    Unit("Tamilsk Kulturforening Vejgaard", K.CULTURE, "vejgaard", 0.9, pending=True),
    # Religious communities
    Unit("Moskéforeningen Solparken", K.RELIGIOUS, "aalborg_ost", 0.95, ("ar",)),
    Unit("Eritreansk-Ortodoks Menighed Øst", K.RELIGIOUS, "aalborg_ost", 0.95, ("ti",)),
    Unit(
        "Polsk Katolsk Menighedsforening Centrum", K.RELIGIOUS, "centrum", 0.85, ("pl",)
    ),
    Unit("Svenstrup Kirkes Venner", K.RELIGIOUS, "svenstrup", 0.03),
    Unit("Kirkens Ungdomsklub Gug", K.RELIGIOUS, "gug", 0.06),
    # Volunteering
    Unit("Lektiecafé Solparken", K.VOLUNTEERING, "aalborg_ost", 0.6, ("ar", "so")),
    Unit("Mødrenetværket Øst", K.VOLUNTEERING, "aalborg_ost", 0.9, ("ar", "so", "tr")),
    Unit("Frivilligt Netværk Vestbyen", K.VOLUNTEERING, "vestbyen"),
    Unit("Sprogvenner Centrum", K.VOLUNTEERING, "centrum", 0.5, ("en", "uk", "fa")),
    Unit("Besøgsvennerne Hasseris", K.VOLUNTEERING, "hasseris"),
    Unit("Nye Naboer Nørresundby", K.VOLUNTEERING, "norresundby", 0.4, ("uk",)),
    Unit("Madfællesskabet Vejgaard", K.VOLUNTEERING, "vejgaard"),
    Unit("Nørresundby Lektiehjælp", K.VOLUNTEERING, "norresundby", pending=True),
    # Residents' democracy
    Unit("Beboerforeningen Solparken", K.RESIDENTS, "aalborg_ost"),
    Unit("Beboernes Fællesråd Øst", K.RESIDENTS, "aalborg_ost"),
    Unit("Beboerforeningen Havebyen", K.RESIDENTS, "vestbyen"),
    Unit("Beboerforeningen Fjordtoften", K.RESIDENTS, "norresundby"),
    Unit("Beboerforeningen Engparken", K.RESIDENTS, "vejgaard"),
    Unit("Beboerforeningen Gug Mark", K.RESIDENTS, "gug"),
    # Parents' and pupils' organisations
    Unit("Forældreforeningen Solparkskolen", K.PARENTS, "aalborg_ost"),
    Unit("Forældrenetværket Vestbyen", K.PARENTS, "vestbyen"),
    Unit(
        "Flersprogede Forældre Øst", K.PARENTS, "aalborg_ost", 0.8, ("ar", "fa", "tr")
    ),
    Unit("Forældreforeningen Fjordskolen", K.PARENTS, "norresundby"),
    # Other associations
    Unit("Haveforeningen Solsikken", K.OTHER, "vejgaard"),
    Unit("Seniorklubben Svenstrup", K.OTHER, "svenstrup"),
    Unit("Spejderne i Gug", K.OTHER, "gug"),
    Unit("Dansk-Arabisk Erhvervsnetværk Centrum", K.OTHER, "centrum", 0.75, ("ar",)),
    Unit("Ungdomsklubben Solparken", K.OTHER, "aalborg_ost", pending=True),
    # Public boards, set up by staff
    Unit("Skolebestyrelsen, Solparkskolen", K.SCHOOL_BOARD, "aalborg_ost"),
    Unit("Skolebestyrelsen, Kastanjeskolen", K.SCHOOL_BOARD, "aalborg_ost"),
    Unit("Skolebestyrelsen, Vestbyskolen", K.SCHOOL_BOARD, "vestbyen"),
    Unit("Skolebestyrelsen, Fjordskolen", K.SCHOOL_BOARD, "norresundby"),
    Unit("Skolebestyrelsen, Hasseris Vestre Skole", K.SCHOOL_BOARD, "hasseris"),
    Unit("Skolebestyrelsen, Vejgaard Nordre Skole", K.SCHOOL_BOARD, "vejgaard"),
    Unit("Skolebestyrelsen, Gug Østre Skole", K.SCHOOL_BOARD, "gug"),
    Unit("Dagtilbudsbestyrelsen, Dagtilbud Øst", K.DAYCARE_BOARD, "aalborg_ost"),
    Unit("Dagtilbudsbestyrelsen, Dagtilbud Vestbyen", K.DAYCARE_BOARD, "vestbyen"),
    Unit("Dagtilbudsbestyrelsen, Dagtilbud Centrum", K.DAYCARE_BOARD, "centrum"),
    Unit(
        "Dagtilbudsbestyrelsen, Dagtilbud Nørresundby", K.DAYCARE_BOARD, "norresundby"
    ),
    Unit("Dagtilbudsbestyrelsen, Dagtilbud Syd", K.DAYCARE_BOARD, "svenstrup"),
    Unit("Afdelingsbestyrelsen, Solparken afd. 12", K.HOUSING_BOARD, "aalborg_ost"),
    Unit("Afdelingsbestyrelsen, Engparken afd. 4", K.HOUSING_BOARD, "vejgaard"),
    Unit("Afdelingsbestyrelsen, Fjordtoften afd. 7", K.HOUSING_BOARD, "norresundby"),
    Unit("Lokalrådet for Aalborg Øst", K.LOCAL_COUNCIL, "aalborg_ost"),
    Unit("Lokalrådet i Gug", K.LOCAL_COUNCIL, "gug"),
]
# The demo representative speaks for these, and has asked staff for one more.
REPRESENTED = (
    "Aalborg Øst Boldklub",
    "Lektiecafé Solparken",
    "Kulturforeningen Vestbyen",
    "Skolebestyrelsen, Solparkskolen",
)
REPRESENTATIVE_REQUESTS = ("Ungdomsklubben Solparken",)
# No report for the current year yet, so the "due" reminder shows.
LATE_THIS_YEAR = (
    "Kulturforeningen Vestbyen",
    "Gug Løbeklub",
    "Beboerforeningen Havebyen",
    "Madfællesskabet Vejgaard",
    "Seniorklubben Svenstrup",
    "Skolebestyrelsen, Vejgaard Nordre Skole",
)
REQUEST_NOTES = [
    "Vi er en ny forening og vil gerne indberette vores aktiviteter.",
    "Foreningen blev stiftet i år. Vedtægter kan sendes på mail.",
]
JOIN_NOTE = "Jeg er ny kasserer og overtager indberetningen fra formanden."

# Share of members with a multicultural background, by neighbourhood ...
AREA_SHARE = {
    "aalborg_ost": 0.42,
    "vestbyen": 0.18,
    "centrum": 0.17,
    "norresundby": 0.14,
    "vejgaard": 0.15,
    "gug": 0.08,
    "hasseris": 0.06,
    "svenstrup": 0.07,
    "other": 0.1,
}
# ... times this for the kind of unit.
KIND_FACTOR = {
    K.SPORT: 0.9,
    K.CULTURE: 1.0,
    K.RELIGIOUS: 1.0,
    K.VOLUNTEERING: 0.8,
    K.RESIDENTS: 1.2,
    K.PARENTS: 0.9,
    K.OTHER: 0.8,
    K.SCHOOL_BOARD: 0.9,
    K.DAYCARE_BOARD: 0.9,
    K.HOUSING_BOARD: 1.2,
    K.LOCAL_COUNCIL: 0.6,
}
# A board starts with this fraction of its members' multicultural share.
BOARD_FACTOR = 0.5
# (members, board seats, share of members under 18, share of women on the board)
SIZES = {
    K.SPORT: ((80, 600), (5, 9), 0.55, 0.35),
    K.CULTURE: ((25, 200), (3, 7), 0.15, 0.55),
    K.RELIGIOUS: ((30, 250), (5, 9), 0.3, 0.35),
    K.VOLUNTEERING: ((15, 120), (3, 7), 0.05, 0.65),
    K.RESIDENTS: ((40, 300), (5, 9), 0.0, 0.5),
    K.PARENTS: ((20, 150), (3, 7), 0.1, 0.7),
    K.OTHER: ((15, 150), (3, 7), 0.1, 0.45),
    K.SCHOOL_BOARD: ((0, 0), (7, 11), 0.0, 0.6),
    K.DAYCARE_BOARD: ((0, 0), (5, 9), 0.0, 0.65),
    K.HOUSING_BOARD: ((0, 0), (3, 7), 0.0, 0.45),
    K.LOCAL_COUNCIL: ((0, 0), (7, 13), 0.0, 0.45),
}
DESCRIPTIONS = {
    K.SPORT: "Træning og kampe for børn, unge og voksne i {area}.",
    K.CULTURE: "Kulturaftener, musik og fællesskab i {area}.",
    K.RELIGIOUS: "Trossamfund med gudstjenester, undervisning og fester i {area}.",
    K.VOLUNTEERING: "Frivillige, der hjælper naboer i {area}.",
    K.RESIDENTS: "Beboerdemokrati og fællesaktiviteter i {area}.",
    K.PARENTS: "Forældre, der samarbejder med skolen og hinanden i {area}.",
    K.OTHER: "Fællesskab og aktiviteter for alle i {area}.",
}
# (activity kind, weight) for the kind of unit.
ACTIVITY_MIX = {
    K.SPORT: (("sport", 70), ("event", 20), ("festival", 5), ("other", 5)),
    K.CULTURE: (("culture", 50), ("event", 25), ("festival", 15), ("course", 10)),
    K.RELIGIOUS: (("event", 40), ("culture", 25), ("course", 20), ("festival", 15)),
    K.VOLUNTEERING: (("mentoring", 35), ("course", 35), ("event", 20), ("other", 10)),
    K.RESIDENTS: (
        ("event", 50),
        ("festival", 20),
        ("council_meeting", 20),
        ("other", 10),
    ),
    K.PARENTS: (("event", 40), ("course", 30), ("council_meeting", 30)),
    K.OTHER: (("event", 40), ("course", 20), ("other", 40)),
    K.SCHOOL_BOARD: (("council_meeting", 70), ("event", 30)),
    K.DAYCARE_BOARD: (("council_meeting", 70), ("event", 30)),
    K.HOUSING_BOARD: (("council_meeting", 50), ("event", 30), ("festival", 20)),
    K.LOCAL_COUNCIL: (("council_meeting", 60), ("event", 25), ("festival", 15)),
}
# How often a kind of unit holds an activity, relative to the others.
ACTIVITY_RATE = {
    K.SPORT: 8,
    K.CULTURE: 7,
    K.RELIGIOUS: 5,
    K.VOLUNTEERING: 8,
    K.RESIDENTS: 6,
    K.PARENTS: 4,
    K.OTHER: 4,
    K.SCHOOL_BOARD: 2,
    K.DAYCARE_BOARD: 2,
    K.HOUSING_BOARD: 3,
    K.LOCAL_COUNCIL: 3,
}
# (titles, participants from, participants to) by activity kind.
ACTIVITY_KINDS = {
    "sport": (
        ["Træning for nye medlemmer", "Prøvetræning for piger", "Motionsløb", "Stævne"],
        10,
        60,
    ),
    "event": (
        ["Fællesspisning", "Åbent hus", "Familiedag", "Loppemarked", "Kaffemøde"],
        15,
        120,
    ),
    "course": (
        ["Dansk sprogcafé", "Cykelkursus for voksne", "Kursus i foreningsarbejde"],
        6,
        25,
    ),
    "mentoring": (["Lektiehjælp", "Jobmentor", "Netværksmøde for nye borgere"], 3, 20),
    "culture": (["Filmaften", "Koncert", "Fortælleaften", "Madkultur"], 15, 150),
    "festival": (["Verdensfestival", "Sommerfest i gården", "Eid-fest"], 80, 600),
    "council_meeting": (["Bestyrelsesmøde", "Generalforsamling", "Borgermøde"], 5, 40),
    "other": (["Udflugt", "Oprydningsdag", "Juleklip"], 10, 60),
}
# Share of activities whose participants' origin is known for all, for some,
# for none.
ORIGIN_KNOWN = (("all", 55), ("some", 25), ("none", 20))
# Languages besides Danish, weighted as among the survey's respondents.
OTHER_LANGUAGES = {
    "ar": 11,
    "tr": 8,
    "uk": 8,
    "so": 7,
    "fa": 6,
    "pl": 5,
    "ti": 5,
    "en": 4,
}


def valid_cvr(rng: random.Random) -> str:
    """A random eight-digit number that passes the CVR modulus-11 check."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(d * w for d, w in zip(digits, CVR_WEIGHTS, strict=False)) % 11
        if check < 10:
            return "".join(str(d) for d in [*digits, check])


def email_slug(name: str) -> str:
    """A name as it may stand in an e-mail address: "Aalborg Øst Boldklub"
    becomes "aalborg-oest-boldklub"."""
    name = name.lower()
    for letter, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        name = name.replace(letter, ascii_)
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in name).split()
    return "-".join(words)


def _split(rng: random.Random, total: int, weights: dict[str, float]) -> dict:
    """``total`` people drawn one by one into the fields of ``weights``."""
    counts = Counter(rng.choices(list(weights), list(weights.values()), k=total))
    return {name: counts[name] for name in weights}


def member_counts(
    rng: random.Random,
    *,
    total: int,
    share: float,
    child_share: float,
    unknown_share: float,
    descendant_share: float = 0.35,
) -> dict[str, int]:
    """Members by origin group × age group (MEMBER_FIELDS), ``total`` in all;
    ``share`` of those of known origin have a multicultural background.
    Descendants are younger, so more of them are children."""
    origin = {
        "danish": (1 - unknown_share) * (1 - share),
        "immigrant": (1 - unknown_share) * share * (1 - descendant_share),
        "descendant": (1 - unknown_share) * share * descendant_share,
        "unknown": unknown_share,
    }
    weights = {}
    for group, p in origin.items():
        child = min(0.9, child_share * 1.5) if group == "descendant" else child_share
        weights[f"members_{group}_child"] = p * child
        weights[f"members_{group}_adult"] = p * (1 - child)
    return _split(rng, total, weights)


def board_counts(
    rng: random.Random, *, size: int, share: float, women: float
) -> dict[str, int]:
    """Board members by origin group × gender (BOARD_FIELDS), ``size`` in all."""
    origin = {
        "danish": 0.98 * (1 - share),
        "immigrant": 0.98 * share * 0.65,
        "descendant": 0.98 * share * 0.35,
        "unknown": 0.02,
    }
    gender = {"woman": women, "man": 0.98 - women, "other": 0.02}
    weights = {
        f"board_{o}_{g}": po * pg
        for o, po in origin.items()
        for g, pg in gender.items()
    }
    return _split(rng, size, weights)


def next_board(rng: random.Random, board: dict[str, int], share: float) -> dict:
    """Next year's board: most seats stay; now and then a seat held by someone
    of Danish origin passes to someone with a multicultural background (more
    often where more members have one), and a seat may come or go."""
    board = dict(board)
    if rng.random() < min(0.3, 0.6 * share):
        held = [f for f in BOARD_FIELDS if f.startswith("board_danish") and board[f]]
        if held:
            seat = rng.choice(held)
            board[seat] -= 1
            group = "immigrant" if rng.random() < 0.6 else "descendant"
            board[seat.replace("danish", group)] += 1
    change = rng.choices((-1, 0, 1), (15, 70, 15))[0]
    seats = [f for f in BOARD_FIELDS for _ in range(board[f])]
    if change < 0 and len(seats) > 3:
        board[rng.choice(seats)] -= 1
    elif change > 0 and seats:
        board[rng.choice(seats)] += 1
    return board


def unit_share(rng: random.Random, unit: Unit) -> float:
    """The multicultural share of a unit's members (or, for a public board,
    of the people it serves)."""
    if unit.share is not None:
        return unit.share
    base = AREA_SHARE[unit.area] * KIND_FACTOR[unit.kind]
    return min(0.95, base * rng.uniform(0.75, 1.25))


def reports_for(
    rng: random.Random, unit: Unit, share: float, years: list[int]
) -> list[tuple[int, dict[str, int]]]:
    """``(year, counts)`` for each of ``years``: members (none for a public
    board), board members and board_size, which is their sum."""
    (low, high), (seats_low, seats_high), child_share, women = SIZES[unit.kind]
    members = rng.randint(low, high) if high else 0
    unknown = rng.choice((0, 0, 0, 0.02, 0.05, 0.15))
    board = board_counts(
        rng,
        size=rng.randint(seats_low, seats_high),
        share=share * BOARD_FACTOR,
        women=women,
    )
    out = []
    for index, year in enumerate(years):
        if index:
            members = round(members * rng.uniform(0.95, 1.08))
            board = next_board(rng, board, share)
        counts = dict.fromkeys(MEMBER_FIELDS, 0)
        if members:
            counts = member_counts(
                rng,
                total=members,
                share=min(0.95, share * (1 + 0.03 * index)),
                child_share=child_share,
                unknown_share=unknown,
                descendant_share=0.5 if unit.kind == K.SPORT else 0.35,
            )
        out.append((year, {**counts, **board, "board_size": sum(board.values())}))
    return out


def _languages(rng: random.Random, unit: Unit, share: float) -> list[str]:
    if rng.random() < 0.1:
        return []  # not recorded
    chosen = {"da"} if rng.random() < 0.92 else set()
    for code in unit.languages:
        if rng.random() < 0.7:
            chosen.add(code)
    for _ in range(2):
        if rng.random() < share * 0.8:
            chosen.add(
                rng.choices(list(OTHER_LANGUAGES), list(OTHER_LANGUAGES.values()))[0]
            )
    return [code for code in LANGS if code in chosen] or ["da"]


def activity_fields(
    rng: random.Random,
    unit: Unit,
    share: float,
    *,
    today: datetime.date,
    kinds: dict[str, ActivityKind],
    places: dict[str, Neighbourhood],
) -> dict:
    """The form fields of one activity of ``unit`` (participants of unknown
    origin are what is left of the total; activity_save counts them)."""
    codes, weights = zip(*ACTIVITY_MIX[unit.kind], strict=True)
    kind = rng.choices(codes, weights)[0]
    titles, low, high = ACTIVITY_KINDS[kind]
    total = rng.randint(low, high)
    area = unit.area
    if rng.random() < 0.15:  # now and then somewhere else
        area = rng.choice(list(places))
    share = min(0.95, share * rng.uniform(0.7, 1.3))
    known = rng.choices([k for k, _w in ORIGIN_KNOWN], [w for _k, w in ORIGIN_KNOWN])[0]
    counted = 0
    if known == "all":
        counted = total
    elif known == "some":
        counted = round(total * rng.uniform(0.4, 0.9))
    origin = _split(
        rng,
        counted,
        {"danish": 1 - share, "immigrant": share * 0.6, "descendant": share * 0.4},
    )
    volunteers = 0 if rng.random() < 0.1 else rng.randint(1, 2 + total // 8)
    return {
        "title": rng.choice(titles),
        "date": today - datetime.timedelta(days=rng.randrange(ACTIVITY_DAYS)),
        "kind": kinds[kind],
        "neighbourhood": places[area],
        "participants_total": total,
        "participants_danish": origin["danish"],
        "participants_immigrant": origin["immigrant"],
        "participants_descendant": origin["descendant"],
        "volunteers": volunteers,
        "languages": _languages(rng, unit, share),
    }


def exists() -> bool:
    """Whether participation records are already there (demo or real)."""
    return Association.objects.exists()


def build_neighbourhoods() -> dict[str, Neighbourhood]:
    """One Neighbourhood per choice of the survey's neighbourhood question,
    with the same code and the label in every language."""
    places = {}
    for order, choice in enumerate(instrument.neighbourhood_choices()):
        names = {f"name_{code}": choice["label"][code] for code in LANGS}
        places[choice["code"]], _created = Neighbourhood.objects.update_or_create(
            code=choice["code"],
            defaults={"sort_order": order, "name": choice["label"]["da"], **names},
        )
    return places


def _user(email: str, password: str | None = None, *, login: bool = False):
    """The user with ``email``, created unless it exists (the records may
    have been deleted and loaded again). Only the demo logins get a password
    and a verified address; the other representatives cannot sign in."""
    User = get_user_model()
    user = User.objects.filter(username=email).first()
    if user is None:
        user = User.objects.create_user(username=email, email=email, password=password)
    if login:
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def build_logins():
    """The demo representative and council member; returns the representative."""
    council = _user(COUNCIL_EMAIL, COUNCIL_PASSWORD, login=True)
    council.groups.add(Group.objects.get_or_create(name=COUNCIL_GROUP)[0])
    return _user(REPRESENTATIVE_EMAIL, REPRESENTATIVE_PASSWORD, login=True)


def _create_unit(rng, unit: Unit, place: Neighbourhood, requester) -> Association:
    fields = {
        "name": unit.name,
        "kind": unit.kind,
        "neighbourhood": place,
        "contact_email": f"{email_slug(unit.name)}@example.org",
    }
    if unit.kind in PUBLIC_BOARD_KINDS:
        # Staff set up public boards in the Wagtail admin: approved at once.
        association = Association(status=Status.APPROVED, **fields)
        association.full_clean()
        association.save()
        return association
    fields["description"] = DESCRIPTIONS[unit.kind].format(area=place.name_da)
    if rng.random() < 0.6:
        fields["cvr"] = valid_cvr(rng)
    note = rng.choice(REQUEST_NOTES) if unit.pending else ""
    association = services.association_request(user=requester, note=note, **fields)
    if not unit.pending:
        services.association_decide(association=association, approve=True)
    return association


def generate(*, seed: int, today: datetime.date) -> dict[str, int]:
    """Create the neighbourhoods, units, representatives, reports and
    activities; returns how many of each."""
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not a secret
    places = build_neighbourhoods()
    kinds = {kind.code: kind for kind in ActivityKind.objects.all()}
    representative = build_logins()
    years = list(range(today.year - YEARS_OF_REPORTS + 1, today.year + 1))
    approved: list[tuple[Unit, Association, float, object]] = []
    reports = 0
    for unit in UNITS:
        if unit.name in REPRESENTED or unit.name in REPRESENTATIVE_REQUESTS:
            user = representative
        else:
            user = _user(f"formand.{email_slug(unit.name)}@example.org")
        association = _create_unit(rng, unit, places[unit.area], user)
        if unit.pending:
            continue
        if unit.kind in PUBLIC_BOARD_KINDS:
            representation = services.representation_request(
                user=user, association=association
            )
            services.representation_decide(representation=representation, approve=True)
        share = unit_share(rng, unit)
        for year, counts in reports_for(rng, unit, share, years):
            if year == today.year and unit.name in LATE_THIS_YEAR:
                continue
            services.composition_report_save(
                association=association,
                year=year,
                counts=counts,
                version=None,
                user=user,
            )
            reports += 1
        approved.append((unit, association, share, user))
    # A treasurer asks to join the first association: a request for staff.
    services.representation_request(
        user=_user(f"kasserer.{email_slug(UNITS[0].name)}@example.org"),
        association=approved[0][1],
        note=JOIN_NOTE,
    )
    weights = [ACTIVITY_RATE[unit.kind] for unit, *_rest in approved]
    for _ in range(ACTIVITIES):
        unit, association, share, user = rng.choices(approved, weights)[0]
        services.activity_save(
            association=association,
            user=user,
            fields=activity_fields(
                rng, unit, share, today=today, kinds=kinds, places=places
            ),
        )
    return {
        "neighbourhoods": len(places),
        "associations": sum(u.kind not in PUBLIC_BOARD_KINDS for u in UNITS),
        "public_boards": sum(u.kind in PUBLIC_BOARD_KINDS for u in UNITS),
        "pending": sum(unit.pending for unit in UNITS),
        "reports": reports,
        "activities": ACTIVITIES,
    }
