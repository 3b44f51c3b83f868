"""Council aggregate benchmark: survey_table at 1,000,000 answers against DuckDB.

    python bench/aggregate.py    (from the repository root; re-runs itself
                                  under .venv; needs bench/requirements.txt)

One run:

1. creates a throwaway PostgreSQL database (medborger_bench_aggregate),
   migrates it, builds the demo survey instrument and its two waves
   (cms.demo.loader.build_survey / build_waves) and stores synthetic
   responses until there are exactly --answers Answer rows (default
   1,000,000): responses with bulk_create, answers with COPY through
   psycopg's copy API, then VACUUM ANALYZE, as autovacuum would;
2. times the council's main aggregate,
   ``tables.survey_table(represented_local, current wave,
   BREAKDOWNS["origin"], policy=tables.policy())``, and one suppressed
   crosstab, the same by BREAKDOWNS["neighbourhood"] (a correlated
   subquery per answer):
   - cold: the first call in a fresh Python process with a fresh database
     connection (so a fresh PostgreSQL backend: no plan or catalogue cache),
     3 processes per scenario, median; the PostgreSQL buffer cache and the
     OS page cache are shared with other users of the machine and are not
     dropped, and the data were loaded just before, so "cold" is a cold
     process on warm pages;
   - warm: the median of --repeat calls in one process after one call;
   - where the time goes: every SQL statement survey_table runs, timed
     through connection.execute_wrapper, and EXPLAIN ANALYZE of the
     grouped query (QuerySet.explain(analyze=True));
3. the floor: the same answers (joined to their response's wave and
   origin) loaded once into a pandas DataFrame, registered in DuckDB, and
   the equivalent GROUP BY queries (the counts by group x answer, and the
   per-group respondents / agree / mean that survey_table's statistics
   need) timed warm, median of --repeat;
4. prototypes of a faster crosstab (bench code only): the background
   question's id resolved once instead of joining surveys_question per
   answer, with and without an index on surveys_answer (response_id,
   question_id) added to the throwaway database with the schema editor,
   and the same crosstab as a join (FilteredRelation) instead of a
   correlated subquery;
5. drops the database.

It prints figures and ratios and never asserts on time: exit status 0
whenever it ran, goals missed included, non-zero only when it could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import random
import re
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
QUESTION = "represented_local"
GOAL_WARM_RATIO = 2.0  # warm survey_table / DuckDB
GOAL_COLD_S = 1.0
SCENARIOS = {
    "origin": "main aggregate: represented_local by origin",
    "neighbourhood": "suppressed crosstab: represented_local by neighbourhood",
}
BENCH_INDEX = "bench_answer_resp_q"  # the prototype index, bench DB only


# --------------------------------------------------------------------------
# Small helpers (the parent process: no Django)


def say(*parts) -> None:
    print(*parts, flush=True)


def verdict(met: bool) -> str:
    return "yes" if met else "NO"


def pg_admin(statement: str, dbname: str) -> None:
    """CREATE / DROP DATABASE ``dbname`` (statement: "create" or "drop")."""
    import psycopg
    from psycopg import sql

    query = {
        "create": sql.SQL("CREATE DATABASE {}"),
        "drop": sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"),
    }[statement].format(sql.Identifier(dbname))
    with psycopg.connect(
        host=HOST, port=5432, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(query)


def bench_env(db: str, settings: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{db}",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "DEBUG": "False",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("SURVEY_RECEIPT_KEY", None)
    return env


def run(env: dict, *args: str, script: Path | None = None) -> dict:
    """Run a stage of ``script`` (default: this file) in a fresh process;
    its last stdout line is JSON. Other lines are passed through."""
    command = [sys.executable, str(script or Path(__file__)), *args]
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    lines = done.stdout.strip().splitlines()
    for line in lines[:-1]:
        say(line)
    return json.loads(lines[-1])


def migrate(env: dict) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"migrate failed:\n{done.stdout}\n{done.stderr}")


def machine() -> str:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} CPU ({model}), {memory:.0f} GB RAM, {platform.platform()}"


def commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def ensure_venv(*modules: str) -> None:
    """Re-run under the project's virtual environment if started elsewhere."""
    try:
        for module in ("django", *modules):
            __import__(module)
    except ImportError:
        if VENV_PYTHON.exists() and Path(sys.executable) != VENV_PYTHON:
            os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])  # noqa: S606
        raise


def django_setup() -> None:
    import django

    django.setup()
    from django.utils import translation

    translation.activate("da")


# --------------------------------------------------------------------------
# Synthetic data (stage "load"; bench/export.py uses it too)

LANGUAGES = {"da": 46, "ar": 11, "tr": 8, "uk": 8, "so": 7, "fa": 6, "pl": 5}
LANGUAGES |= {"ti": 5, "en": 4}
AGREE_ODDS = {
    "danish": (5, 10, 20, 40, 25),
    "descendant": (8, 17, 25, 33, 17),
    "immigrant": (10, 20, 27, 30, 13),
    "unknown": (10, 20, 30, 25, 15),
}
# Where people live. "other" is rare on purpose: its cells fall below k, so
# the crosstab really suppresses (primary and complementary cells).
NEIGHBOURHOODS = {
    "aalborg_ost": (10, 30, 28),
    "centrum": (16, 12, 12),
    "vestbyen": (12, 18, 18),
    "norresundby": (14, 10, 12),
    "hasseris": (12, 4, 4),
    "vejgaard": (12, 10, 10),
    "gug": (9, 5, 6),
    "svenstrup": (9, 4, 4),
    "other": (0.1, 0.1, 0.1),
}
TEXTS = (
    "Flere aktiviteter i mit boligområde, hvor man møder naboerne.",
    "At kommunen spørger os, før de beslutter noget om vores område.",
    "Tolkning til møder i skolebestyrelsen. Ring til mig på [PHONE].",
    "Meetings in the evening, so people who work can come.",
    "اجتماعات في المساء حتى يتمكن العاملون من الحضور.",
    "Більше інформації різними мовами, будь ласка.",
)


def _background(rng: random.Random, origin: str, language: str) -> dict[str, str]:
    parent = "yes" if origin == "danish" else "no"
    answers = {
        "born_dk": "no" if origin == "immigrant" else "yes",
        "citizen_dk": "yes" if origin == "danish" or rng.random() < 0.55 else "no",
        "mother_dk": parent if rng.random() < 0.95 else "dk",
        "father_dk": parent if rng.random() < 0.9 else "dk",
        "age_band": rng.choices(
            ["under_18", "18_29", "30_49", "50_64", "65_plus"], (4, 24, 38, 22, 12)
        )[0],
        "gender": rng.choices(["woman", "man", "other", "prefer_not"], (50, 46, 2, 2))[
            0
        ],
    }
    column = {"danish": 0, "immigrant": 1, "descendant": 2}[origin]
    answers["neighbourhood"] = rng.choices(
        list(NEIGHBOURHOODS), [w[column] for w in NEIGHBOURHOODS.values()]
    )[0]
    if origin != "danish":
        western = language in ("pl", "en") and rng.random() < 0.8
        answers["country_group"] = "western" if western else "non_western"
    if origin == "immigrant":
        answers["years_in_dk"] = rng.randint(0, 35)
    return answers


def _one_response(rng, questions, language: str) -> tuple[str, str, list[tuple]]:
    """(origin, country group, answer rows (question id, choice, number,
    text)) of one synthetic respondent."""
    from surveys.origin import derive_country_group, derive_origin

    if language == "da":
        origin = rng.choices(["danish", "descendant", "immigrant"], (85, 9, 6))[0]
    else:
        origin = rng.choices(["immigrant", "descendant", "danish"], (70, 25, 5))[0]
    given: dict[str, object] = {}
    if rng.random() >= 0.08:  # some leave the background block empty
        given = _background(rng, origin, language)
    rows = []
    for question in questions:
        code, kind = question.code, question.kind
        if question.condition_question_id is not None and (
            given.get(question.condition_question.code) not in question.condition_codes
        ):
            continue
        if question.background_role:
            value = given.get(code)
        elif kind == "agree":
            value = (
                "dk"
                if rng.random() < 0.05
                else str(rng.choices(range(1, 6), AGREE_ODDS[origin])[0])
            )
        elif kind == "yesno":
            value = "yes" if rng.random() < 0.4 else "no"
        elif kind == "single":
            value = rng.choice(question.choice_codes)
        elif kind == "multi":
            value = rng.sample(question.choice_codes, k=rng.randint(1, 2))
        elif kind == "number":
            value = rng.randint(
                question.min_value or 0, min(question.max_value or 40, 40)
            )
        else:
            value = rng.choice(TEXTS) if rng.random() < 0.15 else None
        given.setdefault(code, value)
        if value is None:
            continue
        if kind == "multi":
            rows += [(question.pk, choice, None, "") for choice in value]
        elif kind == "number":
            rows.append((question.pk, "", value, ""))
        elif kind == "text":
            rows.append((question.pk, "", None, value))
        else:
            rows.append((question.pk, value, None, ""))
    derived = derive_origin(
        born_in_denmark=given.get("born_dk"),
        mother_danish=given.get("mother_dk"),
        father_danish=given.get("father_dk"),
        citizen=given.get("citizen_dk"),
    )
    group = derive_country_group(
        origin=derived, country_group=given.get("country_group")
    )
    return str(derived), str(group), rows


def load_answers(
    *, answers: int, seed: int = 2026, baseline_share: float = 0.45, batch: int = 2000
) -> dict:
    """Build the demo instrument and its two waves, then store synthetic
    responses until there are exactly ``answers`` Answer rows (the last
    response may be cut short). ``baseline_share`` of the responses go to
    the 2023 baseline, the rest to this year's wave. Returns what was
    stored (:func:`dataset`)."""
    from django.db import connection, transaction
    from django.utils import timezone
    from psycopg import sql

    from cms.demo.loader import build_survey, build_waves
    from surveys.models import Answer, SurveyResponse

    rng = random.Random(seed)
    today = timezone.localdate()
    with transaction.atomic():
        survey = build_survey()
        waves = build_waves(survey, today)
    questions = list(
        survey.questions.select_related("condition_question")
        .prefetch_related("choices")
        .order_by("section__sort_order", "sort_order", "pk")
    )
    for question in questions:
        question.choice_codes = [
            c.code for c in sorted(question.choices.all(), key=lambda c: c.sort_order)
        ]
    languages, weights = list(LANGUAGES), list(LANGUAGES.values())
    copy_sql = sql.SQL(
        "COPY {} (response_id, question_id, choice, number, text) FROM STDIN"
    ).format(sql.Identifier(Answer._meta.db_table))
    stored = responses = 0
    while stored < answers:
        pending = []
        while len(pending) < batch and stored < answers:
            wave = waves[0] if rng.random() < baseline_share else waves[1]
            last = min(wave.closes_on, today)
            span = max((last - wave.opens_on).days, 0)
            language = rng.choices(languages, weights)[0]
            origin, group, rows = _one_response(rng, questions, language)
            rows = rows[: answers - stored]
            stored += len(rows)
            response = SurveyResponse(
                wave=wave,
                language=language,
                channel=rng.choices(["web", "paper", "assisted"], (90, 7, 3))[0],
                submitted_on=wave.opens_on
                + datetime.timedelta(days=rng.randint(0, span)),
                origin=origin,
                country_group=group,
                receipt_hash=secrets.token_hex(32),
            )
            pending.append((response, rows))
        with transaction.atomic():
            SurveyResponse.objects.bulk_create([r for r, _rows in pending])
            with connection.connection.cursor().copy(copy_sql) as copy:
                for response, rows in pending:
                    for question_id, choice, number, text in rows:
                        copy.write_row((response.pk, question_id, choice, number, text))
        responses += len(pending)
    # Outside atomic(): VACUUM cannot run in a transaction.
    connection.ensure_connection()
    for model in (SurveyResponse, Answer):
        connection.connection.execute(
            sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(model._meta.db_table))
        )
    # The disclosure settings row is made on first use: make it now, so no
    # timed call pays for an INSERT.
    from participation import tables

    tables.policy()
    return dataset()


def dataset() -> dict:
    """What the benchmark database holds."""
    from surveys.models import Answer, SurveyResponse, Wave

    current = Wave.objects.order_by("-opens_on").first()
    return {
        "answers": Answer.objects.count(),
        "responses": SurveyResponse.objects.count(),
        "current_wave_responses": SurveyResponse.objects.filter(wave=current).count(),
        "question_answers_in_wave": Answer.objects.filter(
            question__code=QUESTION, response__wave=current
        ).count(),
        "wave": current.pk,
    }


# --------------------------------------------------------------------------
# Timing stages (a Django process each)


def _subject(breakdown_code: str):
    from participation import tables
    from surveys.models import Question, Wave

    wave = Wave.objects.order_by("-opens_on").first()
    question = Question.objects.get(survey_id=wave.survey_id, code=QUESTION)
    return tables, question, wave, tables.BREAKDOWNS[breakdown_code]


def _call(tables, question, wave, breakdown):
    return tables.survey_table(question, wave, breakdown, policy=tables.policy())


class QueryClock:
    """Times every SQL statement run on the default connection (execute
    only; psycopg's client-side cursor has the rows by then)."""

    def __init__(self):
        self.calls: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.calls.append((time.perf_counter() - start, sql))


def stage_cold(args) -> dict:
    from django.db import connection

    tables, question, wave, breakdown = _subject(args.scenario)
    connection.ensure_connection()
    start = time.perf_counter()
    table = _call(tables, question, wave, breakdown)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "hidden": int(table.disclosed.hidden.to_numpy().sum())}


def _median_time(function, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _grouped(tables, question, wave, breakdown, expression=None):
    """The grouped-count queryset of survey_table, built the same way."""
    from django.db.models import Count

    from surveys.models import Answer

    expression = expression or tables._group_expression(question, breakdown)
    return (
        Answer.objects.filter(question=question, response__wave=wave)
        .exclude(choice="")
        .annotate(group=expression)
        .values("group", "choice")
        .annotate(n=Count("id"))
        .order_by()
    )


def _fast_expression(tables):
    """Prototype of tables._group_expression: the background question's id
    resolved once, so the subquery is one probe of surveys_answer by
    (response_id, question_id) and joins no surveys_question."""
    from django.db.models import F, OuterRef, Subquery

    from surveys.models import Answer, Question

    def expression(question, breakdown):
        if breakdown.response_field:
            return F(f"response__{breakdown.response_field}")
        background = (
            Question.objects.filter(
                survey_id=question.survey_id, background_role=breakdown.role
            )
            .values_list("pk", flat=True)
            .first()
        )
        return Subquery(
            Answer.objects.filter(
                response=OuterRef("response"), question_id=background
            ).values("choice")[:1]
        )

    return expression


def _joined(question, wave, breakdown):
    """Prototype: the crosstab as a LEFT JOIN to the background answer
    (FilteredRelation) instead of a correlated subquery per answer."""
    from django.db.models import Count, F, FilteredRelation, Q

    from surveys.models import Answer, Question

    background = Question.objects.get(
        survey_id=question.survey_id, background_role=breakdown.role
    )
    return (
        Answer.objects.filter(question=question, response__wave=wave)
        .exclude(choice="")
        .annotate(
            background=FilteredRelation(
                "response__answers",
                condition=Q(response__answers__question=background),
            )
        )
        .annotate(group=F("background__choice"))
        .values("group", "choice")
        .annotate(n=Count("id"))
        .order_by()
    )


def _counts(rows) -> dict:
    out: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["group"] or "unknown", row["choice"])
        out[key] = out.get(key, 0) + row["n"]
    return out


def stage_warm(args) -> dict:
    from django.db import connection

    out = {}
    for scenario in SCENARIOS:
        tables, question, wave, breakdown = _subject(scenario)
        _call(tables, question, wave, breakdown)  # warm-up
        median, times = _median_time(
            lambda t=tables, q=question, w=wave, b=breakdown: _call(t, q, w, b),
            args.repeat,
        )
        if args.light:
            out[scenario] = {"warm": median, "times": times}
            continue
        clock = QueryClock()
        with connection.execute_wrapper(clock):
            start = time.perf_counter()
            table = _call(tables, question, wave, breakdown)
            total = time.perf_counter() - start
        queries = [
            {"seconds": seconds, "sql": " ".join(sql.split())[:160]}
            for seconds, sql in clock.calls
        ]
        grouped = _grouped(tables, question, wave, breakdown)
        sql_median, _times = _median_time(lambda g=grouped: list(g.all()), args.repeat)
        explain = grouped.explain(analyze=True)
        entry = {
            "warm": median,
            "times": times,
            "hidden": int(table.disclosed.hidden.to_numpy().sum()),
            "cells": int(table.disclosed.hidden.size),
            "profiled_total": total,
            "queries": queries,
            "grouped_sql": sql_median,
            "explain": explain,
        }
        if scenario == "neighbourhood":
            joined = _joined(question, wave, breakdown)
            same = _counts(joined) == _counts(grouped)
            entry["joined_sql"], _times = _median_time(
                lambda j=joined: list(j.all()), args.repeat
            )
            entry["joined_same_counts"] = same
            entry["joined_explain"] = joined.explain(analyze=True)
            fast = _grouped(
                tables,
                question,
                wave,
                breakdown,
                _fast_expression(tables)(question, breakdown),
            )
            entry["fast_sql"], _times = _median_time(
                lambda f=fast: list(f.all()), args.repeat
            )
            entry["fast_same_counts"] = _counts(fast) == _counts(grouped)
        out[scenario] = entry
    return out


def stage_index(args) -> dict:
    """Prototype: add an index on (response_id, question_id) and use the
    fast expression; time the whole survey_table again (cold and warm)."""
    from django.db import connection, models

    from surveys.models import Answer

    tables, question, wave, breakdown = _subject("neighbourhood")
    index = models.Index(fields=["response", "question"], name=BENCH_INDEX)
    if args.create_index or args.drop_index:
        with connection.cursor() as cursor:
            exists = BENCH_INDEX in connection.introspection.get_constraints(
                cursor, Answer._meta.db_table
            )
        start = time.perf_counter()
        with connection.schema_editor() as editor:
            if exists:
                editor.remove_index(Answer, index)
            if args.create_index:
                editor.add_index(Answer, index)
        return {"index_seconds": time.perf_counter() - start}
    tables._group_expression = _fast_expression(tables)
    start = time.perf_counter()
    _call(tables, question, wave, breakdown)
    cold = time.perf_counter() - start
    median, _times = _median_time(
        lambda: _call(tables, question, wave, breakdown), args.repeat
    )
    grouped = _grouped(tables, question, wave, breakdown)
    sql_median, _times = _median_time(lambda: list(grouped.all()), args.repeat)
    return {
        "cold": cold,
        "warm": median,
        "grouped_sql": sql_median,
        "explain": grouped.explain(analyze=True),
    }


# The floor's queries (DuckDB SQL on the view ``a`` of the answers frame).
# Respondents, agreeing and mean per group: what survey_table's statistics
# need beside the counts.
DUCKDB_ORIGIN = (
    "SELECT coalesce(nullif(origin, ''), 'unknown') AS grp, choice, count(*) "
    "FROM a WHERE question_id = ? AND wave_id = ? AND choice <> '' GROUP BY ALL"
)
DUCKDB_ORIGIN_STATS = (
    "WITH rows AS (SELECT coalesce(nullif(origin, ''), 'unknown') AS grp, choice "
    "FROM a WHERE question_id = ? AND wave_id = ? AND choice <> '') "
    "SELECT grp, count(*) FILTER (WHERE choice IN ('1','2','3','4','5')), "
    "count(*) FILTER (WHERE choice IN ('4','5')), "
    "avg(TRY_CAST(choice AS INTEGER)) FILTER "
    "(WHERE choice IN ('1','2','3','4','5')) FROM rows GROUP BY grp"
)
DUCKDB_CROSSTAB = (
    "WITH nb AS (SELECT response_id, any_value(choice) AS grp FROM a "
    "WHERE question_id = ? GROUP BY response_id), "
    "rows AS (SELECT coalesce(nullif(nb.grp, ''), 'unknown') AS grp, a.choice "
    "FROM a LEFT JOIN nb USING (response_id) "
    "WHERE a.question_id = ? AND a.wave_id = ? AND a.choice <> '') "
    "SELECT grp, choice, count(*) FROM rows GROUP BY ALL"
)
DUCKDB_CROSSTAB_STATS = (
    "WITH nb AS (SELECT response_id, any_value(choice) AS grp FROM a "
    "WHERE question_id = ? GROUP BY response_id), "
    "rows AS (SELECT coalesce(nullif(nb.grp, ''), 'unknown') AS grp, a.choice "
    "FROM a LEFT JOIN nb USING (response_id) "
    "WHERE a.question_id = ? AND a.wave_id = ? AND a.choice <> '') "
    "SELECT grp, count(*) FILTER (WHERE choice IN ('1','2','3','4','5')), "
    "count(*) FILTER (WHERE choice IN ('4','5')), "
    "avg(TRY_CAST(choice AS INTEGER)) FILTER "
    "(WHERE choice IN ('1','2','3','4','5')) FROM rows GROUP BY grp"
)


def _use_join(tables, question, breakdown) -> None:
    """Prototype of the recommended patch to participation/tables.py, for
    this process only: the crosstab's group is the background answer joined
    once (FilteredRelation on the background question's id) instead of a
    correlated subquery. survey_table and _agreement_statistics read
    ``Answer.objects.filter(...)``; here that queryset carries the join."""
    import types

    from django.db.models import F, FilteredRelation, Q

    from surveys.models import Answer, Question

    background = (
        Question.objects.filter(
            survey_id=question.survey_id, background_role=breakdown.role
        )
        .values_list("pk", flat=True)
        .first()
    )

    class Joined:
        @staticmethod
        def filter(*args, **kwargs):
            return Answer.objects.annotate(
                background=FilteredRelation(
                    "response__answers",
                    condition=Q(response__answers__question_id=background),
                )
            ).filter(*args, **kwargs)

    tables.Answer = types.SimpleNamespace(objects=Joined)
    tables._group_expression = lambda _question, _breakdown: F("background__choice")


def stage_joined(args) -> dict:
    """The whole survey_table with the join (prototype): cold, warm, and
    whether the table is the same as today's."""
    tables, question, wave, breakdown = _subject("neighbourhood")
    original = _call(tables, question, wave, breakdown) if args.compare else None
    if args.compare:
        # A fresh process measures; this one only compares.
        _use_join(tables, question, breakdown)
        joined = _call(tables, question, wave, breakdown)
        return {
            "same_table": original.records() == joined.records(),
            "hidden": int(joined.disclosed.hidden.to_numpy().sum()),
        }
    from django.db import connection

    connection.ensure_connection()
    start = time.perf_counter()
    _use_join(tables, question, breakdown)
    _call(tables, question, wave, breakdown)
    cold = time.perf_counter() - start
    median, _times = _median_time(
        lambda: _call(tables, question, wave, breakdown), args.repeat
    )
    return {"cold": cold, "warm": median}


def stage_floor(args) -> dict:
    """DuckDB on the same answers, loaded once into a pandas DataFrame."""
    import duckdb
    import pandas as pd

    from surveys.models import Answer, BackgroundRole, Question, Wave

    wave = Wave.objects.order_by("-opens_on").first()
    question = Question.objects.get(survey_id=wave.survey_id, code=QUESTION)
    neighbourhood = Question.objects.get(
        survey_id=wave.survey_id, background_role=BackgroundRole.NEIGHBOURHOOD
    )
    columns = ["response_id", "question_id", "choice", "wave_id", "origin"]
    start = time.perf_counter()
    frame = pd.DataFrame.from_records(
        Answer.objects.values_list(
            "response_id", "question_id", "choice", "response__wave", "response__origin"
        )
        .order_by()
        .iterator(chunk_size=20000),
        columns=columns,
    )
    # Plain object columns: DuckDB scans them without pyarrow.
    frame["choice"] = frame["choice"].astype(object)
    frame["origin"] = frame["origin"].astype(object)
    load = time.perf_counter() - start
    db = duckdb.connect()
    db.register("frame", frame)
    threads = db.execute("SELECT current_setting('threads')").fetchone()[0]
    params = [question.pk, wave.pk]
    origin_sql, origin_stats = DUCKDB_ORIGIN, DUCKDB_ORIGIN_STATS
    nb_sql, nb_stats = DUCKDB_CROSSTAB, DUCKDB_CROSSTAB_STATS
    nb_params = [neighbourhood.pk, question.pk, wave.pk]

    def origin():
        db.execute(origin_sql, params).fetchall()
        db.execute(origin_stats, params).fetchall()

    def crosstab():
        db.execute(nb_sql, nb_params).fetchall()
        db.execute(nb_stats, nb_params).fetchall()

    out = {"load_seconds": load, "rows": len(frame), "threads": threads}
    # The floor: DuckDB scanning the registered DataFrame. Informative: the
    # same queries on a copy in DuckDB's own columnar storage.
    db.execute("CREATE TABLE native AS SELECT * FROM frame")
    for suffix, view in (
        ("", "CREATE OR REPLACE VIEW a AS SELECT * FROM frame"),
        ("_native", "CREATE OR REPLACE VIEW a AS SELECT * FROM native"),
    ):
        db.execute(view)
        for name, function in (("origin", origin), ("neighbourhood", crosstab)):
            function()
            out[name + suffix], _times = _median_time(function, args.repeat)
    out["neighbourhood_cells"] = len(db.execute(nb_sql, nb_params).fetchall())
    return out


STAGES = {
    "cold": stage_cold,
    "warm": stage_warm,
    "floor": stage_floor,
    "index": stage_index,
    "joined": stage_joined,
    "load": lambda args: load_answers(answers=args.answers, seed=args.seed),
    "dataset": lambda args: dataset(),
}


# --------------------------------------------------------------------------
# The run


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Council aggregate benchmark (see the module docstring)."
    )
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9, help="warm calls, median")
    parser.add_argument("--cold", type=int, default=3, help="fresh processes each")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", default="medborger_bench_aggregate")
    parser.add_argument("--settings", default="config.settings")
    parser.add_argument(
        "--keep", action="store_true", help="leave the database (with --reuse later)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="use a database a --keep run left"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), help=argparse.SUPPRESS)
    parser.add_argument("--create-index", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--drop-index", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--light", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--compare", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def child(args) -> int:
    django_setup()
    result = STAGES[args.stage](args)
    print(json.dumps(result, default=str))
    return 0


def prepare(args, env: dict) -> dict:
    """Create, migrate and fill the throwaway database (or reuse it)."""
    if args.reuse:
        say(f"== reusing database {args.db}")
        return run(env, "--stage", "dataset")
    say(f"== setup: database {args.db}, migrate, {args.answers:,} synthetic answers")
    pg_admin("drop", args.db)
    pg_admin("create", args.db)
    start = time.monotonic()
    migrate(env)
    say(f"   migrate: {time.monotonic() - start:.0f} s")
    start = time.monotonic()
    loaded = run(env, "--stage", "load", "--answers", str(args.answers))
    say(
        f"   loaded {loaded['answers']:,} answers of {loaded['responses']:,} "
        f"responses in {time.monotonic() - start:.0f} s (bulk_create + COPY + "
        f"VACUUM ANALYZE); the current wave has {loaded['current_wave_responses']:,} "
        f"responses, {loaded['question_answers_in_wave']:,} answers to {QUESTION}"
    )
    return loaded


def main() -> int:
    args = parse_args()
    if args.stage:
        return child(args)
    ensure_venv("duckdb", "psycopg")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.db):
        say("--db must be a plain lower-case identifier")
        return 2
    try:
        pg_admin("drop", "medborger_bench_probe_never_exists")
    except Exception as error:  # noqa: BLE001
        say(f"PostgreSQL is not reachable on {HOST}:5432 ({error}).")
        say(
            "Start it: pg_ctlcluster --skip-systemctl-redirect "
            "$(ls /etc/postgresql) main start"
        )
        return 2
    started = time.monotonic()
    env = bench_env(args.db, args.settings)
    created = False
    try:
        created = not args.reuse
        loaded = prepare(args, env)
        figures = report(args, env, loaded)
        say(f"== done in {time.monotonic() - started:.0f} s")
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2, default=str))
        return 0
    except Exception as error:  # noqa: BLE001 - report and clean up
        say(f"benchmark could not run: {error}")
        return 1
    finally:
        if created and not args.keep:
            try:
                pg_admin("drop", args.db)
                say(f"== cleanup: database {args.db} dropped")
            except Exception as error:  # noqa: BLE001
                say(f"could not drop database {args.db}: {error}")


def report(args, env: dict, loaded: dict) -> dict:
    say(f"== cold: first survey_table call in {args.cold} fresh processes each")
    cold: dict[str, list[float]] = {}
    hidden = {}
    for scenario in SCENARIOS:
        cold[scenario] = []
        for _ in range(args.cold):
            result = run(env, "--stage", "cold", "--scenario", scenario)
            cold[scenario].append(result["seconds"])
            hidden[scenario] = result["hidden"]
        say(f"   {scenario}: " + ", ".join(f"{s:.3f} s" for s in cold[scenario]))
    say(f"== warm: median of {args.repeat} calls in one process, after one call")
    warm = run(env, "--stage", "warm", "--repeat", str(args.repeat))
    say("== floor: DuckDB on the same answers in a pandas DataFrame")
    floor = run(env, "--stage", "floor", "--repeat", str(args.repeat))
    say(
        f"   {floor['rows']:,} answer rows loaded into pandas in "
        f"{floor['load_seconds']:.1f} s (once, not timed below); "
        f"DuckDB threads: {floor['threads']}"
    )
    say("== PostgreSQL JIT off for the connection (DATABASE_URL ?options=-c jit=off)")
    no_jit = {**env, "DATABASE_URL": env["DATABASE_URL"] + "?options=-c%20jit%3Doff"}
    cold_no_jit = {
        scenario: statistics.median(
            run(no_jit, "--stage", "cold", "--scenario", scenario)["seconds"]
            for _ in range(args.cold)
        )
        for scenario in SCENARIOS
    }
    warm_no_jit = run(
        no_jit, "--stage", "warm", "--light", "--repeat", str(args.repeat)
    )
    for scenario in SCENARIOS:
        say(
            f"   {scenario}: cold {cold_no_jit[scenario]:.3f} s, "
            f"warm {warm_no_jit[scenario]['warm']:.3f} s"
        )
    say("== prototype: the crosstab as a join (FilteredRelation), whole survey_table")
    joined = run(env, "--stage", "joined", "--repeat", str(args.repeat))
    joined |= run(env, "--stage", "joined", "--compare")
    say(
        f"   cold {joined['cold']:.3f} s, warm {joined['warm']:.3f} s; "
        f"same table as today's: {joined['same_table']}"
    )
    say("== prototype: index on surveys_answer (response_id, question_id)")
    index = run(env, "--stage", "index", "--create-index")
    say(f"   CREATE INDEX: {index['index_seconds']:.1f} s")
    indexed = run(env, "--stage", "index", "--repeat", str(args.repeat))
    run(env, "--stage", "index", "--drop-index")  # back to the product's schema

    say("")
    say(
        f"== results ({loaded.get('answers', 0):,} answers; "
        f"{loaded.get('question_answers_in_wave', 0):,} of them to {QUESTION} "
        "in the wave timed)"
    )
    header = (
        "| scenario | cold s (median of fresh processes) | warm median s | DuckDB s "
        "| warm / DuckDB | goal warm <= 2x DuckDB | goal cold <= 1 s | hidden cells |"
    )
    say(header)
    say("|" + "---|" * (header.count("|") - 1))
    rows = {}
    for scenario, label in SCENARIOS.items():
        c = statistics.median(cold[scenario])
        w = warm[scenario]["warm"]
        d = floor[scenario]
        ratio = w / d
        rows[scenario] = {"cold": c, "warm": w, "duckdb": d, "ratio": ratio}
        say(
            f"| {label} | {c:.3f} | {w:.3f} | {d:.4f} | {ratio:.1f}x "
            f"| {verdict(ratio <= GOAL_WARM_RATIO)} | {verdict(c <= GOAL_COLD_S)} "
            f"| {warm[scenario]['hidden']} of {warm[scenario]['cells']} |"
        )
    for scenario, label in SCENARIOS.items():
        w = warm_no_jit[scenario]["warm"]
        say(
            f"| {label}, JIT off | {cold_no_jit[scenario]:.3f} | {w:.3f} "
            f"| {floor[scenario]:.4f} | {w / floor[scenario]:.1f}x "
            f"| {verdict(w / floor[scenario] <= GOAL_WARM_RATIO)} "
            f"| {verdict(cold_no_jit[scenario] <= GOAL_COLD_S)} | |"
        )
    say(
        "   DuckDB on its own columnar copy of the frame instead (informative): "
        f"origin {floor['origin_native']:.4f} s, "
        f"neighbourhood {floor['neighbourhood_native']:.4f} s"
    )
    say("")
    say("== where the warm time goes (one profiled call; SQL execute times)")
    for scenario in SCENARIOS:
        entry = warm[scenario]
        sql_total = sum(q["seconds"] for q in entry["queries"])
        say(
            f"   {scenario}: {entry['profiled_total']:.3f} s in all, "
            f"{len(entry['queries'])} queries {sql_total:.3f} s, Python "
            "(pandas, statistics, disclosure) "
            f"{entry['profiled_total'] - sql_total:.3f} s"
        )
        for query in entry["queries"]:
            say(f"     {query['seconds']:.4f} s  {query['sql']}")
    say("")
    for scenario in SCENARIOS:
        say(f"== EXPLAIN ANALYZE, grouped query, {scenario}")
        say(warm[scenario]["explain"])
        say("")
    nb = warm["neighbourhood"]
    say("== prototypes for the crosstab (grouped SQL alone, warm median)")
    say(
        "   as today (correlated subquery joining surveys_question): "
        f"{nb['grouped_sql']:.3f} s"
    )
    say(
        f"   background question id resolved once, no index: {nb['fast_sql']:.3f} s "
        f"(same counts: {nb['fast_same_counts']})"
    )
    say(
        f"   LEFT JOIN via FilteredRelation, no index: {nb['joined_sql']:.3f} s "
        f"(same counts: {nb['joined_same_counts']})"
    )
    say(
        f"   id resolved once + index (response_id, question_id): "
        f"{indexed['grouped_sql']:.3f} s; whole survey_table cold "
        f"{indexed['cold']:.3f} s, warm {indexed['warm']:.3f} s "
        f"({indexed['warm'] / floor['neighbourhood']:.1f}x DuckDB)"
    )
    say(
        "   whole survey_table with the join, no index: "
        f"cold {joined['cold']:.3f} s, warm {joined['warm']:.3f} s "
        f"({joined['warm'] / floor['neighbourhood']:.1f}x DuckDB; "
        f"same table: {joined['same_table']})"
    )
    say("")
    say("== EXPLAIN ANALYZE, crosstab as a join")
    say(nb["joined_explain"])
    say("")
    say("== EXPLAIN ANALYZE, crosstab with the id resolved once + index")
    say(indexed["explain"])
    say("")
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": machine(),
        "loaded": loaded,
        "rows": rows,
        "cold": cold,
        "hidden": hidden,
        "warm": warm,
        "floor": floor,
        "indexed": indexed,
        "no_jit": {"cold": cold_no_jit, "warm": warm_no_jit},
        "joined": joined,
    }


if __name__ == "__main__":
    sys.exit(main())
