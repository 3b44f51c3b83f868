"""The open API, /api/v1/ (SPEC §6), with its OpenAPI schema at
/api/v1/openapi.json. Read-only: every operation is a GET.

Public operations (no token) serve only what staff published: the latest
ResultsSnapshot (participation/council/snapshots.py), i.e. what /<code>/results/
shows, with the public threshold it was taken with.

Council operations (/api/v1/council/...) need ``Authorization: Bearer
<key>`` with a key made on /<code>/council/tokens/ (participation/
api_tokens.py); a session cookie is not enough, so no cross-site request can
use a signed-in browser (and no CSRF token is needed). They serve the
council's fixed catalogue only, named by its parts and fetched through
participation.council.catalogue.table_for_key, so every number passed the disclosure
choke point; a hidden cell is null. Every table comes from the published
releases (participation/council/releases: frozen and audited together), so
two reads differ only when staff have published a new release; a table no
published release holds yet is 404. Every table read is logged (who, which
table, which release) like an export.
Nothing here returns a response row, an association or anything that names
one (T09).
"""

from __future__ import annotations

import datetime
import enum
import functools
import inspect
from typing import Annotated, Literal

from django.conf import settings
from django.urls import path, re_path
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from ninja import NinjaAPI, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer
from pydantic import Field

from participation.council import catalogue, exports, prepared, snapshots
from participation.council.api_tokens import api_token_user, may_use_api
from participation.council.models import Indicator, IndicatorDirection, IndicatorUnit
from participation.council.releases.store import read_log, released_report_years
from participation.council.targets import snapshot_target_sentence
from participation.stats.aggregates import NO_TARGET
from participation.stats.charts import rounded

#: The languages a text can be asked for (settings.LANGUAGES: adding a
#: language there adds it here).
Language = enum.StrEnum(
    "Language", {code: code for code, _name in settings.LANGUAGES}, module=__name__
)
Language.__doc__ = "A language code of settings.LANGUAGES."
DEFAULT_LANGUAGE = Language(settings.LANGUAGE_CODE)

Unit = Literal[tuple(IndicatorUnit.values)]
Direction = Literal[tuple(IndicatorDirection.values)]
Status = Literal["positive", "negative", "unchanged"]
TargetStatus = Literal["reached", "on_track", "behind", "no_target"]
BreakdownCode = enum.StrEnum(
    "BreakdownCode", {code: code for code in catalogue.BREAKDOWNS}, module=__name__
)
BreakdownCode.__doc__ = "A breakdown of the council's survey explorer."
Measure = Literal[tuple(catalogue.PARTICIPATION_MEASURES)]
Scope = enum.StrEnum(
    "Scope", {code: code for code in catalogue.REPRESENTATION_SCOPES}, module=__name__
)
Scope.__doc__ = "A kind of board whose seats the representation table counts."

#: The largest id the databases store (a 64-bit signed integer): a larger
#: one is refused as invalid rather than overflowing in the database.
MAX_ID = 2**63 - 1
CODE_PATTERN = r"^[-a-zA-Z0-9_]+$"


# --- schemas --------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in words a person can read.")


class ParameterError(Schema):
    location: str = Field(description="Where the parameter is: path or query.")
    name: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[ParameterError]


class PublicRecord(Schema):
    year: int
    figure: float | None = Field(
        description="The published figure; null when it is hidden (too few "
        "people behind it) or there is none for the year."
    )
    hidden: bool = Field(description="Whether the figure is hidden.")
    target: float | None = Field(description="The council's target for the year.")


class PublicMovement(Schema):
    status: Status | None = Field(
        description="Against the baseline; null until there are enough "
        "published figures to tell."
    )
    baseline_year: int | None
    latest_year: int | None
    text: str = Field(description="The movement in words, in the language asked.")
    target_status: TargetStatus | None = Field(
        description="Against the council's targets: reached, on track (at or "
        "beyond the straight path from the baseline through the targets), "
        "behind, or no target; null without a figure to judge."
    )
    target_year: int | None = Field(description="The year of the last target.")
    target: float | None = Field(description="The last target.")
    target_text: str = Field(description="The target status in words.")


class PublicIndicator(Schema):
    code: str
    goal: str = Field(description="The code of the goal the indicator belongs to.")
    name: str
    description: str
    unit: Unit
    direction: Direction
    synthetic: bool = Field(description="Made-up demonstration figures.")
    records: list[PublicRecord]
    movement: PublicMovement


class PublicGoal(Schema):
    code: str
    title: str
    indicators: list[PublicIndicator]


class PublishedResultsOut(Schema):
    language: Language
    published_on: datetime.date | None = Field(
        description="When staff published these results; null before they "
        "first did (then there are no goals)."
    )
    k: int | None = Field(
        description="The smallest count behind a shown figure (public threshold)."
    )
    synthetic: bool
    goals: list[PublicGoal]


class ColumnOut(Schema):
    code: str
    label: str


class StatisticOut(Schema):
    code: str
    label: str
    kind: Literal["share", "percent", "number", "ratio"] = Field(
        description="share: 0-1; percent: 0-100; number: a mean or a count; "
        "ratio: a representation ratio."
    )


class RowOut(Schema):
    code: str
    label: str
    cells: list[int | None] = Field(
        description="One count per column, in the columns' order; null where "
        "disclosure control hides it."
    )
    total: int | None
    target: float | None = Field(description="Indicator tables: the year's target.")
    values: dict[str, float | None] = Field(
        description="The row's statistics by code (see statistics); null where hidden."
    )


class TableOut(Schema):
    key: str = Field(description="The catalogue key of the table.")
    title: str
    k: int = Field(description="The smallest count shown (the council threshold).")
    row_heading: str
    columns: list[ColumnOut]
    statistics: list[StatisticOut]
    rows: list[RowOut] = Field(description="The total row, if any, comes last.")
    notes: list[str]
    empty: bool = Field(description="True when the whole table is hidden.")


class CouncilMovement(Schema):
    status: Status | None
    baseline_year: int
    baseline: float | None
    latest_year: int | None
    latest: float | None
    change: float | None
    rule: str
    target_status: TargetStatus | None
    target_year: int | None
    target: float | None
    target_path: float | None = Field(
        description="Where the path to the target stands in the latest year."
    )
    target_rule: str


class CouncilIndicator(Schema):
    code: str
    goal: str
    name: str
    description: str
    unit: Unit
    direction: Direction
    published: bool = Field(description="Shown on the public results page.")
    movement: CouncilMovement
    table: TableOut


class CouncilIndicatorsOut(Schema):
    language: Language
    indicators: list[CouncilIndicator]


class CodeLabel(Schema):
    code: str
    label: str


class QuestionOut(Schema):
    code: str
    text: str
    kind: str


class WaveOut(Schema):
    id: int
    code: str
    survey: str = Field(description="The code of the survey.")
    opens_on: datetime.date
    closes_on: datetime.date
    questions: list[QuestionOut]


class SurveyCatalogueOut(Schema):
    waves: list[WaveOut]
    breakdowns: list[CodeLabel]


class ParticipationCatalogueOut(Schema):
    years: list[int]
    measures: list[CodeLabel]
    scopes: list[CodeLabel]


# --- the API and its errors --------------------------------------------------------


class TokenAuth(HttpBearer):
    """A council token in ``Authorization: Bearer <key>``, acting with its
    user's role now: an unknown or revoked key, or an inactive user, is 401;
    a user who is neither a council member nor staff any more is 403."""

    def authenticate(self, request, token):
        user = api_token_user(key=token.strip())
        if user is None or not user.is_active:
            return None
        if not may_use_api(user):
            raise AuthorizationError(
                message=gettext(
                    "This token's owner is no longer a council member or staff, "
                    "so it gives no access."
                )
            )
        return user


class MedborgerAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        # The response middleware resolves against this module's URLs only:
        # otherwise LocaleMiddleware would answer an API 404 (an unknown
        # indicator, a table outside the catalogue) with a redirect to
        # /da/api/v1/..., since the site's pages live under a language prefix.
        request.urlconf = __name__
        return super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )


api = MedborgerAPI(
    title="Medborger",
    version="1",
    description=(
        "Read-only aggregates from Medborger. Public operations serve the "
        "results staff published; council operations need a token "
        "(Authorization: Bearer <key>) made on the council's token page. "
        "Every number has passed disclosure control: a hidden figure is null."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    # The docs page loads Swagger UI from a CDN: not on a closed network,
    # and not under the site's Content-Security-Policy.
    docs_url=None,
)

#: What a council operation may answer besides 200.
ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut}
NOT_FOUND = {404: ErrorOut}


def known_parameters(view):
    """Refuse (422) a query parameter the operation does not take: the
    catalogue is fixed, and a misspelt ``weigthed`` should say so rather than
    quietly return unweighted figures. Runs after the token check."""
    allowed = set(inspect.signature(view).parameters) - {"request"}

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            raise NinjaValidationError(
                [
                    {"type": "extra_forbidden", "loc": ("query", name)}
                    for name in unknown
                ]
            )
        return view(request, *args, **kwargs)

    return wrapped


def _parameter_message(error: dict) -> str:
    """A translated message for one of pydantic's errors about a parameter."""
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return gettext("This operation takes no parameter of this name.")
    if kind == "missing":
        return gettext("This parameter is required.")
    if kind in ("enum", "literal_error"):
        expected = (error.get("ctx") or {}).get("expected", "")
        return gettext("Use one of these values: %(values)s.") % {"values": expected}
    if kind.startswith("int_") or kind in ("greater_than_equal", "less_than_equal"):
        return gettext("Use a whole number in the allowed range.")
    if kind.startswith("bool_"):
        return gettext("Use true or false.")
    if kind.startswith("string_"):
        return gettext("Use only letters, digits, hyphens and underscores.")
    return gettext("This value is not valid here.")


@api.exception_handler(NinjaValidationError)
def _invalid_parameters(request, exc):
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        errors.append(
            {
                "location": location[0] if location else "",
                "name": ".".join(location[1:]) or "",
                "message": _parameter_message(error),
            }
        )
    return api.create_response(
        request,
        {"detail": gettext("Some parameters are not valid."), "errors": errors},
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = api.create_response(
        request,
        {
            "detail": gettext(
                "A valid API token is needed: send Authorization: Bearer <key>."
            )
        },
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="medborger"'
    return response


# --- public: what staff published ---------------------------------------------------


def _in(texts, language: str) -> str:
    if not isinstance(texts, dict):
        return ""
    return str(texts.get(language) or texts.get(snapshots.SOURCE_LANGUAGE) or "")


def _published_indicator(data: dict, *, language: str) -> dict:
    movement = data.get("movement") or {}
    return {
        "code": data["code"],
        "goal": data["goal"],
        "name": _in(data.get("name"), language),
        "description": _in(data.get("description"), language),
        "unit": data["unit"],
        "direction": data["direction"],
        "synthetic": bool(data.get("synthetic")),
        "records": [
            {
                "year": r["year"],
                "figure": None if r.get("hidden") else r.get("figure"),
                "hidden": bool(r.get("hidden")),
                "target": r.get("target"),
            }
            for r in data.get("records") or []
        ],
        "movement": {
            "status": movement.get("status"),
            "baseline_year": movement.get("baseline_year"),
            "latest_year": movement.get("latest_year"),
            "text": snapshots.movement_text(
                movement.get("status"),
                baseline_year=movement.get("baseline_year"),
                latest_year=movement.get("latest_year"),
            ),
            "target_status": movement.get("target_status", NO_TARGET),
            "target_year": movement.get("target_year"),
            "target": movement.get("target"),
            "target_text": snapshot_target_sentence(movement, unit=data["unit"]),
        },
    }


def published_results(language: str) -> PublishedResultsOut:
    """The latest snapshot in ``language`` (texts fall back to Danish); with
    no snapshot, or one this code cannot read, no goals."""
    nothing = PublishedResultsOut(
        language=language, published_on=None, k=None, synthetic=False, goals=[]
    )
    snapshot = snapshots.snapshot_latest()
    if snapshot is None:
        return nothing
    figures = snapshot.figures
    if not isinstance(figures, dict) or figures.get("version") != snapshots.VERSION:
        return nothing
    with translation.override(language):
        try:
            goals = [
                {
                    "code": goal["code"],
                    "title": _in(goal.get("title"), language),
                    "indicators": [
                        _published_indicator(item, language=language)
                        for item in goal.get("indicators") or []
                    ],
                }
                for goal in figures.get("goals") or []
            ]
            return PublishedResultsOut(
                language=language,
                published_on=snapshot.taken_on,
                k=int(figures.get("k", snapshot.k)),
                synthetic=bool(figures.get("synthetic")),
                goals=goals,
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            # PydanticValidationError is a ValueError.
            return nothing


@api.get(
    "/indicators",
    response={200: PublishedResultsOut, 422: ValidationErrorOut},
    summary="Published indicators",
    tags=["public"],
)
@known_parameters
def public_indicators(request, lang: Query[Language] = DEFAULT_LANGUAGE):
    """Every indicator staff published, by goal, as the public results page
    shows them: yearly figures (null when hidden), targets and movement."""
    return published_results(lang.value)


@api.get(
    "/indicators/{code}",
    response={200: PublicIndicator, 404: ErrorOut, 422: ValidationErrorOut},
    summary="One published indicator",
    tags=["public"],
)
@known_parameters
def public_indicator(
    request,
    code: Annotated[str, Path(pattern=CODE_PATTERN, max_length=60)],
    lang: Query[Language] = DEFAULT_LANGUAGE,
):
    """One published indicator of the latest published results."""
    for goal in published_results(lang.value).goals:
        for indicator in goal.indicators:
            if indicator.code == code:
                return indicator
    with translation.override(lang.value):
        raise HttpError(404, gettext("No published indicator has this code."))


# --- council: the catalogue, with a token ---------------------------------------------

council = Router(auth=TokenAuth(), tags=["council"])


def table_out(table: catalogue.Table) -> dict:
    """A catalogue table as the API returns it (active language): the same
    records the page and the files show (Table.records)."""
    statistic_codes = [s.code for s in table.statistics]
    return {
        "key": table.key,
        "title": str(table.title),
        "k": table.k,
        "row_heading": str(table.row_heading),
        "columns": [
            {"code": str(c), "label": str(label)} for c, label in table.columns
        ],
        "statistics": [
            {"code": s.code, "label": str(s.label), "kind": s.kind}
            for s in table.statistics
        ],
        "rows": [
            {
                "code": str(record["code"]),
                "label": str(record["label"]),
                "cells": record["cells"],
                "total": record["total"],
                "target": record.get("target"),
                "values": {code: record[code] for code in statistic_codes},
            }
            for record in table.records()
        ],
        "notes": [str(note) for note in exports.notes(table)],
        "empty": bool(table.empty),
    }


def _catalogue_table(request, key: str, language: str) -> dict:
    """The catalogue table ``key`` with the council threshold from the
    published releases, its read logged: 404 outside the catalogue or while
    no published release holds it."""
    with translation.override(language):
        found = prepared.prepared_table(key, policy=catalogue.policy())
        if found is None:
            raise HttpError(404, gettext("There is no such table in the catalogue."))
        if found.table is None:
            raise _not_released()
        read_log(user=request.auth, key=key, fmt="api", releases=found.releases)
        return table_out(found.table)


def _not_released() -> HttpError:
    return HttpError(
        404, gettext("No published release holds this table yet; ask staff.")
    )


def _indicator_out(summary: catalogue.IndicatorSummary) -> dict:
    indicator, movement = summary.indicator, summary.movement
    return {
        "code": indicator.code,
        "goal": indicator.goal.code,
        "name": str(indicator.name),
        "description": str(indicator.description or ""),
        "unit": indicator.unit,
        "direction": indicator.direction,
        "published": bool(indicator.published),
        "movement": {
            "status": movement.status,
            "baseline_year": movement.baseline_year,
            "baseline": rounded(movement.baseline, indicator.unit),
            "latest_year": movement.latest_year,
            "latest": rounded(movement.latest, indicator.unit),
            "change": rounded(movement.change, indicator.unit),
            "rule": str(movement.rule),
            "target_status": movement.target_status,
            "target_year": movement.target_year,
            "target": movement.target,
            "target_path": movement.target_path,
            "target_rule": str(movement.target_rule),
        },
        "table": table_out(summary.table),
    }


def _indicators():
    return Indicator.objects.select_related("goal", "goal__strategy").order_by(
        "goal__strategy", "goal__sort_order", "goal_id", "sort_order", "code"
    )


@council.get(
    "/indicators",
    response={200: CouncilIndicatorsOut, **ERRORS},
    summary="Every indicator",
)
@decorate_view(never_cache)
@known_parameters
def council_indicators(request, lang: Query[Language] = DEFAULT_LANGUAGE):
    """Every indicator that a published release (or an official statistic)
    holds, with its yearly table (council threshold, as on the council's
    pages), targets and movement; each read is logged."""
    policy = catalogue.policy()
    with translation.override(lang.value):
        summaries = [
            summary
            for i in _indicators()
            if (summary := _logged_summary(request, i, policy)) is not None
        ]
        return {
            "language": lang.value,
            "indicators": [_indicator_out(summary) for summary in summaries],
        }


@council.get(
    "/indicators/{code}",
    response={200: CouncilIndicator, **ERRORS, **NOT_FOUND},
    summary="One indicator",
)
@decorate_view(never_cache)
@known_parameters
def council_indicator(
    request,
    code: Annotated[str, Path(pattern=CODE_PATTERN, max_length=60)],
    lang: Query[Language] = DEFAULT_LANGUAGE,
):
    """One indicator with its yearly table, as for every indicator."""
    with translation.override(lang.value):
        indicator = _indicators().filter(code=code).first()
        if indicator is None:
            raise HttpError(404, gettext("There is no indicator with this code."))
        summary = _logged_summary(request, indicator, catalogue.policy())
        if summary is None:
            raise _not_released()
        return _indicator_out(summary)


def _logged_summary(request, indicator, policy):
    """The indicator's summary from the published releases, its read logged;
    None while none holds it."""
    found = prepared.released_summary(indicator, policy=policy)
    if found is None:
        return None
    summary, releases = found
    read_log(
        user=request.auth,
        key=f"indicator:{indicator.code}",
        fmt="api",
        releases=releases,
    )
    return summary


@council.get(
    "/survey",
    response={200: SurveyCatalogueOut, **ERRORS},
    summary="What the survey tables can be asked for",
)
@decorate_view(never_cache)
@known_parameters
def survey_catalogue(request, lang: Query[Language] = DEFAULT_LANGUAGE):
    """The waves that have opened, each with the questions the explorer
    offers, and the breakdowns: the parts of a survey table's address."""
    with translation.override(lang.value):
        waves = []
        for wave in catalogue.explorer_waves().select_related("survey"):
            questions = catalogue.explorer_questions(wave.survey_id).order_by(
                "section__sort_order", "sort_order", "code"
            )
            waves.append(
                {
                    "id": wave.pk,
                    "code": wave.code,
                    "survey": wave.survey.code,
                    "opens_on": wave.opens_on,
                    "closes_on": wave.closes_on,
                    "questions": [
                        {"code": q.code, "text": str(q.text), "kind": q.kind}
                        for q in questions
                    ],
                }
            )
        return {
            "waves": waves,
            "breakdowns": [
                {"code": b.code, "label": str(b.label)}
                for b in catalogue.BREAKDOWNS.values()
            ],
        }


@council.get(
    "/survey/{wave_id}/{question}/{breakdown}",
    response={200: TableOut, **ERRORS, **NOT_FOUND},
    summary="A survey question by one breakdown",
)
@decorate_view(never_cache)
@known_parameters
def survey_table(
    request,
    wave_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    question: Annotated[str, Path(pattern=CODE_PATTERN, max_length=64)],
    breakdown: Path[BreakdownCode],
    weighted: Query[bool] = False,
    lang: Query[Language] = DEFAULT_LANGUAGE,
):
    """Answers to ``question`` in wave ``wave_id`` by ``breakdown``, counts
    per answer and, for agreement questions, the share agreeing with its 95 %
    interval and the mean; ``weighted`` adds figures weighted to the
    population. A question or wave outside the catalogue is 404."""
    key = catalogue.survey_key(question, wave_id, breakdown.value, weighted=weighted)
    return _catalogue_table(request, key, lang.value)


@council.get(
    "/participation",
    response={200: ParticipationCatalogueOut, **ERRORS},
    summary="What the participation tables can be asked for",
)
@decorate_view(never_cache)
@known_parameters
def participation_catalogue(request, lang: Query[Language] = DEFAULT_LANGUAGE):
    """The years of reports with a published release, the measures and the
    scopes of the representation tables."""
    with translation.override(lang.value):
        return {
            "years": released_report_years(),
            "measures": [
                {"code": "members", "label": gettext("Members")},
                {"code": "board_members", "label": gettext("Board members")},
            ],
            "scopes": [
                {"code": code, "label": str(label)}
                for code, (label, _kinds) in catalogue.REPRESENTATION_SCOPES.items()
            ],
        }


@council.get(
    "/participation/{measure}/{year}",
    response={200: TableOut, **ERRORS, **NOT_FOUND},
    summary="Members or board members by origin group",
)
@decorate_view(never_cache)
@known_parameters
def participation_table(
    request,
    measure: Path[Measure],
    year: Annotated[int, Path(ge=1900, le=9999)],
    lang: Query[Language] = DEFAULT_LANGUAGE,
):
    """Members or board members by origin group and kind of association for
    one year, across associations (small kinds pooled). A year without
    reports is 404."""
    return _catalogue_table(request, f"participation:{measure}:{year}", lang.value)


@council.get(
    "/representation/{scope}",
    response={200: TableOut, **ERRORS, **NOT_FOUND},
    summary="Board seats held by people with a multicultural background",
)
@decorate_view(never_cache)
@known_parameters
def representation_table(
    request, scope: Path[Scope], lang: Query[Language] = DEFAULT_LANGUAGE
):
    """Per year, the seats held by people with a multicultural background,
    their share and the representation ratio, for one kind of board."""
    return _catalogue_table(request, f"representation:{scope.value}", lang.value)


api.add_router("/council/", council)


#: The API's URLs (config/urls.py includes this module), and the URL
#: configuration of an API response, see MedborgerAPI.create_response.
def not_found(request):
    """Any other address under /api/v1/: a 404 in JSON (the site would
    redirect it to /da/api/v1/..., a page that does not exist either)."""
    return api.create_response(
        request,
        {"detail": gettext("There is nothing at this address of the API.")},
        status=404,
    )


urlpatterns = [path("api/v1/", api.urls), re_path(r"^api/v1/", not_found)]
