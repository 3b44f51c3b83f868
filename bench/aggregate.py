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
2. times the product's ``catalogue.survey_table(represented_local, current
   wave, breakdown, policy=catalogue.policy())`` as it is, for two breakdowns:
   BREAKDOWNS["origin"] (the council's main aggregate: a column of the
   response) and BREAKDOWNS["neighbourhood"] (a suppressed crosstab: the
   answer to a background question, joined once by
   catalogue.survey._answers_by_group):
   - cold: the first call in a fresh Python process with a fresh database
     connection (so a fresh PostgreSQL backend: no plan or catalogue cache),
     --cold processes per scenario, median; the PostgreSQL buffer cache and
     the OS page cache are shared with other users of the machine and are
     not dropped, and the data were loaded just before, so "cold" is a cold
     process on warm pages;
   - warm: the median of --repeat calls in one process after one call;
   - where the time goes: every SQL statement survey_table runs, timed
     through connection.execute_wrapper, and EXPLAIN ANALYZE of the
     grouped query (QuerySet.explain(analyze=True));
   - the same, cold and warm, with PostgreSQL's JIT off for the connection
     (informative: whether JIT compilation still costs anything);
3. the floor: the same answers (joined to their response's wave and
   origin) loaded once into a pandas DataFrame, registered in DuckDB, and
   the equivalent GROUP BY queries (the counts by group x answer, and the
   per-group respondents / agreeing / mean that survey_table's statistics
   need) timed warm, median of --repeat; the product's grouped counts are
   checked against DuckDB's;
4. drops the database (unless --keep).

It prints figures and ratios and never asserts on time: exit status 0
whenever it ran, goals missed included, non-zero only when it could not run.
"""

from __future__ import annotations

import argparse
import datetime
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - after the path is set
from bench.common import commit, machine, migrate, say, verdict  # noqa: E402

QUESTION = "represented_local"
GOAL_WARM_RATIO = 2.0  # warm survey_table / DuckDB
GOAL_COLD_S = 1.0
SCENARIOS = {
    "origin": "main aggregate: represented_local by origin",
    "neighbourhood": "suppressed crosstab: represented_local by neighbourhood",
}


def run(env: dict, *args: str) -> dict:
    """A stage of this script in a fresh process (common.run)."""
    return common.run(Path(__file__), env, *args)


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
    *,
    answers: int | None = None,
    responses: int | None = None,
    seed: int = 2026,
    baseline_share: float = 0.45,
    batch: int = 2000,
    existing: bool = False,
) -> dict:
    """Build the demo instrument and its two waves (``existing``: use the
    demo's, loaded already), then store synthetic responses until there are
    exactly ``answers`` Answer rows more (the last response may be cut
    short), or ``responses`` responses more. ``baseline_share`` of the
    responses go to the 2023 baseline, the rest to this year's wave.
    Returns what the database holds (:func:`dataset`)."""
    from django.db import connection, transaction
    from django.utils import timezone
    from psycopg import sql

    from cms.demo.loader import build_survey, build_waves
    from surveys.models import Answer, Survey, SurveyResponse

    rng = random.Random(seed)
    today = timezone.localdate()
    if existing:
        survey = Survey.objects.get()
        waves = list(survey.waves.order_by("opens_on")[:2])
    else:
        with transaction.atomic():
            survey = build_survey()
            waves = build_waves(survey, today)
    answers = answers if answers is not None else float("inf")
    responses_wanted = responses if responses is not None else float("inf")
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
    while stored < answers and responses < responses_wanted:
        pending = []
        while (
            len(pending) < batch
            and stored < answers
            and responses + len(pending) < responses_wanted
        ):
            wave = waves[0] if rng.random() < baseline_share else waves[1]
            last = min(wave.closes_on, today)
            span = max((last - wave.opens_on).days, 0)
            language = rng.choices(languages, weights)[0]
            origin, group, rows = _one_response(rng, questions, language)
            if answers != float("inf"):
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
    from participation.council import catalogue

    catalogue.policy()
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
    from participation.council import catalogue
    from surveys.models import Question, Wave

    wave = Wave.objects.order_by("-opens_on").first()
    question = Question.objects.get(survey_id=wave.survey_id, code=QUESTION)
    return catalogue, question, wave, catalogue.BREAKDOWNS[breakdown_code]


def _call(catalogue, question, wave, breakdown):
    return catalogue.survey_table(question, wave, breakdown, policy=catalogue.policy())


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

    catalogue, question, wave, breakdown = _subject(args.scenario)
    connection.ensure_connection()
    start = time.perf_counter()
    table = _call(catalogue, question, wave, breakdown)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "hidden": int(table.disclosed.hidden.to_numpy().sum())}


def _median_time(function, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _grouped(catalogue, question, wave, breakdown):
    """survey_table's grouped-count queryset, built the same way."""
    from django.db.models import Count

    return (
        catalogue.survey._answers_by_group(question, wave, breakdown)
        .values("group", "choice")
        .annotate(n=Count("id"))
        .order_by()
    )


def _counts(rows) -> dict[str, int]:
    """(group, answer) -> count, the group's blank or NULL read "unknown" as
    survey_table does; keyed "group|answer" to survive JSON."""
    out: dict[str, int] = {}
    for group, choice, n in rows:
        key = f"{group or 'unknown'}|{choice}"
        out[key] = out.get(key, 0) + int(n)
    return out


def stage_warm(args) -> dict:
    from django.db import connection

    out = {}
    for scenario in SCENARIOS:
        catalogue, question, wave, breakdown = _subject(scenario)
        _call(catalogue, question, wave, breakdown)  # warm-up
        median, times = _median_time(
            lambda t=catalogue, q=question, w=wave, b=breakdown: _call(t, q, w, b),
            args.repeat,
        )
        if args.light:
            out[scenario] = {"warm": median, "times": times}
            continue
        clock = QueryClock()
        with connection.execute_wrapper(clock):
            start = time.perf_counter()
            table = _call(catalogue, question, wave, breakdown)
            total = time.perf_counter() - start
        queries = [
            {"seconds": seconds, "sql": " ".join(sql.split())[:160]}
            for seconds, sql in clock.calls
        ]
        grouped = _grouped(catalogue, question, wave, breakdown)
        sql_median, _times = _median_time(lambda g=grouped: list(g.all()), args.repeat)
        out[scenario] = {
            "warm": median,
            "times": times,
            "hidden": int(table.disclosed.hidden.to_numpy().sum()),
            "cells": int(table.disclosed.hidden.size),
            "profiled_total": total,
            "queries": queries,
            "grouped_sql": sql_median,
            "counts": _counts(grouped.values_list("group", "choice", "n")),
            "explain": grouped.explain(analyze=True),
        }
    return out


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
    queries = {
        "origin": (DUCKDB_ORIGIN, DUCKDB_ORIGIN_STATS, [question.pk, wave.pk]),
        "neighbourhood": (
            DUCKDB_CROSSTAB,
            DUCKDB_CROSSTAB_STATS,
            [neighbourhood.pk, question.pk, wave.pk],
        ),
    }

    def both(counts_sql, stats_sql, params):
        db.execute(counts_sql, params).fetchall()
        db.execute(stats_sql, params).fetchall()

    out = {"load_seconds": load, "rows": len(frame), "threads": threads}
    # The floor: DuckDB scanning the registered DataFrame. Informative: the
    # same queries on a copy in DuckDB's own columnar storage.
    db.execute("CREATE TABLE native AS SELECT * FROM frame")
    for suffix, view in (
        ("", "CREATE OR REPLACE VIEW a AS SELECT * FROM frame"),
        ("_native", "CREATE OR REPLACE VIEW a AS SELECT * FROM native"),
    ):
        db.execute(view)
        for name, query in queries.items():
            both(*query)
            out[name + suffix], _times = _median_time(
                lambda q=query: both(*q), args.repeat
            )
    for name, (counts_sql, _stats, params) in queries.items():
        out[name + "_counts"] = _counts(db.execute(counts_sql, params).fetchall())
    return out


STAGES = {
    "cold": stage_cold,
    "warm": stage_warm,
    "floor": stage_floor,
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
    parser.add_argument("--light", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def prepare(args, env: dict) -> dict:
    """Create, migrate and fill the throwaway database (or reuse it)."""
    if args.reuse:
        say(f"== reusing database {args.db}")
        return run(env, "--stage", "dataset")
    say(f"== setup: database {args.db}, migrate, {args.answers:,} synthetic answers")
    common.pg_admin("drop", args.db)
    common.pg_admin("create", args.db)
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


def _cold(env: dict, scenario: str, times: int) -> list[dict]:
    return [run(env, "--stage", "cold", "--scenario", scenario) for _ in range(times)]


def report(args, env: dict, loaded: dict) -> dict:
    say(f"== cold: first survey_table call in {args.cold} fresh processes each")
    cold = {scenario: _cold(env, scenario, args.cold) for scenario in SCENARIOS}
    for scenario, results in cold.items():
        say(f"   {scenario}: " + ", ".join(f"{r['seconds']:.3f} s" for r in results))
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
            r["seconds"] for r in _cold(no_jit, scenario, args.cold)
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
        c = statistics.median(r["seconds"] for r in cold[scenario])
        w = warm[scenario]["warm"]
        d = floor[scenario]
        ratio = w / d
        rows[scenario] = {
            "cold": c,
            "warm": w,
            "duckdb": d,
            "ratio": ratio,
            "warm_met": ratio <= GOAL_WARM_RATIO,
            "cold_met": c <= GOAL_COLD_S,
            "same_counts_as_duckdb": warm[scenario]["counts"]
            == floor[scenario + "_counts"],
        }
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
        + ", ".join(
            f"{scenario} {floor[scenario + '_native']:.4f} s "
            f"({warm[scenario]['warm'] / floor[scenario + '_native']:.1f}x)"
            for scenario in SCENARIOS
        )
    )
    say(
        "   grouped counts the same as DuckDB's: "
        + ", ".join(
            f"{scenario} {rows[scenario]['same_counts_as_duckdb']}"
            for scenario in SCENARIOS
        )
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
            f"{entry['profiled_total'] - sql_total:.3f} s; grouped query alone, "
            f"warm median {entry['grouped_sql']:.3f} s"
        )
        for query in entry["queries"]:
            say(f"     {query['seconds']:.4f} s  {query['sql']}")
    say("")
    for scenario in SCENARIOS:
        explain = warm[scenario]["explain"]
        jit = "JIT" in explain
        say(f"== EXPLAIN ANALYZE, grouped query, {scenario} (JIT used: {jit})")
        say(explain)
        say("")
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": machine(),
        "loaded": loaded,
        "rows": rows,
        "cold": cold,
        "warm": warm,
        "floor": floor,
        "no_jit": {"cold": cold_no_jit, "warm": warm_no_jit},
    }


def main() -> int:
    return common.main(
        parse_args(),
        stages=STAGES,
        prepare=prepare,
        measure=report,
        modules=("duckdb", "psycopg"),
    )


if __name__ == "__main__":
    sys.exit(main())
