"""How long each council and council-API request holds a web worker, cold
and warm (participation/council/prepared.py).

Since releases (issue 15) every table is read from the demo's published
releases: "cold" means only that the council memo was bumped (the overview's
summaries are read again), and no table is ever prepared by the worker (the
"worker s" column stays empty). bench/release.py measures making releases.

    python bench/council_latency.py    (from the repository root; re-runs
                                        itself under .venv; about 3 minutes)

One run:

1. creates the throwaway PostgreSQL database medborger_bench_council,
   migrates it, loads the demo municipality (2,000 responses), collects
   static files into a temporary STATIC_ROOT, runs the task queue once
   (``db_worker --batch``: Wagtail's index updates that load_demo queued)
   and VACUUM ANALYZE (as autovacuum would a minute later; bench/load.py
   says why), with Redis as the shared cache (--redis, as docs/DEPLOY.md
   sets it);
2. in one process with the product's settings (bench.settings: the
   DatabaseBackend queue), signed in as the demo's council member (bench/
   probe.py's client, TOTP and second factor as after a real sign-in) and,
   for the raw responses export, as the demo's staff member, with a council
   API token: every URL once to warm the process (templates, imports), then
   for each URL:
   - cold: the council memo's revision is bumped (what a staff edit does),
     so no table of that URL is prepared and the overview's memo is empty;
     one request, timed in process (Django's test client: the time the
     request holds a worker, network excluded);
   - the task queue is run (``db_worker --batch``, in the same process)
     and the time each queued table took the worker is read from the
     queue;
   - warm: the median of --repeat requests;
3. prints one row per URL with the HTTP status cold and warm ("waits":
   the page or the API said the table is being prepared), marks every time
   over 300 ms, and drops the database (unless --keep).

It prints figures and never asserts on time: exit status 0 whenever it
ran, goals missed included.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from http import HTTPStatus
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 - after the path is set
from bench.common import commit, machine, migrate, say  # noqa: E402

GOAL_MS = 300.0
#: On a council page that waits for a table (council/preparing.html).
PREPARING = b'class="panel preparing"'
#: The demo's agreement question the explorer and the API are asked about,
#: for every breakdown.
QUESTION = "represented_local"


# --------------------------------------------------------------------------
# In the measuring process (stage "measure")


def _staff_client():
    """The demo's staff login (export_responses needs its permission) with
    a TOTP authenticator and a session that passed the second factor, as
    bench/probe.py's council_client does for the council member."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.test import Client

    from cms.demo.loader import STAFF_EMAIL
    from tests.signin import complete_sign_in

    user = get_user_model().objects.get(email=STAFF_EMAIL)
    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(user, generate_totp_secret())
    client = Client(SERVER_NAME="127.0.0.1")
    complete_sign_in(client, user)
    return client


def _requests() -> list[tuple[str, str, str, dict]]:
    """(label, client name, method, path and data) for every URL measured."""
    from participation.council import catalogue
    from participation.council.models import Indicator

    wave = catalogue.explorer_waves().first()
    explorer = f"/da/council/survey/?question={QUESTION}&wave={wave.pk}&breakdown="
    heaviest = catalogue.survey_key(QUESTION, wave.pk, "neighbourhood", weighted=True)
    indicators = list(Indicator.objects.order_by("code").values_list("code", flat=True))
    frame = catalogue.participation_frame()
    year = catalogue.participation_years(frame)[0]
    out = [
        ("overview", "council", "get", {"path": "/da/council/"}),
        *(
            (
                f"indicator {code}",
                "council",
                "get",
                {"path": f"/da/council/indicators/{code}/"},
            )
            for code in indicators
        ),
        (
            "explorer, no choice (first table)",
            "council",
            "get",
            {"path": "/da/council/survey/"},
        ),
    ]
    for breakdown in catalogue.BREAKDOWNS:
        out.append(
            (f"explorer {breakdown}", "council", "get", {"path": explorer + breakdown})
        )
        out.append(
            (
                f"explorer {breakdown}, weighted",
                "council",
                "get",
                {"path": explorer + breakdown + "&weighted=on"},
            )
        )
    out += [
        ("participation", "council", "get", {"path": "/da/council/participation/"}),
        ("open answers", "council", "get", {"path": "/da/council/open-answers/"}),
        ("report", "council", "get", {"path": "/da/council/report/"}),
        ("tokens", "council", "get", {"path": "/da/council/tokens/"}),
    ]
    for fmt in ("csv", "xlsx", "sav", "json"):
        out.append(
            (
                f"export {fmt}, {heaviest}",
                "council",
                "post",
                {
                    "path": "/da/council/export/",
                    "data": {"table": heaviest, "format": fmt},
                },
            )
        )
    out.append(
        (
            f"export csv, indicator:{indicators[0]}",
            "council",
            "post",
            {
                "path": "/da/council/export/",
                "data": {"table": f"indicator:{indicators[0]}", "format": "csv"},
            },
        )
    )
    for each in catalogue.explorer_waves():
        out.append(
            (
                f"export_responses, wave {each.code} (streamed, read to the end)",
                "staff",
                "post",
                {"path": "/da/council/export/responses/", "data": {"wave": each.pk}},
            )
        )
    api = "/api/v1/council"
    out += [
        ("API indicators", "api", "get", {"path": f"{api}/indicators"}),
        ("API indicator", "api", "get", {"path": f"{api}/indicators/{indicators[0]}"}),
        ("API survey catalogue", "api", "get", {"path": f"{api}/survey"}),
    ]
    for breakdown in catalogue.BREAKDOWNS:
        path = f"{api}/survey/{wave.pk}/{QUESTION}/{breakdown}"
        out.append((f"API survey {breakdown}", "api", "get", {"path": path}))
        out.append(
            (
                f"API survey {breakdown}, weighted",
                "api",
                "get",
                {"path": path + "?weighted=true"},
            )
        )
    out.append(
        ("API participation catalogue", "api", "get", {"path": f"{api}/participation"})
    )
    for measure in catalogue.PARTICIPATION_MEASURES:
        out.append(
            (
                f"API participation {measure} {year}",
                "api",
                "get",
                {"path": f"{api}/participation/{measure}/{year}"},
            )
        )
    for scope in catalogue.REPRESENTATION_SCOPES:
        out.append(
            (
                f"API representation {scope}",
                "api",
                "get",
                {"path": f"{api}/representation/{scope}"},
            )
        )
    out.append(
        ("public API indicators", "anonymous", "get", {"path": "/api/v1/indicators"})
    )
    return out


def _clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.probe import council_client
    from cms.demo.participation import COUNCIL_EMAIL
    from participation.council.api_tokens import api_token_create

    council = council_client()
    user = get_user_model().objects.get(username=COUNCIL_EMAIL)
    _token, key = api_token_create(user=user, name=f"bench {time.time():.0f}")
    return {
        "council": council,
        "staff": _staff_client(),
        "api": Client(SERVER_NAME="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {key}"),
        "anonymous": Client(SERVER_NAME="127.0.0.1"),
    }


def _timed(client, method: str, request: dict) -> tuple[str, float]:
    """(what came back, ms) of one request, a streamed body read to its end
    (the worker is held until then). What came back: the status, and
    "waits" when the page or answer said a table is being prepared."""
    started = time.perf_counter()
    if method == "get":
        response = client.get(request["path"])
    else:
        response = client.post(request["path"], request.get("data", {}))
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
    elapsed = (time.perf_counter() - started) * 1000
    waits = response.status_code == HTTPStatus.ACCEPTED or (
        not getattr(response, "streaming", False) and PREPARING in response.content
    )
    return f"{response.status_code}{' waits' if waits else ''}", elapsed


def run_worker() -> list[float]:
    """Run every queued task (``db_worker --batch``, in this process: a
    worker process would do the same work); the seconds each council table
    took, started to finished, as the queue recorded them."""
    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    since = timezone.now()
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, verbosity=0
    )
    ran = DBTaskResult.objects.filter(
        task_path="participation.council.prepared.prepare_table", finished_at__gte=since
    )
    failed = ran.exclude(status="SUCCESSFUL").count()
    if failed:
        raise RuntimeError(f"{failed} table tasks failed")
    return [
        (r.finished_at - r.started_at).total_seconds()
        for r in ran
        if r.finished_at and r.started_at
    ]


def stage_measure(args) -> dict:
    from config import memo

    clients = _clients()
    requests = _requests()
    # Warm the process as a long-running web worker is: every URL once,
    # its tables prepared, then forgotten again by the bumps below.
    for _label, who, method, request in requests:
        _timed(clients[who], method, request)
    run_worker()
    rows = []
    for label, who, method, request in requests:
        memo.bump()
        cold_status, cold = _timed(clients[who], method, request)
        prepare = run_worker()
        warm_runs = [_timed(clients[who], method, request) for _ in range(args.repeat)]
        rows.append(
            {
                "label": label,
                "method": method.upper(),
                "path": request["path"],
                "cold_status": cold_status,
                "cold_ms": cold,
                "warm_status": warm_runs[-1][0],
                "warm_ms": statistics.median(ms for _status, ms in warm_runs),
                "prepare_s": sum(prepare),
                "tables_prepared": len(prepare),
            }
        )
    return {"rows": rows}


STAGES = {"measure": stage_measure}


# --------------------------------------------------------------------------
# The run (parent process)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Council request latency, cold and warm (module docstring)."
    )
    parser.add_argument("--repeat", type=int, default=3, help="warm requests, median")
    parser.add_argument("--db", default="medborger_bench_council")
    parser.add_argument("--settings", default="bench.settings")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/14",
        help="REDIS_URL of the shared cache ('' for the database cache); its "
        "medborger keys are deleted before and after the run",
    )
    parser.add_argument("--keep", action="store_true", help="leave the database")
    parser.add_argument("--reuse", action="store_true", help="use a --keep database")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _environment(args, env: dict) -> dict:
    """The benchmark's environment: Redis and a temporary STATIC_ROOT (the
    manifest storage needs collected files to render a page)."""
    static = Path(tempfile.gettempdir()) / f"medborger-{args.db}-static"
    env.update({"BENCH_STATIC_ROOT": str(static)})
    env.pop("REDIS_URL", None)
    if args.redis:
        env["REDIS_URL"] = args.redis
    return env


def prepare(args, env: dict) -> dict:
    from bench.load import clear_redis, manage, pg_vacuum_analyze

    env = _environment(args, env)
    if args.redis and not clear_redis(args.redis):
        raise RuntimeError(f"Redis is not reachable at {args.redis}")
    if args.reuse:
        say(f"== reusing database {args.db}")
        return {}
    say(f"== setup: database {args.db}, demo, static files, task queue")
    common.pg_admin("drop", args.db)
    common.pg_admin("create", args.db)
    started = time.monotonic()
    migrate(env)
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    queued = time.monotonic()
    manage(env, "db_worker", "--batch", "--no-startup-delay", "--verbosity", "0")
    pg_vacuum_analyze(args.db)
    say(
        f"   migrate + load_demo + collectstatic: {queued - started:.0f} s; "
        f"Wagtail's index updates load_demo queued, VACUUM ANALYZE: "
        f"{time.monotonic() - queued:.0f} s"
    )
    return {}


def report(args, env: dict, _loaded: dict) -> dict:
    from bench.load import clear_redis

    env = _environment(args, env)
    try:
        say(f"== measuring (warm: median of {args.repeat}; times in ms, in process)")
        measured = common.run(
            Path(__file__), env, "--stage", "measure", "--repeat", str(args.repeat)
        )
    finally:
        if args.redis:
            clear_redis(args.redis)
    rows = measured["rows"]
    say("")
    say(
        "| request | cold: answer | cold ms | worker s (tables) | warm: answer "
        "| warm ms |"
    )
    say("|---|---|---|---|---|---|")

    def ms(value: float) -> str:
        return (
            f"**{value:,.0f}** (over {GOAL_MS:.0f})"
            if value > GOAL_MS
            else f"{value:,.0f}"
        )

    for row in rows:
        worker = (
            f"{row['prepare_s']:.2f} ({row['tables_prepared']})"
            if row["tables_prepared"]
            else ""
        )
        say(
            f"| {row['method']} {row['label']} | {row['cold_status']} "
            f"| {ms(row['cold_ms'])} | {worker} | {row['warm_status']} "
            f"| {ms(row['warm_ms'])} |"
        )
    over = [
        row["label"]
        for row in rows
        if row["cold_ms"] > GOAL_MS or row["warm_ms"] > GOAL_MS
    ]
    say("")
    say(
        f"== requests holding a worker over {GOAL_MS:.0f} ms: "
        + (", ".join(over) if over else "none")
    )
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": machine(),
        "rows": rows,
        "over": over,
    }


def main() -> int:
    return common.main(parse_args(), stages=STAGES, prepare=prepare, measure=report)


if __name__ == "__main__":
    sys.exit(main())
