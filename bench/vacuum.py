"""How long the rewrites that clear dead tuples lock the survey's tables
(issue 16, item 2; docs/DEPLOY.md, "Removing what was deleted").

    python bench/vacuum.py                        (100,000 responses)
    python bench/vacuum.py --responses 20000

One run creates the throwaway PostgreSQL database medborger_bench_vacuum,
migrates it, stores --responses synthetic responses in bulk
(bench/aggregate.py's loader) and --codes unused invitation codes, withdraws
1 % of the responses (dead tuples, as withdrawals and retention leave), then
in a fresh process times, per table, ``VACUUM FULL`` (the rewrite: an
ACCESS EXCLUSIVE lock for its whole length, so no submit, batch or read of
that table meanwhile) and a plain ``VACUUM`` after it, with the table's size
(indexes included) before and after. It prints figures and never asserts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - after the path is set
from bench.common import commit, machine, migrate, say  # noqa: E402

TABLES = (
    "surveys_answer",
    "surveys_surveyresponse",
    "surveys_invitation",
    "surveys_pooledresponse",
)


def stage_load(args) -> dict:
    from bench.aggregate import load_answers
    from surveys import invitations
    from surveys.models import SurveyResponse, Wave

    loaded = load_answers(responses=args.responses)
    wave = Wave.objects.order_by("-opens_on").first()
    left = args.codes
    while left:
        number = min(left, invitations.MAX_PER_BATCH)
        invitations.invitations_generate(wave=wave, number=number)
        left -= number
    ids = list(SurveyResponse.objects.values_list("pk", flat=True)[::100])
    SurveyResponse.objects.filter(pk__in=ids).delete()
    return {**loaded, "withdrawn": len(ids)}


def stage_measure(args) -> dict:
    from django.db import connection
    from psycopg import sql

    figures = {}
    connection.ensure_connection()
    raw = connection.connection  # autocommit: VACUUM runs outside a transaction
    with connection.cursor() as cursor:
        for table in TABLES:
            name = sql.Identifier(table)
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            before = cursor.fetchone()[0]
            started = time.monotonic()
            raw.execute(sql.SQL("VACUUM FULL {}").format(name))
            full = time.monotonic() - started
            started = time.monotonic()
            raw.execute(sql.SQL("VACUUM {}").format(name))
            plain = time.monotonic() - started
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            after = cursor.fetchone()[0]
            rows = raw.execute(sql.SQL("SELECT count(*) FROM {}").format(name))
            rows = rows.fetchone()[0]
            figures[table] = {
                "rows": rows,
                "mb_before": before / 2**20,
                "mb_after": after / 2**20,
                "vacuum_full_s": full,
                "vacuum_s": plain,
            }
    return {"tables": figures}


STAGES = {"load": stage_load, "measure": stage_measure}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="VACUUM FULL of the tables.")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--db", default="medborger_bench_vacuum")
    parser.add_argument("--settings", default="config.settings")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def prepare(args, env: dict) -> dict:
    if args.reuse:
        say(f"== reusing database {args.db}")
        return {}
    say(f"== setup: database {args.db}, {args.responses:,} responses")
    common.pg_admin("drop", args.db)
    common.pg_admin("create", args.db)
    migrate(env)
    started = time.monotonic()
    loaded = common.run(
        Path(__file__),
        env,
        "--stage",
        "load",
        "--responses",
        str(args.responses),
        "--codes",
        str(args.codes),
    )
    say(
        f"   stored {loaded['responses']:,} responses, {loaded['answers']:,} "
        f"answers, {args.codes:,} codes; withdrew {loaded['withdrawn']:,} "
        f"({time.monotonic() - started:.0f} s)"
    )
    return loaded


def report(args, env: dict, loaded: dict) -> dict:
    measured = common.run(Path(__file__), env, "--stage", "measure")
    say("")
    say("| table | rows | MB before | MB after | VACUUM FULL s | VACUUM s |")
    say("|---|---:|---:|---:|---:|---:|")
    for table, row in measured["tables"].items():
        say(
            f"| {table} | {row['rows']:,} | {row['mb_before']:.1f} | "
            f"{row['mb_after']:.1f} | {row['vacuum_full_s']:.2f} | "
            f"{row['vacuum_s']:.2f} |"
        )
    say(f"\n{machine()}, commit {commit()}")
    return {"machine": machine(), "loaded": loaded, **measured}


def main() -> int:
    return common.main(parse_args(), stages=STAGES, prepare=prepare, measure=report)


if __name__ == "__main__":
    sys.exit(main())
