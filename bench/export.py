"""Raw export benchmark: the CSV of 1,000,000 answers against PostgreSQL COPY.

    python bench/export.py    (from the repository root; re-runs itself
                               under .venv)

One run:

1. creates a throwaway PostgreSQL database (medborger_bench_export),
   migrates it and stores synthetic responses to the demo instrument until
   there are exactly --answers Answer rows (default 1,000,000), all in this
   year's wave, so one export carries all of them (bench/aggregate.py's
   loader: bulk_create + COPY, then VACUUM ANALYZE);
2. exports the wave with participation.council.raw_export.responses_csv_stream in a
   fresh Python process per run, consuming every chunk and counting bytes
   (nothing is written anywhere); the process's peak resident memory is
   ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at the end: the whole
   process (Python, Django, pandas and psycopg imported) over its whole
   life, not only the export;
3. the floor: ``COPY (SELECT ... the same answer rows joined to their
   response and question ...) TO STDOUT WITH CSV`` through psycopg's copy
   API, in a fresh process per run, bytes counted the same way; and, for
   reference, the same COPY sorted by day and response;
4. runs the export and the floor alternately --rounds times (medians), then
   once more with tracemalloc to show the peak of the Python heap during the
   export (tracemalloc slows Python down, so that run is not timed), and
   parses the file once with the csv module to check its shape;
5. drops the database.

It prints figures and ratios and never asserts on time: exit status 0
whenever it ran, goals missed included, non-zero only when it could not run.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - after the path is set
from bench.aggregate import dataset, load_answers  # noqa: E402
from bench.common import commit, machine, migrate, say, verdict  # noqa: E402

GOAL_PEAK_MB = 250
GOAL_RATIO = 2.0  # export time / COPY time


def run(env: dict, *args: str) -> dict:
    """A stage of this script in a fresh process (common.run)."""
    return common.run(Path(__file__), env, *args)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _wave():
    from surveys.models import Wave

    return Wave.objects.order_by("-opens_on").first()


def stage_export(args) -> dict:
    """Consume the whole export; bytes, chunks, seconds, memory."""
    from django.db import connection

    from participation.council import raw_export

    wave = _wave()
    connection.ensure_connection()
    before = _rss_mb()
    peak_before = _peak_mb()
    tracing = args.tracemalloc
    if tracing:
        import tracemalloc

        tracemalloc.start()
    size = chunks = lines = 0
    start = time.perf_counter()
    for chunk in raw_export.responses_csv_stream(wave=wave):
        size += len(chunk)
        chunks += 1
        lines += chunk.count(b"\r\n")
    seconds = time.perf_counter() - start
    out = {
        "seconds": seconds,
        "bytes": size,
        "chunks": chunks,
        "lines": lines,
        "rss_before_mb": before,
        "peak_before_mb": peak_before,
        "peak_mb": _peak_mb(),
    }
    if tracing:
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return out


def _copy_query(wave_id: int, *, ordered: bool):
    """COPY of every answer of the wave joined to its response and question:
    the same rows the export reads, one line per answer."""
    from psycopg import sql

    from surveys.models import Answer, Question, SurveyResponse

    query = sql.SQL(
        "COPY (SELECT r.submitted_on, r.language, r.channel, r.origin, "
        "r.country_group, q.code, a.choice, a.number, a.text "
        "FROM {answer} a JOIN {response} r ON r.id = a.response_id "
        "JOIN {question} q ON q.id = a.question_id WHERE r.wave_id = {wave}"
        "{order}) TO STDOUT WITH CSV"
    ).format(
        answer=sql.Identifier(Answer._meta.db_table),
        response=sql.Identifier(SurveyResponse._meta.db_table),
        question=sql.Identifier(Question._meta.db_table),
        wave=sql.Literal(wave_id),
        order=sql.SQL(" ORDER BY r.submitted_on, r.id" if ordered else ""),
    )
    return query


def stage_copy(args) -> dict:
    from django.db import connection

    wave = _wave()
    connection.ensure_connection()
    query = _copy_query(wave.pk, ordered=args.ordered)
    size = lines = 0
    start = time.perf_counter()
    with connection.connection.cursor() as cursor, cursor.copy(query) as copy:
        for chunk in copy:
            size += len(chunk)
            lines += bytes(chunk).count(b"\n")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "bytes": size, "lines": lines, "peak_mb": _peak_mb()}


def stage_check(args) -> dict:
    """Parse the export back with csv (untimed): rows, columns, BOM."""
    from participation.council import raw_export
    from surveys.models import SurveyResponse

    wave = _wave()
    data = b"".join(raw_export.responses_csv_stream(wave=wave))
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    widths = {len(row) for row in rows}
    numbers = [row[0] for row in rows[1:]]
    return {
        "bom": text.startswith("\ufeff"),
        "rows": len(rows) - 1,
        "responses": SurveyResponse.objects.filter(wave=wave).count(),
        "widths": sorted(widths),
        "numbered": numbers == [str(n) for n in range(1, len(rows))],
        "header": rows[0][:10],
    }


STAGES = {
    "export": stage_export,
    "copy": stage_copy,
    "check": stage_check,
    "load": lambda args: load_answers(
        answers=args.answers, seed=args.seed, baseline_share=0.0
    ),
    "dataset": lambda args: dataset(),
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Raw export benchmark (see the module docstring)."
    )
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="export/COPY pairs")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", default="medborger_bench_export")
    parser.add_argument("--settings", default="config.settings")
    parser.add_argument("--keep", action="store_true", help="leave the database")
    parser.add_argument("--reuse", action="store_true", help="use a --keep database")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--ordered", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def prepare(args, env: dict) -> dict:
    """Create, migrate and fill the throwaway database (or reuse it)."""
    if args.reuse:
        say(f"== reusing database {args.db}")
        loaded = run(env, "--stage", "dataset")
    else:
        say(
            f"== setup: database {args.db}, migrate, "
            f"{args.answers:,} synthetic answers in one wave"
        )
        common.pg_admin("drop", args.db)
        common.pg_admin("create", args.db)
        t0 = time.monotonic()
        migrate(env)
        loaded = run(env, "--stage", "load", "--answers", str(args.answers))
        say(f"   migrate + load: {time.monotonic() - t0:.0f} s")
    say(
        f"   {loaded['answers']:,} answers, {loaded['current_wave_responses']:,} "
        "responses in the exported wave"
    )
    return loaded


def main() -> int:
    return common.main(parse_args(), stages=STAGES, prepare=prepare, measure=measure)


def measure(args, env: dict, loaded: dict) -> dict:
    say(f"== {args.rounds} rounds: export, COPY (each in a fresh process)")
    exports, copies = [], []
    for index in range(args.rounds):
        exports.append(run(env, "--stage", "export"))
        copies.append(run(env, "--stage", "copy"))
        e, c = exports[-1], copies[-1]
        say(
            f"   round {index + 1}: export {e['seconds']:.2f} s "
            f"({e['bytes']:,} B, {e['chunks']:,} chunks, peak RSS "
            f"{e['peak_mb']:.0f} MB); COPY {c['seconds']:.2f} s ({c['bytes']:,} B)"
        )
    ordered = run(env, "--stage", "copy", "--ordered")
    traced = run(env, "--stage", "export", "--tracemalloc")
    check = run(env, "--stage", "check")
    export_s = statistics.median(e["seconds"] for e in exports)
    copy_s = statistics.median(c["seconds"] for c in copies)
    peak = max(e["peak_mb"] for e in exports)
    ratio = export_s / copy_s
    say("")
    say(
        f"== results ({loaded['answers']:,} answers, "
        f"{loaded['current_wave_responses']:,} responses, one wave)"
    )
    header = "| measure | raw export | COPY floor | ratio | goal | met |"
    say(header)
    say("|---|---|---|---|---|---|")
    say(
        f"| time, median of {args.rounds} | {export_s:.2f} s | {copy_s:.2f} s "
        f"| {ratio:.1f}x | <= {GOAL_RATIO:.0f}x COPY | {verdict(ratio <= GOAL_RATIO)} |"
    )
    say(
        f"| peak RSS of the process (max of runs) | {peak:.0f} MB "
        f"| {max(c['peak_mb'] for c in copies):.0f} MB | | <= {GOAL_PEAK_MB} MB "
        f"| {verdict(peak <= GOAL_PEAK_MB)} |"
    )
    say(f"| bytes | {exports[0]['bytes']:,} | {copies[0]['bytes']:,} | | | |")
    say("")
    e = exports[0]
    say(
        f"   the export process held {e['rss_before_mb']:.0f} MB resident before "
        f"the export (Django, pandas, psycopg imported; peak so far "
        f"{e['peak_before_mb']:.0f} MB); the export added at most "
        f"{e['peak_mb'] - e['peak_before_mb']:.0f} MB to the peak"
    )
    say(
        f"   tracemalloc peak of the Python heap during the export: "
        f"{traced['tracemalloc_peak_mb']:.1f} MB (that run took "
        f"{traced['seconds']:.1f} s under tracemalloc, not timed)"
    )
    say(
        f"   COPY sorted by day and response (reference): {ordered['seconds']:.2f} s; "
        f"export / sorted COPY: {export_s / ordered['seconds']:.1f}x"
    )
    say(
        f"   throughput: {loaded['answers'] / export_s:,.0f} answers/s exported, "
        f"{loaded['answers'] / copy_s:,.0f} answers/s by COPY"
    )
    say(
        f"   check (csv parse): BOM {check['bom']}, {check['rows']:,} rows for "
        f"{check['responses']:,} responses, row widths {check['widths']}, "
        f"numbered 1..n {check['numbered']}"
    )
    say(f"   header starts: {check['header']}")
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": machine(),
        "loaded": loaded,
        "exports": exports,
        "copies": copies,
        "ordered_copy": ordered,
        "traced": traced,
        "check": check,
        "ratio": ratio,
        "peak_mb": peak,
    }


if __name__ == "__main__":
    sys.exit(main())
