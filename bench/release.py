"""How long a release takes to make, and a table to read from it
(participation/council/releases; issue 15's goals: the demo's release of
about 400 tables in at most 60 s on 2 cores, at 100,000 responses at most
10 minutes in the background, a read at most 50 ms).

    python bench/release.py                      (the demo: 2,000 responses)
    python bench/release.py --responses 100000   (the large wave)

One run creates the throwaway PostgreSQL database medborger_bench_release,
migrates it and loads the demo municipality with --responses responses
(load_demo publishes a release of every population). Above 2,000, load_demo
submits 2,000 through the survey's service and the rest are stored in bulk
into the demo's two waves (bench/aggregate.py's loader: synthetic answers
to the demo instrument, bulk_create and COPY); the first release of each
population is then the one timed. Then, in a fresh
process with the product's settings, it makes a new release of every
population here and now (as the task worker would, one process) and prints
per population the tables, the numbers of the joint audit, those hidden,
those the joint audit added, and the seconds to build the tables, to audit
them and in all (the check against the published release included), and
publishes it (seconds to publish); then it reads --reads tables of the
published releases (survey tables, the indicators whose rows come from
several releases, a representation table) as a council page does
(``prepared.prepared_table`` and the table's records), and prints the median
and the slowest read.
Council page and API timings, requests included: bench/council_latency.py.

It prints figures and never asserts on time.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - after the path is set
from bench.common import commit, machine, migrate, say  # noqa: E402

GOAL_DEMO_S = 60.0
GOAL_LARGE_S = 600.0
GOAL_READ_MS = 50.0
#: Responses load_demo submits itself; more are stored in bulk.
DEMO_RESPONSES = 2000


def stage_measure(args) -> dict:
    from participation.council import catalogue, prepared
    from participation.council.models import Indicator
    from participation.council.releases import (
        populations,
        release_make,
        release_publish,
    )

    made = []
    for population in populations():
        started = time.monotonic()
        release = release_make(population=population, now=True)
        made_s = time.monotonic() - started
        started = time.monotonic()
        release_publish(release=release)
        audit = release.audit or {}
        made.append(
            {
                "population": population.code,
                "status": release.status,
                "seconds": round(made_s, 2),
                "publish_s": round(time.monotonic() - started, 3),
                **{
                    name: audit.get(name)
                    for name in (
                        "tables",
                        "numbers",
                        "hidden",
                        "added",
                        "seconds_build",
                        "seconds_audit",
                    )
                },
            }
        )
    policy = catalogue.policy()
    keys = [
        key
        for key in prepared_keys()
        if prepared.prepared_table(key, policy=policy) is not None
    ]
    keys += [
        f"indicator:{code}" for code in Indicator.objects.values_list("code", flat=True)
    ]
    keys += [f"representation:{scope}" for scope in catalogue.REPRESENTATION_SCOPES]
    reads = []
    for index in range(args.reads):
        key = keys[index % len(keys)]
        started = time.perf_counter()
        found = prepared.prepared_table(key, policy=policy)
        if found is not None and found.ready:
            found.table.records()
        reads.append((time.perf_counter() - started) * 1000)
    return {"made": made, "reads_ms": reads, "keys": len(keys)}


def prepared_keys() -> list[str]:
    from participation.council.releases import populations
    from participation.council.releases.populations import council_keys

    return [
        key
        for p in populations()
        for key in council_keys(p)
        if key.startswith("survey:")
    ]


def stage_load(args) -> dict:
    from bench.aggregate import load_answers

    return load_answers(responses=args.more, existing=True)


STAGES = {"measure": stage_measure, "load": stage_load}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Making and reading releases.")
    parser.add_argument("--responses", type=int, default=2000)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--more", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--db", default="medborger_bench_release")
    parser.add_argument("--settings", default="bench.settings")
    parser.add_argument("--keep", action="store_true", help="leave the database")
    parser.add_argument("--reuse", action="store_true", help="use a --keep database")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def prepare(args, env: dict) -> dict:
    from bench.load import manage, pg_vacuum_analyze

    if args.reuse:
        say(f"== reusing database {args.db}")
        return {}
    say(f"== setup: database {args.db}, demo with {args.responses:,} responses")
    common.pg_admin("drop", args.db)
    common.pg_admin("create", args.db)
    started = time.monotonic()
    migrate(env)
    demo = min(args.responses, DEMO_RESPONSES)
    if args.responses <= DEMO_RESPONSES:
        manage(env, "load_demo", "--responses", str(demo))
    else:
        # load_demo submits each response through the survey's own service
        # (minutes per 10,000); the rest are stored in bulk like
        # bench/aggregate.py's (bulk_create + COPY), then released.
        manage(env, "load_demo", "--responses", str(demo), "--no-releases")
        extra = args.responses - demo
        loaded = common.run(
            Path(__file__), env, "--stage", "load", "--more", str(extra)
        )
        say(
            f"   {extra:,} more responses stored in bulk: "
            f"{loaded['responses']:,} responses, {loaded['answers']:,} answers"
        )
    pg_vacuum_analyze(args.db)
    seconds = time.monotonic() - started
    say(f"   migrate + load_demo (its releases included): {seconds:.0f} s")
    return {}


def report(args, env: dict, _loaded: dict) -> dict:
    say("== making a release of every population, one process")
    measured = common.run(
        Path(__file__), env, "--stage", "measure", "--reads", str(args.reads)
    )
    made = measured["made"]
    say("")
    say(
        "| population | status | tables | numbers | hidden | added "
        "| build s | audit s | all s | publish s |"
    )
    say("|---|---|---|---|---|---|---|---|---|---|")
    for row in made:
        say(
            f"| {row['population']} | {row['status']} | {row['tables']} "
            f"| {row['numbers']} "
            f"| {row['hidden']} | {row['added']} | {row['seconds_build']} "
            f"| {row['seconds_audit']} | {row['seconds']} | {row['publish_s']} |"
        )
    total = sum(row["seconds"] for row in made)
    tables = sum(row["tables"] or 0 for row in made)
    goal = GOAL_DEMO_S if args.responses <= DEMO_RESPONSES else GOAL_LARGE_S
    say("")
    say(
        f"== all populations: {tables} tables in {total:.1f} s "
        f"(goal {goal:.0f} s: {common.verdict(total <= goal)})"
    )
    reads = measured["reads_ms"]
    slowest = max(reads)
    say(
        f"== {len(reads)} reads over {measured['keys']} tables: median "
        f"{statistics.median(reads):.1f} ms, slowest {slowest:.1f} ms "
        f"(goal {GOAL_READ_MS:.0f} ms: {common.verdict(slowest <= GOAL_READ_MS)})"
    )
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": machine(),
        "responses": args.responses,
        "made": made,
        "total_s": total,
        "reads_ms": {"median": statistics.median(reads), "max": slowest},
    }


def main() -> int:
    return common.main(parse_args(), stages=STAGES, prepare=prepare, measure=report)


if __name__ == "__main__":
    sys.exit(main())
