"""Demo coding of open answers: the themes staff code the answers to "What
would make you feel more represented where you live?" (and "anything
else") into, then the demo's free-text answers coded into them, with about a
dozen quotes approved for the council and a few more proposed.

The synthetic answers (cms/demo/synthetic.py, TEXTS) are a handful of fixed
Danish and English sentences, so ``RULES`` maps each of them to its themes;
any other text is coded "other". A seeded generator leaves about one answer
in seven uncoded, so the "Not coded yet" filter has work to show, and picks
which answers become quotes: an approved one per question, wave and text,
and a few more proposed.

Translations: the Danish theme names and descriptions are ours; the theme
names in the other eight languages (en ar fa so tr uk ti pl) are
machine-made translations, to be reviewed by a native speaker before real
use. Descriptions are guidance for staff and exist in Danish and English
only (the admin's languages); other languages fall back to Danish.
"""

import random

from django.conf import settings

from cms.demo import instrument
from participation.council.coding import answer_code
from participation.council.models import AnswerCoding, QuoteStatus, Theme
from surveys.models import Answer, QuestionKind

LANGS = [code for code, _name in settings.LANGUAGES]
APPROVED_QUOTES = 12
PROPOSED_QUOTES = 4
UNCODED_SHARE = 0.15

# (code, names in nine languages, description in Danish and English).
THEMES = [
    (
        "language",
        {
            "da": "Sprog og tolkning",
            "en": "Language and interpretation",
            "ar": "اللغة والترجمة الفورية",
            "fa": "زبان و ترجمه‌ی شفاهی",
            "so": "Luqadda iyo turjumaadda",
            "tr": "Dil ve tercümanlık",
            "uk": "Мова та усний переклад",
            "ti": "ቋንቋን ትርጉምን",
            "pl": "Język i tłumaczenie ustne",
        },
        {
            "da": "Tolkning til møder, information og materialer på flere sprog.",
            "en": "Interpreting at meetings; information and material in more languages.",
        },
    ),
    (
        "invited",
        {
            "da": "At blive inviteret og spurgt",
            "en": "Being invited and asked",
            "ar": "أن تتم دعوتي واستشارتي",
            "fa": "دعوت شدن و نظرخواهی",
            "so": "In la casuumo oo la weydiiyo",
            "tr": "Davet edilmek ve fikri sorulmak",
            "uk": "Коли запрошують і питають думку",
            "ti": "ምዕዳምን ምሕታትን",
            "pl": "Bycie zapraszanym i pytanym o zdanie",
        },
        {
            "da": "At kommunen, foreninger eller bestyrelser spørger og inviterer direkte, før der besluttes.",
            "en": "The municipality, associations or boards asking and inviting people directly before deciding.",
        },
    ),
    (
        "information",
        {
            "da": "Information om foreninger og bestyrelser",
            "en": "Information about associations and boards",
            "ar": "معلومات عن الجمعيات والمجالس",
            "fa": "اطلاعات درباره‌ی انجمن‌ها و هیئت‌ها",
            "so": "Macluumaad ku saabsan ururada iyo guddiyada",
            "tr": "Dernekler ve kurullar hakkında bilgi",
            "uk": "Інформація про об'єднання та ради",
            "ti": "ሓበሬታ ብዛዕባ ማሕበራትን ሽማግለታትን",
            "pl": "Informacje o stowarzyszeniach i radach",
        },
        {
            "da": "Hvad der findes, og hvordan man bliver medlem eller stiller op.",
            "en": "What exists, and how to join or stand for election.",
        },
    ),
    (
        "meeting-places",
        {
            "da": "Mødesteder og aktiviteter i lokalområdet",
            "en": "Meeting places and local activities",
            "ar": "أماكن اللقاء والأنشطة المحلية",
            "fa": "مکان‌های دیدار و فعالیت‌های محلی",
            "so": "Goobaha kulanka iyo hawlaha deegaanka",
            "tr": "Buluşma yerleri ve yerel etkinlikler",
            "uk": "Місця зустрічей і місцеві заходи",
            "ti": "ቦታታት ምርኻብን ከባቢያዊ ንጥፈታትን",
            "pl": "Miejsca spotkań i lokalne zajęcia",
        },
        {
            "da": "Steder og aktiviteter i boligområdet, hvor man møder naboer.",
            "en": "Places and activities in the neighbourhood where people meet their neighbours.",
        },
    ),
    (
        "respect",
        {
            "da": "Diskrimination og respekt",
            "en": "Discrimination and respect",
            "ar": "التمييز والاحترام",
            "fa": "تبعیض و احترام",
            "so": "Takoorka iyo ixtiraamka",
            "tr": "Ayrımcılık ve saygı",
            "uk": "Дискримінація та повага",
            "ti": "ኣድልዎን ክብርን",
            "pl": "Dyskryminacja i szacunek",
        },
        {
            "da": "Oplevet forskelsbehandling, fordomme, at blive taget alvorligt.",
            "en": "Unequal treatment experienced, prejudice, being taken seriously.",
        },
    ),
    (
        "time-money",
        {
            "da": "Tid, penge og børnepasning",
            "en": "Time, money and childcare",
            "ar": "الوقت والمال ورعاية الأطفال",
            "fa": "وقت، پول و نگهداری از کودک",
            "so": "Waqti, lacag iyo daryeelka carruurta",
            "tr": "Zaman, para ve çocuk bakımı",
            "uk": "Час, гроші та догляд за дітьми",
            "ti": "ግዜ፡ ገንዘብን ክንክን ቆልዑን",
            "pl": "Czas, pieniądze i opieka nad dziećmi",
        },
        {
            "da": "Mødetidspunkter, kontingent, transport og pasning af børn.",
            "en": "Meeting times, fees, transport and looking after children.",
        },
    ),
    (
        "role-models",
        {
            "da": "Rollemodeller i bestyrelser og råd",
            "en": "Role models on boards and councils",
            "ar": "قدوات في المجالس واللجان",
            "fa": "الگوها در هیئت‌ها و شوراها",
            "so": "Tusaalayaal wanaagsan oo ku jira guddiyada iyo golayaasha",
            "tr": "Kurullarda ve konseylerde rol modeller",
            "uk": "Приклади для наслідування в радах",
            "ti": "ኣብነታት ኣብ ሽማግለታትን ባይቶታትን",
            "pl": "Wzory do naśladowania w radach",
        },
        {
            "da": "At se nogen med samme baggrund i bestyrelser, råd og ledelse.",
            "en": "Seeing people with the same background on boards, councils and in leadership.",
        },
    ),
    (
        "digital",
        {
            "da": "Digital adgang",
            "en": "Digital access",
            "ar": "الوصول الرقمي",
            "fa": "دسترسی دیجیتال",
            "so": "Helitaanka dijitaalka",
            "tr": "Dijital erişim",
            "uk": "Цифровий доступ",
            "ti": "ዲጂታላዊ ተበጻሕነት",
            "pl": "Dostęp cyfrowy",
        },
        {
            "da": "MitID, digital post, hjemmesider og apps, der er svære at bruge.",
            "en": "MitID, digital post, websites and apps that are hard to use.",
        },
    ),
    (
        "other",
        {
            "da": "Andet",
            "en": "Other",
            "ar": "أخرى",
            "fa": "سایر",
            "so": "Kale",
            "tr": "Diğer",
            "uk": "Інше",
            "ti": "ካልእ",
            "pl": "Inne",
        },
        {
            "da": "Svar, der ikke passer under et andet tema.",
            "en": "Answers that fit no other theme.",
        },
    ),
]

# Each text of cms/demo/synthetic.py's TEXTS, with the themes it is coded into.
RULES = {
    "Flere aktiviteter i mit boligområde, hvor man møder naboerne.": ["meeting-places"],
    "At kommunen spørger os, før de beslutter noget om vores område.": ["invited"],
    "Tolkning til møder i skolebestyrelsen.": ["language", "role-models"],
    "Meetings in the evening, so people who work can come.": ["time-money"],
    "Information in more languages about how to join a board.": [
        "language",
        "information",
    ],
}
FALLBACK_THEMES = ["other"]


def exists() -> bool:
    """Whether the demo themes are already there."""
    return Theme.objects.filter(code=THEMES[0][0]).exists()


def build_themes() -> dict[str, Theme]:
    """The demo themes (those missing), by code."""
    themes = {}
    for order, (code, names, descriptions) in enumerate(THEMES):
        theme = Theme.objects.filter(code=code).first()
        if theme is None:
            theme = Theme(code=code, sort_order=order, name=names["da"])
            for lang in LANGS:
                setattr(theme, f"name_{lang}", names[lang])
                setattr(theme, f"description_{lang}", descriptions.get(lang, ""))
            theme.description = descriptions["da"]
            theme.full_clean()
            theme.save()
        themes[code] = theme
    return themes


def themes_for(text: str) -> list[str]:
    """The theme codes a demo answer is coded into."""
    return RULES.get(text.strip(), FALLBACK_THEMES)


def code_answers(*, themes: dict[str, Theme], seed: int) -> dict[str, int]:
    """Code the demo survey's free-text answers (through the staff's
    service) and pick the quotes. Returns how many were coded, approved
    and proposed."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable demo, not a secret
    answers = list(
        Answer.objects.filter(
            question__survey__code=instrument.CODE,
            question__kind=QuestionKind.TEXT,
            coding__isnull=True,
        )
        .exclude(text="")
        .select_related("question", "response__wave")
        .order_by("pk")
    )
    coded: list[Answer] = []
    for answer in answers:
        if rng.random() < UNCODED_SHARE:
            continue
        answer_code(
            answer=answer,
            themes=[themes[code] for code in themes_for(answer.text)],
            quote_status=QuoteStatus.NONE,
            quote="",
        )
        coded.append(answer)
    # Approved: one answer per question, wave and text, so no quote repeats
    # another; proposed: a few of the rest. Which ones is the seeded draw,
    # not the order the answers came in.
    candidates: dict[tuple[str, str, str], Answer] = {}
    for answer in coded:
        key = (answer.question.code, answer.response.wave.code, answer.text)
        candidates.setdefault(key, answer)
    picks = [candidates[key] for key in sorted(candidates)]
    rng.shuffle(picks)
    approved = picks[:APPROVED_QUOTES]
    rest = [answer for answer in coded if answer not in approved]
    proposed = rng.sample(rest, k=min(PROPOSED_QUOTES, len(rest)))
    for status, chosen in (
        (QuoteStatus.APPROVED, approved),
        (QuoteStatus.PENDING, proposed),
    ):
        for answer in chosen:
            coding = AnswerCoding.objects.get(answer=answer)
            answer_code(
                answer=answer,
                themes=list(coding.themes.all()),
                quote_status=status,
                quote=answer.text,
            )
    return {"coded": len(coded), "approved": len(approved), "proposed": len(proposed)}


def generate(*, seed: int) -> dict[str, int]:
    """Create the demo themes, then code the demo's free-text answers.
    Returns how many themes there are and what code_answers() counted."""
    themes = build_themes()
    return {"themes": len(themes), **code_answers(themes=themes, seed=seed)}
