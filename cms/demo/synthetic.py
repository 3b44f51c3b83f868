"""Synthetic survey responses for the demo: a seeded generator, so every run
gives the same data.

Each response gets a language, then a background consistent with it (who
answers in Somali is mostly an immigrant or descendant), then answers whose
odds depend on that background and on the wave, so later work has patterns to
find: people of Danish origin feel more represented; immigrants feel a little
more represented in the current wave than at the 2023 baseline. Answers go
through the same service as a resident's.
"""

import datetime
import random
import secrets

from surveys.models import Question, QuestionKind, Survey, Wave
from surveys.receipts import receipt_for
from surveys.services import response_submit

LANGUAGE_WEIGHTS = {
    "da": 46,
    "ar": 11,
    "tr": 8,
    "uk": 8,
    "so": 7,
    "fa": 6,
    "pl": 5,
    "ti": 5,
    "en": 4,
}
WESTERN_LANGUAGES = {"pl", "en"}
# Agreement: probability of each point 1..5 by origin; "dk" is drawn first.
AGREE_ODDS = {
    "danish": (5, 10, 20, 40, 25),
    "descendant": (8, 17, 25, 33, 17),
    "immigrant": (10, 20, 27, 30, 13),
}
YES_RATE = {
    "council_known": {"danish": 0.25, "descendant": 0.3, "immigrant": 0.35},
    "discrimination_12m": {"danish": 0.08, "descendant": 0.3, "immigrant": 0.33},
    "member_association": {"danish": 0.6, "descendant": 0.45, "immigrant": 0.35},
    "volunteer_12m": {"danish": 0.4, "descendant": 0.3, "immigrant": 0.25},
}
TEXTS = {
    "da": [
        "Flere aktiviteter i mit boligområde, hvor man møder naboerne.",
        "At kommunen spørger os, før de beslutter noget om vores område.",
        "Tolkning til møder i skolebestyrelsen.",
    ],
    "en": [
        "Meetings in the evening, so people who work can come.",
        "Information in more languages about how to join a board.",
    ],
}


def _origin_for(rng: random.Random, language: str) -> str:
    if language == "da":
        return rng.choices(["danish", "descendant", "immigrant"], (85, 9, 6))[0]
    if language == "en":
        return rng.choices(["danish", "descendant", "immigrant"], (15, 15, 70))[0]
    return rng.choices(["immigrant", "descendant"], (75, 25))[0]


def _background(rng: random.Random, origin: str, language: str) -> dict[str, object]:
    parent_yes = {"danish": "yes", "descendant": "no", "immigrant": "no"}[origin]
    answers: dict[str, object] = {
        "born_dk": "no" if origin == "immigrant" else "yes",
        "citizen_dk": "yes" if origin == "danish" or rng.random() < 0.55 else "no",
        "mother_dk": parent_yes if rng.random() < 0.95 else "dk",
        "father_dk": parent_yes if rng.random() < 0.9 else "dk",
        "age_band": rng.choices(
            ["under_18", "18_29", "30_49", "50_64", "65_plus"], (4, 24, 38, 22, 12)
        )[0],
        "gender": rng.choices(["woman", "man", "other", "prefer_not"], (50, 46, 2, 2))[
            0
        ],
    }
    if origin != "danish":
        western = language in WESTERN_LANGUAGES and rng.random() < 0.8
        answers["country_group"] = "western" if western else "non_western"
    if origin == "immigrant":
        answers["years_in_dk"] = rng.randint(0, 35)
    if rng.random() < 0.08:  # some leave the background block empty
        return {}
    return answers


# Where respondents live (the survey's neighbourhood codes): immigrants and
# descendants more often in Aalborg Øst and Vestbyen, as in many Danish
# cities; every area has people of every origin.
NEIGHBOURHOODS = (
    "aalborg_ost",
    "centrum",
    "vestbyen",
    "norresundby",
    "hasseris",
    "vejgaard",
    "gug",
    "svenstrup",
    "other",
)
NEIGHBOURHOOD_WEIGHTS = {
    "danish": (10, 16, 12, 14, 12, 12, 9, 9, 6),
    "immigrant": (30, 12, 18, 10, 4, 10, 5, 4, 7),
    "descendant": (28, 12, 18, 12, 4, 10, 6, 4, 6),
}


def _neighbourhood(rng: random.Random, origin: str) -> str:
    return rng.choices(NEIGHBOURHOODS, NEIGHBOURHOOD_WEIGHTS[origin])[0]


#: Board seats are rare (issue 17): about one adult in ten sits on any
#: board (school, day-care, housing, association or local council), fewer
#: among immigrants; a seat is most often an association's or a housing
#: board's. Shares of respondents, and the weights of the board held.
BOARD_SEATS = {
    "boards": {
        "rate": {"danish": 0.12, "descendant": 0.08, "immigrant": 0.06},
        "weights": {
            "association": 40,
            "housing": 25,
            "school": 15,
            "daycare": 12,
            "local_council": 2,
        },
    }
}


def _board(rng: random.Random, origin: str, choices: list[str]) -> list[str]:
    seats = BOARD_SEATS["boards"]
    if "none" in choices and rng.random() >= seats["rate"].get(origin, 0.08):
        return ["none"]
    boards = [c for c in choices if c in seats["weights"]]
    return [rng.choices(boards, [seats["weights"][c] for c in boards])[0]]


def _agree(rng: random.Random, origin: str, lift: int) -> str:
    if rng.random() < 0.05:
        return "dk"
    odds = list(AGREE_ODDS[origin])
    odds[3] += lift  # the current wave: a little more agreement
    return str(rng.choices(range(1, 6), odds)[0])


def _answer(
    rng, question: Question, origin: str, language: str, lift: int, given: dict
):
    code, kind = question.code, question.kind
    if question.condition_question_id:
        parent = question.condition_question.code
        if given.get(parent) not in question.condition_codes:
            return None
    if kind == QuestionKind.AGREE:
        return _agree(rng, origin, lift)
    if kind == QuestionKind.YESNO:
        rate = YES_RATE.get(code, {}).get(origin, 0.5)
        return "yes" if rng.random() < rate else "no"
    choices = [c.code for c in question.choices.all()]
    if kind == QuestionKind.SINGLE:
        return rng.choice(choices)
    if kind == QuestionKind.MULTI and code in BOARD_SEATS:
        return _board(rng, origin, choices)
    if kind == QuestionKind.MULTI:
        picks = rng.sample(choices, k=rng.randint(1, min(2, len(choices))))
        for solo in ("none", "nothing"):  # exclusive options stand alone
            if solo in picks and len(picks) > 1:
                picks.remove(solo)
        return picks
    if kind == QuestionKind.NUMBER:
        return rng.randint(question.min_value or 0, min(question.max_value or 40, 40))
    if kind == QuestionKind.TEXT and language in TEXTS and rng.random() < 0.1:
        return rng.choice(TEXTS[language])
    return None


def generate(
    *,
    survey: Survey,
    waves: tuple[Wave, ...],
    count: int,
    seed: int,
    today: datetime.date,
) -> int:
    """Store `count` responses spread over `waves`; returns how many."""
    rng = random.Random(seed)
    # A generator of its own for where people live, so the other answers
    # stay what they were before the neighbourhood was added.
    places = random.Random(seed + 1)
    questions = list(
        survey.questions.select_related("section", "condition_question")
        .prefetch_related("choices")
        .order_by("section__sort_order", "sort_order")
    )
    stored = 0
    for index in range(count):
        wave = waves[0] if index < count * 45 // 100 else waves[-1]
        lift = 0 if wave == waves[0] else 12
        last_day = min(wave.closes_on, today)
        span = max((last_day - wave.opens_on).days, 0)
        language = rng.choices(list(LANGUAGE_WEIGHTS), list(LANGUAGE_WEIGHTS.values()))[
            0
        ]
        origin = _origin_for(rng, language)
        answers = _background(rng, origin, language)
        if answers:
            answers["neighbourhood"] = _neighbourhood(places, origin)
        for question in questions:
            if question.background_role:
                continue
            value = _answer(rng, question, origin, language, lift, answers)
            if value is not None:
                answers[question.code] = value
        response_submit(
            wave=wave,
            questions=questions,
            answers=answers,
            language=language,
            receipt=receipt_for(secrets.token_urlsafe(16)),
        )
        # The day is the batch's now (surveys/pool.py); drawn all the same,
        # so the other answers stay what they were.
        rng.randint(0, span)
        stored += 1
    return stored
