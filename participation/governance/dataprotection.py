"""The data-protection overview for staff: what Medborger stores
about people, where, and for how long, generated from the models and the
settings of the running installation, so it cannot fall behind the code. It
is a start for the municipality's data protection impact assessment (DPIA),
which the municipality as data controller completes (purposes, processors,
transfers, risks); shown in the Wagtail admin and downloadable as Markdown or
CSV by participation/governance/dataprotection_admin.py.

What is generated: the fields of each model (``_meta.get_fields()``, named by
their verbose names), its database tables, the retention periods set per
survey, the session limits and the cache settings. What is written here: one
line per model saying which kind of data it is, and the legal notes. A model
of our own apps that refers to a person or a response but is not described
below is listed by :func:`undescribed_models` (and on the page), and a test
fails, so a new model cannot slip past the overview.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from config.csvsafe import neutralise
from surveys.models import Answer, Survey, SurveyResponse

#: Our own apps: every model in them that refers to a person or a response
#: must be described below.
PROJECT_APPS = ("cms", "participation", "surveys")
#: The most choices a field's kind names.
MAX_CHOICES = 12

SURVEY = _("Survey data (origin is special-category data, GDPR art. 9)")
ACCOUNTS = _("Accounts of staff, council members and representatives")
ASSOCIATIONS = _("Associations, their activities and their counts by origin")
LOGS = _("Logs of what was done (no content)")
TECHNICAL = _("Technical data (sessions, cache)")
NO_PERSONAL_DATA = _("No personal data")

LEGAL_NOTES = (
    _(
        "The origin category (Danish origin, immigrant, descendant; western or "
        "non-western country group) is derived from the background questions. "
        "It is data revealing racial or ethnic origin, a special category of "
        "personal data under GDPR article 9."
    ),
    _(
        "It is collected only with the resident's explicit consent (GDPR "
        "article 9(2)(a)), given on the consent step before any background "
        "question; no answer is stored without it, and a resident can withdraw "
        "their answers with the receipt code."
    ),
    _(
        "A response carries no name, account, IP address, user agent or time "
        "finer than the day, and invitation codes are stored hashed without a "
        "link to a response. In a small group a combination of answers may "
        "still point to a person, so responses are treated as personal data "
        "until their retention period ends."
    ),
    _(
        "Every number shown to the council or the public, or written to a file, "
        "passes disclosure control: counts of fewer than the threshold are "
        "hidden. Archived tables hold only such disclosed figures."
    ),
    _(
        "This overview is generated from the models and settings of this "
        "installation. It is a start for the municipality's data protection "
        "impact assessment (DPIA), not the assessment itself."
    ),
)


@dataclass(frozen=True)
class StoredField:
    """One thing stored: a field of a model or a kind of cache entry."""

    name: str
    label: str
    kind: str


@dataclass(frozen=True)
class Store:
    """One place where data is kept: what, where and for how long."""

    code: str
    name: str
    category: str
    where: list[str]
    fields: list[StoredField]
    retention: list[str]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    """Everything the page and the files show."""

    generated_on: object  # datetime.date
    database: str
    legal_notes: list[str]
    stores: list[Store]
    undescribed: list[str]


# --- durations and periods ------------------------------------------------------


def duration(seconds: int) -> str:
    """``seconds`` in the largest whole unit: "8 hours", "5 minutes"."""
    n = int(seconds)
    if n >= 86400 and n % 86400 == 0:
        days = n // 86400
        return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
    if n >= 3600 and n % 3600 == 0:
        hours = n // 3600
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    if n >= 60 and n % 60 == 0:
        minutes = n // 60
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    return ngettext("%(n)s second", "%(n)s seconds", n) % {"n": n}


def _surveys():
    return list(Survey.objects.order_by("code"))


def _survey_name(survey) -> str:
    return f"{survey.title} ({survey.code})"


def response_periods() -> list[str]:
    """One line per survey: when its responses are deleted."""
    lines = []
    for survey in _surveys():
        years = survey.response_retention_years
        if years is None:
            lines.append(
                gettext("%(survey)s: kept until deleted by staff (no period set).")
                % {"survey": _survey_name(survey)}
            )
        else:
            lines.append(
                ngettext(
                    "%(survey)s: deleted %(n)s year after each wave closes; the "
                    "wave's disclosed tables are archived first.",
                    "%(survey)s: deleted %(n)s years after each wave closes; the "
                    "wave's disclosed tables are archived first.",
                    years,
                )
                % {"survey": _survey_name(survey), "n": years}
            )
    return lines or [gettext("There is no survey yet.")]


def free_text_periods() -> list[str]:
    """One line per survey: when its free-text answers are deleted."""
    lines = []
    for survey in _surveys():
        months = survey.free_text_retention_months
        years = survey.response_retention_years
        if months is None:
            lines.append(
                gettext("%(survey)s: free text is kept as long as the response.")
                % {"survey": _survey_name(survey)}
            )
        elif years is not None and months >= 12 * years:
            lines.append(
                gettext("%(survey)s: free text goes with the response.")
                % {"survey": _survey_name(survey)}
            )
        else:
            lines.append(
                ngettext(
                    "%(survey)s: free text is deleted %(n)s month after each "
                    "wave closes (with its coding and quotes).",
                    "%(survey)s: free text is deleted %(n)s months after each "
                    "wave closes (with its coding and quotes).",
                    months,
                )
                % {"survey": _survey_name(survey), "n": months}
            )
    return lines or [gettext("There is no survey yet.")]


def _until_deleted() -> list[str]:
    return [gettext("Until deleted by staff.")]


def _with_account() -> list[str]:
    return [gettext("Until deleted by staff; deleted with the user's account.")]


def _answers() -> list[str]:
    if not _surveys():
        return _responses()
    return [
        *free_text_periods(),
        gettext("Other answers are deleted with their response:"),
        *response_periods(),
        gettext("A resident can withdraw their answers at any time."),
    ]


def _responses() -> list[str]:
    return [
        *response_periods(),
        gettext("A resident can withdraw their answers at any time."),
    ]


def _invitations() -> list[str]:
    return [
        gettext("Deleted together with the responses of their wave:"),
        *response_periods(),
    ]


def _codings() -> list[str]:
    return [
        gettext("Deleted with the free-text answer it codes:"),
        *free_text_periods(),
    ]


def _withdrawn() -> list[str]:
    return [
        gettext(
            "Kept, so that a replayed survey form cannot store withdrawn answers "
            "again. It holds only a keyed hash."
        )
    ]


def _archived() -> list[str]:
    return [
        gettext(
            "Until deleted by staff: what stays of a wave after its responses are "
            "deleted."
        )
    ]


def _sessions() -> list[str]:
    lines = [
        gettext(
            "A signed-in session ends after %(idle)s without activity, and at the "
            "latest %(age)s after signing in."
        )
        % {
            "idle": duration(settings.SESSION_IDLE_TIMEOUT),
            "age": duration(settings.SESSION_COOKIE_AGE),
        }
    ]
    if _session_table() is not None:
        lines.append(
            gettext(
                "Sessions that simply expire stay in the table until "
                "“manage.py clearsessions” removes them; run it daily."
            )
        )
    return lines


# --- where ----------------------------------------------------------------------


def database_name() -> str:
    return connection.display_name


def _tables(model) -> list[str]:
    tables = [model._meta.db_table]
    for f in model._meta.get_fields():
        through = getattr(getattr(f, "remote_field", None), "through", None)
        if (
            f.many_to_many
            and not f.auto_created
            and through is not None
            and (through._meta.auto_created)
        ):
            tables.append(through._meta.db_table)
    return tables


def _session_table() -> str | None:
    engine = settings.SESSION_ENGINE
    if engine.endswith((".db", ".cached_db")):
        from django.contrib.sessions.models import Session

        return Session._meta.db_table
    return None


def _session_where() -> list[str]:
    table = _session_table()
    if table is not None:
        return [table]
    if settings.SESSION_ENGINE.endswith(".signed_cookies"):
        return [gettext("the visitor's browser (a signed cookie)")]
    return [gettext("the cache (see below)")]


def _cache_where() -> list[str]:
    cache = settings.CACHES.get("default", {})
    backend = cache.get("BACKEND", "")
    if backend.endswith("DatabaseCache"):
        return [str(cache.get("LOCATION", ""))]
    if "redis" in backend.lower():
        # Never the URL: it may hold a password.
        return [gettext("Redis (REDIS_URL)")]
    if backend.endswith("LocMemCache"):
        return [gettext("the memory of each web process")]
    return [backend.rsplit(".", 1)[-1]]


# --- fields ---------------------------------------------------------------------


def _model_name(model) -> str:
    return capfirst(str(model._meta.verbose_name))


def field_kind(f) -> str:
    """What kind of value a field holds, in words."""
    if f.many_to_many:
        return gettext("links to: %(model)s") % {
            "model": str(f.related_model._meta.verbose_name)
        }
    if f.is_relation and f.related_model is not None:
        return gettext("link to: %(model)s") % {
            "model": str(f.related_model._meta.verbose_name)
        }
    choices = [str(label) for _value, label in f.flatchoices or ()]
    if choices:
        return gettext("one of: %(choices)s") % {
            "choices": ", ".join(choices[:MAX_CHOICES])
            + (", …" if len(choices) > MAX_CHOICES else "")
        }
    for kind, words in (
        (models.EmailField, gettext("e-mail address")),
        (models.DateTimeField, gettext("date and time")),
        (models.DateField, gettext("date")),
        (models.AutoField, gettext("row number")),
        (models.BigAutoField, gettext("row number")),
        (models.BooleanField, gettext("yes / no")),
        (models.UUIDField, gettext("random identifier")),
        (models.JSONField, gettext("structured data (JSON)")),
        (models.FileField, gettext("file")),
        (models.IntegerField, gettext("number")),
        (models.DecimalField, gettext("number")),
        (models.FloatField, gettext("number")),
        (models.TextField, gettext("text")),
        (models.CharField, gettext("text")),
    ):
        if isinstance(f, kind):
            return words
    return f.get_internal_type()


def model_fields(model) -> list[StoredField]:
    """The model's own fields (reverse relations left out: they are stored
    in the other model), named by their verbose names."""
    return [
        StoredField(
            name=f.name,
            label=capfirst(str(getattr(f, "verbose_name", f.name))),
            kind=field_kind(f),
        )
        for f in model._meta.get_fields()
        if not (f.auto_created and not f.concrete)
    ]


# --- what is described ------------------------------------------------------------


@dataclass(frozen=True)
class Described:
    """A model this overview describes: its kind of data and how long it is
    kept (a function, since the periods are read when the page is shown)."""

    label: str
    category: object
    retention: Callable[[], list[str]]
    note: object = None


DESCRIBED = (
    Described("surveys.SurveyResponse", SURVEY, _responses),
    Described(
        "surveys.Answer",
        SURVEY,
        _answers,
        _("Free text is scrubbed of CPR numbers, phone numbers and e-mail addresses."),
    ),
    Described(
        "participation.AnswerCoding",
        SURVEY,
        _codings,
        _("Staff's themes and quote decision; nothing names the staff member."),
    ),
    Described(
        "surveys.Invitation",
        SURVEY,
        _invitations,
        _(
            "A keyed hash of each code not yet used; a code is deleted when it "
            "is used, so nothing links it to a response."
        ),
    ),
    Described("surveys.WithdrawnReceipt", NO_PERSONAL_DATA, _withdrawn),
    Described(
        "surveys.TranslationReview",
        NO_PERSONAL_DATA,
        _until_deleted,
        _("That a translation was reviewed, and when; not by whom."),
    ),
    Described("participation.ArchivedTable", NO_PERSONAL_DATA, _archived),
    Described(
        "participation.Association",
        ASSOCIATIONS,
        _until_deleted,
        _("The contact e-mail and the note may name a person."),
    ),
    Described(settings.AUTH_USER_MODEL, ACCOUNTS, _until_deleted),
    Described("account.EmailAddress", ACCOUNTS, _with_account),
    Described(
        "mfa.Authenticator",
        ACCOUNTS,
        _with_account,
        _("Second factors (authenticator app, recovery codes)."),
    ),
    Described("participation.Representation", ACCOUNTS, _with_account),
    Described(
        "participation.ApiToken",
        ACCOUNTS,
        _with_account,
        _("Only a hash of the key is kept; a revoked token stops working at once."),
    ),
    Described(
        "participation.CompositionReport",
        ASSOCIATIONS,
        _until_deleted,
        _(
            "Counts only, but for a small board they may identify a person's "
            "origin; shown only in aggregates that pass disclosure control."
        ),
    ),
    Described(
        "participation.CompositionRevision",
        ASSOCIATIONS,
        _until_deleted,
        _("Who changed a report, when, and the counts before and after."),
    ),
    Described("participation.Activity", ASSOCIATIONS, _until_deleted),
    Described(
        "participation.ExportLog",
        LOGS,
        _until_deleted,
        _(
            "Which table of which release left the council pages or was read "
            "through the API, in which format, for whom."
        ),
    ),
    Described(
        "participation.Release",
        LOGS,
        _until_deleted,
        _(
            "Which staff member made a release of the council's tables; the "
            "tables hold only numbers that passed disclosure control."
        ),
    ),
    Described(
        "participation.RetentionLog",
        LOGS,
        _until_deleted,
        _("What each retention run deleted, as counts."),
    ),
    Described("sessions.Session", TECHNICAL, _sessions),
)


def _described_models() -> set:
    return {apps.get_model(d.label) for d in DESCRIBED}


def _model_store(described: Described) -> Store:
    model = apps.get_model(described.label)
    where = (
        _session_where() if described.label == "sessions.Session" else _tables(model)
    )
    return Store(
        code=model._meta.label,
        name=_model_name(model),
        category=str(described.category),
        where=where,
        fields=model_fields(model),
        retention=described.retention(),
        notes=[str(described.note)] if described.note else [],
    )


def _user_fields(model) -> list:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        f
        for f in model._meta.get_fields()
        if f.concrete
        and f.is_relation
        and f.related_model is user_model
        # A page type's owner is the page's (wagtailcore.Page): listed once.
        and f.model is model
    ]


def _others_store() -> Store | None:
    """Models of Wagtail and the libraries that name a staff user (page
    owners, revisions, comments, logs ...), found by their links to users."""
    described = _described_models()
    found = []
    for model in apps.get_models():
        if model in described or model._meta.app_label in PROJECT_APPS:
            continue
        for f in _user_fields(model):
            found.append((model, f))
    if not found:
        return None
    found.sort(key=lambda pair: (pair[0]._meta.label, pair[1].name))
    return Store(
        code="others",
        name=gettext("Other records that name a staff user"),
        category=str(LOGS),
        where=sorted({model._meta.db_table for model, _f in found}),
        fields=[
            StoredField(
                name=f"{model._meta.label}.{f.name}",
                label=f"{_model_name(model)}: {capfirst(str(f.verbose_name))}",
                kind=field_kind(f),
            )
            for model, f in found
        ],
        retention=[
            gettext(
                "Until deleted by staff, with the page, image, document, comment or "
                "log entry they belong to."
            )
        ],
        notes=[
            gettext(
                "The Wagtail admin's own records: who edited, published, commented "
                "or uploaded what, and when."
            )
        ],
    )


def _rate_limit_periods() -> tuple[set[str], int]:
    """What allauth's rate limits are counted by ("ip", "key", "user") and the
    longest period, in seconds (ACCOUNT_RATE_LIMITS)."""
    from allauth.account import app_settings

    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    per, longest = set(), 0
    for rates in (app_settings.RATE_LIMITS or {}).values():
        for rate in str(rates or "").split(","):
            parts = rate.strip().split("/")
            if len(parts) < 2 or not parts[1]:
                continue
            amount, unit = parts[1][:-1], parts[1][-1]
            seconds = units.get(unit, 0) * (int(amount) if amount.isdigit() else 1)
            longest = max(longest, seconds)
            per.add(parts[2] if len(parts) > 2 else "ip")
    return per, longest


def _cache_store() -> Store:
    per, longest = _rate_limit_periods()
    counted_by = []
    if "ip" in per:
        counted_by.append(gettext("the IP address"))
    if "key" in per:
        counted_by.append(gettext("a hash of the e-mail address"))
    if "user" in per:
        counted_by.append(gettext("the user's number"))
    return Store(
        code="cache",
        name=gettext("Cache"),
        category=str(TECHNICAL),
        where=_cache_where(),
        fields=[
            StoredField(
                name="survey-throttle:",
                label=gettext("Survey throttle"),
                kind=gettext(
                    "a count of posts under a keyed hash of the client's address; "
                    "never the address itself"
                ),
            ),
            StoredField(
                name="allauth:rl:",
                label=gettext("Rate limits of sign-in, sign-up and password reset"),
                kind=gettext("times of attempts, counted by %(what)s")
                % {"what": ", ".join(counted_by) or "—"},
            ),
            StoredField(
                name="medborger:council:revision",
                label=gettext("Revision of the council's figures"),
                kind=gettext("a random number"),
            ),
        ],
        retention=[
            gettext("Survey throttle entries expire after %(period)s.")
            % {"period": duration(settings.SURVEY_THROTTLE_SECONDS)},
            gettext("Rate-limit entries expire after their period, at most %(period)s.")
            % {"period": duration(longest)},
        ],
    )


def undescribed_models() -> list[str]:
    """Models of our own apps that refer to a person or a response (a link
    to a user, a response or an answer, an e-mail address or an IP address)
    but are not described here: each is a gap in the overview."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    watched = {user_model, SurveyResponse, Answer}
    described = _described_models()
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model in described:
            continue
        for f in model._meta.get_fields():
            if f.auto_created and not f.concrete:
                continue
            if f.model is not model:
                continue
            if (f.is_relation and f.related_model in watched) or isinstance(
                f, models.EmailField | models.GenericIPAddressField
            ):
                missing.append(model._meta.label)
                break
    return sorted(missing)


def overview() -> Overview:
    """The whole overview, in the active language."""
    stores = [_model_store(described) for described in DESCRIBED]
    stores.append(_cache_store())
    others = _others_store()
    if others is not None:
        stores.append(others)
    return Overview(
        generated_on=timezone.localdate(),
        database=database_name(),
        legal_notes=[str(note) for note in LEGAL_NOTES],
        stores=stores,
        undescribed=undescribed_models(),
    )


# --- files ------------------------------------------------------------------------


def _md(text: object) -> str:
    """Text safe inside a Markdown table cell or line."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def to_markdown(data: Overview, *, schedule: list[dict] | None = None) -> str:
    """The overview as a Markdown document (UTF-8 text)."""
    lines = [
        "# "
        + _md(gettext("Data protection overview: %(site)s"))
        % {"site": settings.WAGTAIL_SITE_NAME},
        "",
        _md(
            gettext(
                "Generated on %(day)s from the models and settings of this "
                "installation. Database: %(database)s."
            )
            % {"day": data.generated_on.isoformat(), "database": data.database}
        ),
        "",
        "## " + _md(gettext("Legal notes")),
        "",
        *[f"- {_md(note)}" for note in data.legal_notes],
        "",
    ]
    if data.undescribed:
        lines += [
            "## " + _md(gettext("Not described yet")),
            "",
            *[f"- `{_md(label)}`" for label in data.undescribed],
            "",
        ]
    for store in data.stores:
        lines += [
            f"## {_md(store.name)}",
            "",
            f"- {_md(gettext('Kind of data'))}: {_md(store.category)}",
            f"- {_md(gettext('Where'))}: "
            + ", ".join(f"`{_md(where)}`" for where in store.where),
            f"- {_md(gettext('How long'))}:",
            *[f"  - {_md(line)}" for line in store.retention],
            *[f"- {_md(note)}" for note in store.notes],
            "",
            f"| {_md(gettext('Field'))} | {_md(gettext('Name'))} "
            f"| {_md(gettext('Kind'))} |",
            "|---|---|---|",
            *[
                f"| {_md(f.label)} | `{_md(f.name)}` | {_md(f.kind)} |"
                for f in store.fields
            ],
            "",
        ]
    if schedule:
        lines += [
            "## " + _md(gettext("Retention by wave")),
            "",
            f"| {_md(gettext('Survey'))} | {_md(gettext('Wave'))} "
            f"| {_md(gettext('Closed'))} | {_md(gettext('Free text deleted on'))} "
            f"| {_md(gettext('Responses deleted on'))} "
            f"| {_md(gettext('Archived tables'))} |",
            "|---|---|---|---|---|---|",
        ]
        kept = gettext("kept")
        for row in schedule:
            free, responses = row["free_text_due"], row["responses_due"]
            lines.append(
                f"| {_md(row['survey'].code)} | {_md(row['wave'].code)} "
                f"| {row['wave'].closes_on.isoformat()} "
                f"| {free.isoformat() if free else _md(kept)} "
                f"| {responses.isoformat() if responses else _md(kept)} "
                f"| {row['tables_archived']} |"
            )
        lines.append("")
    return "\n".join(lines)


def to_csv(data: Overview) -> bytes:
    """The overview as CSV, one row per stored field (UTF-8 with a byte
    order mark, so spreadsheets read the letters right; cells are
    formula-safe)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            gettext("Where kept"),
            gettext("Kind of data"),
            gettext("Table"),
            gettext("Field"),
            gettext("Name"),
            gettext("Kind"),
            gettext("How long"),
            gettext("Notes"),
        ]
    )
    for store in data.stores:
        for f in store.fields:
            writer.writerow(
                [
                    neutralise(value)
                    for value in (
                        store.name,
                        store.category,
                        ", ".join(store.where),
                        f.label,
                        f.name,
                        f.kind,
                        " ".join(store.retention),
                        " ".join(store.notes),
                    )
                ]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
