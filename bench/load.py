"""Load benchmark of the resident survey against floors measured in the same
run, of the council overview as a signed-in council member, and of the
survey while council members read the heaviest council tables.

    python bench/load.py    (from the repository root; 4-6 minutes on 2 cores)

One run:

1. creates a throwaway PostgreSQL database (medborger_bench), migrates it,
   loads the demo municipality (2,000 synthetic responses), runs the tasks
   load_demo queued (Wagtail's index updates, ``db_worker --batch``), runs
   VACUUM ANALYZE (as autovacuum would a minute later) and collects static
   files into a temporary STATIC_ROOT; gives the demo's council login
   (raad@medborger.example) a TOTP authenticator if it has none, so the MFA
   middleware lets it in, and saves one signed-in session for it
   (``python -m bench.probe --council-session``);
2. counts SQL queries per request in-process (bench/probe.py);
3. starts gunicorn (3 sync workers, config.wsgi, settings bench.settings =
   the product's settings + the floor views of bench/floor_views.py) on
   127.0.0.1 on a free port, DEBUG off, persistent DB connections, with the
   anti-automation limits relaxed (SURVEY_MIN_SECONDS=0,
   SURVEY_THROTTLE_POSTS=100000000): every request comes from 127.0.0.1;
4. measures the page weight of survey steps (HTML + linked CSS/JS, gzipped);
5. drives the server from a second process: 16 client threads, each with its
   own requests.Session, a warm-up, then a fixed number of timed requests
   per scenario, the scenarios interleaved in 3 rounds so that a change in
   the machine's other load hits them alike; prints req/s, p50/p95/p99
   latency, errors, the server's CPU time per request (gunicorn + its
   PostgreSQL backends, read from /proc; steadier than req/s on a shared
   machine) and the machine's CPU split (server / db / driver / other / idle),
   the ratios to the floors and whether each goal is met; checks that every
   successful submission added exactly one row to surveys_surveyresponse;
6. measures the survey step (GET /da/survey/) with --council-survey-clients
   clients (4) alone and while --council-clients (4) signed-in council
   members read the heaviest council tables (every agreement question of
   the newest wave, weighted, by every breakdown: prepared in the
   background by participation/council/prepared.py) with a task worker running
   (``manage.py db_worker``, nice 19 as docs/DEPLOY.md runs it; started
   before step 2 and running throughout, as in production); each
   council member follows the page as a browser does (a page that says its
   table is being prepared is reloaded after 3 s, its meta refresh; a table
   shown is followed at once by the next, or after --council-think
   seconds); the prepared tables are forgotten (Redis cleared) before each
   loaded phase, so the worker computes throughout; alone and loaded
   interleaved in --rounds rounds; prints both p95s and their ratio against
   the goal (within 20 %); --only-council-load runs this step alone;
7. stops gunicorn and drops the database.

A submission is timed on its POST only: before the timed phase each client
GETs the consent page once per submission it will send (csrf token + nonce).
The council overview (GET /da/council/) is sent with the council session's
cookie by every client; it counts only with HTTP 200 and the council
navigation on the page (a redirect to sign-in or to the TOTP set-up is an
error). The submission and the council overview are timed once more with a
single client (--serial requests), without queueing.

It prints figures and never asserts on time: the exit status is 0 whenever
the benchmark ran, missed goals included, and non-zero only when it could not
run. Only loopback traffic; the request counts are bounded.
"""

import argparse
import concurrent.futures
import contextlib
import dataclasses
import datetime
import gzip
import json
import math
import multiprocessing
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
SURVEY_URL = "/da/survey/"
NONCE_RE = re.compile(r'name="nonce" value="([^"]+)"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET_RE = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", re.I)
HREF_RE = re.compile(r"\bhref=\"([^\"]+)\"")
SCRIPT_RE = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.I)
CSS_IMPORT_RE = re.compile(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)")

GOAL_STEP_RATIO = 0.80  # survey step throughput / bare render throughput
GOAL_SUBMIT_RATIO = 0.60  # submission throughput / bare insert throughput
GOAL_SUBMIT_P99_MS = 100.0
GOAL_PAGE_WEIGHT = 30 * 1024  # bytes, compressed
GOAL_COUNCIL_P95_MS = 300.0  # the demo's council overview
COUNCIL_URL = "/da/council/"
COUNCIL_MARKER = 'class="council-nav"'
# The survey step with council load (step 6): its p95 while council members
# read the heaviest council tables, against its p95 alone.
GOAL_COUNCIL_LOAD_RATIO = 1.20
# A council page waiting for its table (council/preparing.html), and the
# explorer's table once it is there.
PREPARING_MARKER = 'class="panel preparing"'
EXPLORER_TABLE_MARKER = 'id="explorer-table-caption"'
# What a waiting council page tells the browser (its meta refresh).
COUNCIL_RELOAD_SECONDS = 3.0
TEXT_ANSWER = (
    "Flere møder om aftenen og tolk til borgermøderne, så alle kan være med. "
    "Information på flere sprog i lokalavisen."
)


# --------------------------------------------------------------------------
# The survey answers the benchmark posts


def complete_response() -> tuple[list[tuple[str, str]], int, int, str]:
    """(form fields, questions answered, answer rows stored, last step code).

    Every question of the demo survey is answered, choosing the answers that
    make the conditional questions show; multiple-choice questions get two
    options (two answer rows each).
    """
    sections = demo_form()
    wanted = {}
    for _section, questions in sections:
        for question in questions:
            if question["show_if"]:
                parent, values = question["show_if"]
                wanted[parent] = values[0]
    fields: list[tuple[str, str]] = []
    answered = rows = 0
    for _section, questions in sections:
        for question in questions:
            code, kind = question["code"], question["kind"]
            choices = question["choices"]
            if code in wanted:
                values = [wanted[code]]
            elif kind == "agree":
                values = ["2"]
            elif kind == "yesno":
                values = ["yes"]
            elif kind == "single":
                values = choices[:1]
            elif kind == "multi":
                values = choices[:2]
            elif kind == "number":
                values = [str((question["min"] or 0) + 3)]
            else:
                values = [TEXT_ANSWER]
            fields.extend((f"q_{code}", value) for value in values)
            answered += 1
            rows += len(values)
    return fields, answered, rows, sections[-1][0]


def demo_form() -> list[tuple[str, list[dict]]]:
    """The demo survey's steps, each (code, questions), read from its XLSForm
    (cms/demo/instrument.py) with the importer's own reader; a question is
    {code, kind, choices, show_if, min}."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from cms.demo import instrument
    from surveys import xlsform

    sheets, errors, _notes, _kind = xlsform.read_sheets(
        instrument.FORM.read_bytes(), instrument.FORM.name
    )
    if errors:
        raise SystemExit("; ".join(map(str, errors)))
    choices: dict[str, list[str]] = {}
    for row in sheets["choices"].rows:
        choices.setdefault(row.cells["list_name"], []).append(row.cells["name"])
    sections: list[tuple[str, list[dict]]] = []
    for row in sheets["survey"].rows:
        cells = row.cells
        if cells["type"] == "begin group":
            sections.append((cells["name"], []))
        elif cells["type"] != "end group":
            bounds = xlsform.parse_bounds(cells.get("constraint", "")) or (None, None)
            sections[-1][1].append(
                {
                    "code": cells["name"],
                    "kind": cells["medborger_kind"],
                    "choices": choices.get(cells["type"].split()[-1], []),
                    "show_if": xlsform.parse_relevant(cells.get("relevant", "")),
                    "min": bounds[0],
                }
            )
    return sections


# --------------------------------------------------------------------------
# Load driver (runs in a second process)


@dataclass
class Scenario:
    key: str
    label: str
    kind: str  # get | question_step | submission | insert
    path: str
    marker: str  # the response body must contain this
    count: int
    warmup: int
    clients: int
    # Sent by every client (the council overview: the signed-in session).
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    key: str
    ok: int = 0
    errors: int = 0
    wall: float = 0.0
    latencies: list[float] = field(default_factory=list)
    warmup_ok: int = 0
    error_samples: list[str] = field(default_factory=list)
    cpu: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CPU_FIELDS, 0))

    def add(self, other: "Result") -> None:
        self.ok += other.ok
        self.errors += other.errors
        self.wall += other.wall
        self.latencies += other.latencies
        self.warmup_ok += other.warmup_ok
        self.error_samples = (self.error_samples + other.error_samples)[:3]
        for key in CPU_FIELDS:
            self.cpu[key] += other.cpu[key]


CPU_FIELDS = ("server", "db", "driver", "other", "idle")
TICKS = os.sysconf("SC_CLK_TCK")


def _proc_ticks(pid: int) -> tuple[int, int]:
    """(parent pid, utime + stime in clock ticks) of a process, or (-1, 0)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return -1, 0
    return int(fields[1]), int(fields[11]) + int(fields[12])


def cpu_snapshot(server_pid: int, dbname: str) -> dict:
    """Clock ticks used so far by the machine, the gunicorn master and its
    workers, each PostgreSQL backend connected to the benchmark database (by
    pid: persistent connections are recycled after CONN_MAX_AGE) and this
    (driver) process."""
    with open("/proc/stat") as stat:
        cpu = [int(x) for x in stat.readline().split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = cpu
    server = _proc_ticks(server_pid)[1]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent, ticks = _proc_ticks(int(entry))
            if parent == server_pid:
                server += ticks
    return {
        "busy": user + nice + system + irq + softirq + steal,
        "total": sum(cpu),
        "server": server,
        "db": {pid: _proc_ticks(pid)[1] for pid in _db_backends(dbname)},
        "driver": _proc_ticks(os.getpid())[1],
    }


def cpu_shares(before: dict, after: dict) -> dict[str, int]:
    """Ticks spent between two snapshots, by whom (machine-wide). A backend
    that closed in between is missed for that stretch (a small undercount)."""
    delta = {key: after[key] - before[key] for key in before if key != "db"}
    delta["db"] = sum(
        max(0, ticks - before["db"].get(pid, 0)) for pid, ticks in after["db"].items()
    )
    own = delta["server"] + delta["db"] + delta["driver"]
    return {
        "server": delta["server"],
        "db": delta["db"],
        "driver": delta["driver"],
        "other": max(0, delta["busy"] - own),
        "idle": max(0, delta["total"] - delta["busy"]),
    }


def _db_backends(dbname: str) -> list[int]:
    """PIDs of the PostgreSQL backends connected to the benchmark database."""
    import psycopg

    with psycopg.connect(
        host=HOST, port=5432, user="postgres", dbname="postgres"
    ) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", (dbname,)
        ).fetchall()
    return [pid for (pid,) in rows]


def _quotas(total: int, clients: int) -> list[int]:
    return [
        total // clients + (1 if i < total % clients else 0) for i in range(clients)
    ]


def _open_form(session, base: str) -> tuple[str, str]:
    """GET the survey's consent page: (csrf form token, nonce)."""
    page = session.get(base + SURVEY_URL, timeout=60)
    page.raise_for_status()
    csrf, nonce = CSRF_RE.search(page.text), NONCE_RE.search(page.text)
    if not (csrf and nonce):
        raise RuntimeError(f"no csrf token or nonce on {SURVEY_URL}")
    return csrf.group(1), nonce.group(1)


def run_scenario(
    base: str, scenario: Scenario, answers, last_step, floor_rows, server_pid, dbname
):
    """Run one scenario with its clients; returns a Result (picklable).

    Timing (and CPU accounting) starts when every client has finished its
    preparation and warm-up, and ends when the last timed request is done.
    """
    import requests

    result = Result(scenario.key)
    lock = threading.Lock()
    warm = _quotas(scenario.warmup, scenario.clients)
    timed = _quotas(scenario.count, scenario.clients)
    times: dict[str, float] = {}
    snapshots: dict[str, object] = {}

    def start_clock():
        snapshots["before"] = cpu_snapshot(server_pid, dbname)
        times["start"] = time.perf_counter()

    barrier = threading.Barrier(scenario.clients, action=start_clock)
    failures: list[BaseException] = []

    def request_body(csrf, nonce):
        if scenario.kind == "question_step":
            return [
                ("csrfmiddlewaretoken", csrf),
                ("nonce", nonce),
                ("website", ""),
                ("step", "consent"),
                ("action", "consent"),
            ]
        return [
            ("csrfmiddlewaretoken", csrf),
            ("nonce", nonce),
            ("website", ""),
            ("step", last_step),
            ("consent", "yes"),
            ("action", "next"),
            *answers,
        ]

    def client(index: int):
        session = requests.Session()
        for name, value in scenario.cookies.items():
            session.cookies.set(name, value, domain=HOST, path="/")
        try:
            # Untimed preparation: the forms this client will post. A
            # submission needs a fresh nonce each (the receipt is derived
            # from it), so the page is fetched once per submission.
            forms: list[tuple[str, str]] = []
            if scenario.kind == "submission":
                forms = [
                    _open_form(session, base) for _ in range(warm[index] + timed[index])
                ]
            elif scenario.kind == "question_step":
                forms = [_open_form(session, base)]
        except BaseException as error:  # noqa: BLE001 - reported, run continues
            failures.append(error)
            forms = []

        def one(counted: bool):
            if scenario.kind in ("submission", "question_step") and not forms:
                ok, note, elapsed = False, "no form to post", 0.0
            else:
                if scenario.kind == "submission":
                    csrf, nonce = forms.pop()
                elif scenario.kind == "question_step":
                    csrf, nonce = forms[0]
                started = time.perf_counter()
                try:
                    if scenario.kind == "get":
                        response = session.get(base + scenario.path, timeout=60)
                    elif scenario.kind == "insert":
                        response = session.post(base + scenario.path, timeout=60)
                    else:
                        response = session.post(
                            base + scenario.path,
                            data=request_body(csrf, nonce),
                            timeout=60,
                        )
                    elapsed = time.perf_counter() - started
                    ok = (
                        response.status_code == 200 and scenario.marker in response.text
                    )
                    note = f"HTTP {response.status_code}: {response.text[:160]!r}"
                except requests.RequestException as error:
                    elapsed = time.perf_counter() - started
                    ok, note = False, repr(error)
            with lock:
                if not counted:
                    result.warmup_ok += ok
                elif ok:
                    result.ok += 1
                    result.latencies.append(elapsed)
                else:
                    result.errors += 1
                if not ok and len(result.error_samples) < 3:
                    result.error_samples.append(note)

        for _ in range(warm[index]):
            one(counted=False)
        barrier.wait()
        for _ in range(timed[index]):
            one(counted=True)
        with lock:
            times["end"] = time.perf_counter()
        session.close()

    threads = [
        threading.Thread(target=client, args=(i,), daemon=True)
        for i in range(scenario.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall = times.get("end", 0.0) - times.get("start", 0.0)
    if "before" in snapshots:
        after = cpu_snapshot(server_pid, dbname)
        result.cpu = cpu_shares(snapshots["before"], after)
    if failures:
        result.error_samples.append(f"preparation failed: {failures[0]!r}")
    return result


def run_with_council_load(
    base: str,
    scenario: Scenario,
    council_paths: list[str],
    council_clients: int,
    cookies: dict[str, str],
    think: float,
    answers,
    last_step,
    floor_rows,
    server_pid,
    dbname,
):
    """``scenario`` (run_scenario) while ``council_clients`` signed-in
    council members read ``council_paths`` (the heaviest council tables),
    each as a browser follows the page: a page that says its table is being
    prepared is reloaded after its meta refresh (3 s), a table shown is
    followed by the next one after ``think`` seconds. Each client takes its
    own share of the paths, so the worker always has tables to prepare.
    Returns (the scenario's Result, the council clients' figures)."""
    import requests

    stop = threading.Event()
    lock = threading.Lock()
    council = {"requests": 0, "waits": 0, "tables": 0, "errors": 0, "latencies": []}

    def reader(index: int):
        session = requests.Session()
        for name, value in cookies.items():
            session.cookies.set(name, value, domain=HOST, path="/")
        paths = council_paths[index::council_clients] or council_paths
        position = 0
        while not stop.is_set():
            started = time.perf_counter()
            try:
                response = session.get(base + paths[position % len(paths)], timeout=60)
                text, status = response.text, response.status_code
            except requests.RequestException:
                text, status = "", 0
            elapsed = time.perf_counter() - started
            waits = status == 200 and PREPARING_MARKER in text
            shown = status == 200 and EXPLORER_TABLE_MARKER in text
            with lock:
                council["requests"] += 1
                council["latencies"].append(elapsed)
                council["waits"] += waits
                council["tables"] += shown
                council["errors"] += not (waits or shown)
            if waits:
                stop.wait(COUNCIL_RELOAD_SECONDS)
            else:
                position += 1
                stop.wait(think)
        session.close()

    threads = [
        threading.Thread(target=reader, args=(i,), daemon=True)
        for i in range(council_clients)
    ]
    for thread in threads:
        thread.start()
    try:
        result = run_scenario(
            base, scenario, answers, last_step, floor_rows, server_pid, dbname
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=70)
    return result, council


def council_table_paths(base: str, cookies: dict[str, str], dbname: str) -> list[str]:
    """The explorer's heaviest tables: every agreement question of the
    newest opened wave (weighting runs for these), weighted, by every
    breakdown the explorer's form offers."""
    import psycopg
    import requests

    session = requests.Session()
    for name, value in cookies.items():
        session.cookies.set(name, value, domain=HOST, path="/")
    page = session.get(base + "/da/council/survey/", timeout=60).text
    session.close()
    select = re.search(r'<select name="breakdown".*?</select>', page, re.S)
    if select is None:
        raise RuntimeError("no breakdown choice on /da/council/survey/")
    breakdowns = re.findall(r'<option value="([^"]+)"', select.group(0))
    with psycopg.connect(host=HOST, port=5432, user="postgres", dbname=dbname) as conn:
        wave, survey = conn.execute(
            "SELECT id, survey_id FROM surveys_wave WHERE opens_on <= current_date "
            "ORDER BY opens_on DESC, code LIMIT 1"
        ).fetchone()
        questions = [
            code
            for (code,) in conn.execute(
                "SELECT code FROM surveys_question WHERE survey_id = %s "
                "AND kind = 'agree' AND background_role = '' ORDER BY sort_order, code",
                (survey,),
            ).fetchall()
        ]
    return [
        f"/da/council/survey/?wave={wave}&question={question}&breakdown={breakdown}"
        "&weighted=on"
        for breakdown in breakdowns
        for question in questions
    ]


PREPARED_TABLES_SQL = (
    "SELECT count(*) FROM django_tasks_database_dbtaskresult "
    "WHERE task_path = 'participation.council.prepared.prepare_table' "
    "AND status = 'SUCCESSFUL'"
)


def start_worker(env: dict, log: Path, nice: int) -> subprocess.Popen:
    """A django-tasks worker (manage.py db_worker), as docs/DEPLOY.md runs
    it beside the web processes, at ``nice``."""
    with open(log, "ab") as log_file:
        return subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--verbosity",
                "0",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=(lambda: os.nice(nice)) if nice else None,
        )


def stop_worker(worker: subprocess.Popen | None) -> None:
    """SIGTERM: the worker finishes the task it is running, then stops."""
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)


def council_load(args, base, server, worker, council_session, answers, last_step, rows):
    """Step 6: the survey step's p95 alone and while council members read
    the heaviest council tables, with the task worker running; interleaved
    in rounds. Returns the figures."""
    cookies = {council_session["cookie"]: council_session["value"]}
    paths = council_table_paths(base, cookies, args.db)
    clients, n = args.council_survey_clients, args.council_load_requests
    survey = Scenario(
        "consent_council",
        "survey step: GET /da/survey/ (consent)",
        "get",
        SURVEY_URL,
        'name="nonce"',
        n,
        args.warmup,
        clients,
    )
    say(
        f"== survey step with council load: {clients} survey clients; "
        f"{args.council_clients} council members reading {len(paths)} weighted "
        f"explorer tables (think {args.council_think:g} s, reload after "
        f"{COUNCIL_RELOAD_SECONDS:g} s while a table is prepared); a task worker "
        f"(nice {args.worker_nice}); {n} timed survey requests per phase, "
        f"{args.rounds} rounds, the prepared tables forgotten before each loaded "
        "phase"
    )
    alone, loaded = Result("alone"), Result("loaded")
    council: dict = {"requests": 0, "waits": 0, "tables": 0, "errors": 0}
    latencies: list[float] = []
    worker_ticks = 0
    tables_before = pg_scalar(args.db, PREPARED_TABLES_SQL)
    spawn = multiprocessing.get_context("spawn")
    if worker.poll() is not None:
        raise RuntimeError(f"the task worker exited with status {worker.returncode}")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as driver:
        for index in range(max(1, args.rounds)):
            warm = args.warmup if index == 0 else 0
            step = dataclasses.replace(survey, warmup=warm)
            result = driver.submit(
                run_scenario,
                base,
                step,
                answers,
                last_step,
                rows,
                server.pid,
                args.db,
            ).result()
            alone.add(result)
            # Cold tables, as after a staff edit or at the first visit.
            if args.redis:
                clear_redis(args.redis)
            ticks = _proc_ticks(worker.pid)[1]
            result, figures = driver.submit(
                run_with_council_load,
                base,
                step,
                paths,
                args.council_clients,
                cookies,
                args.council_think,
                answers,
                last_step,
                rows,
                server.pid,
                args.db,
            ).result()
            worker_ticks += _proc_ticks(worker.pid)[1] - ticks
            loaded.add(result)
            for key in council:
                council[key] += figures[key]
            latencies += figures["latencies"]
            a, b = summary(alone), summary(loaded)
            say(
                f"   round {index + 1}: p95 alone {fmt(a['p95'])} ms, with council "
                f"load {fmt(b['p95'])} ms (so far); council requests "
                f"{council['requests']}, {council['waits']} 'being prepared', "
                f"{council['tables']} tables"
            )
    prepared = pg_scalar(args.db, PREPARED_TABLES_SQL)
    a, b = summary(alone), summary(loaded)
    ratio = b["p95"] / a["p95"] if a["p95"] else math.nan
    latencies.sort()
    # The worker is no child of gunicorn: cpu_shares counts it as "other".
    loaded.cpu["other"] = max(0, loaded.cpu["other"] - worker_ticks)
    split = {
        "alone": {**alone.cpu, "worker": 0},
        "loaded": {**loaded.cpu, "worker": worker_ticks},
    }
    figures = {
        "survey_clients": clients,
        "council_clients": args.council_clients,
        "council_think": args.council_think,
        "worker_nice": args.worker_nice,
        "tables": len(paths),
        "alone": a,
        "loaded": b,
        "ratio": ratio,
        "council": {
            **council,
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "max": latencies[-1] * 1000 if latencies else math.nan,
        },
        "worker_cpu_s": worker_ticks / TICKS,
        "cpu_ticks": split,
        "tables_prepared": prepared - tables_before,
    }
    say("")
    say("== survey step with council load (latency in ms)")
    say(
        "| survey step, GET /da/survey/ | ok | errors | req/s | p50 | p95 | p99 "
        "| machine CPU: server / db / driver / worker / other / idle |"
    )
    say("|---|---|---|---|---|---|---|---|")
    phases = (
        ("alone", a, split["alone"]),
        (f"with {args.council_clients} council members", b, split["loaded"]),
    )
    for label, r, cpu in phases:
        total = sum(cpu.values()) or 1
        shares = " / ".join(
            f"{cpu[key] / total:.0%}"
            for key in ("server", "db", "driver", "worker", "other", "idle")
        )
        say(
            f"| {label} | {r['ok']} | {r['errors']} | {fmt(r['rps'])} "
            f"| {fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['p99'])} | {shares} |"
        )
    c = figures["council"]
    say(
        f"   council requests: {c['requests']} ({c['waits']} 'being prepared', "
        f"{c['tables']} tables shown, {c['errors']} errors), p50 {fmt(c['p50'])} ms, "
        f"p95 {fmt(c['p95'])} ms, max {fmt(c['max'])} ms; the worker prepared "
        f"{figures['tables_prepared']} tables in {figures['worker_cpu_s']:.1f} s of CPU"
    )
    say(
        f"survey step p95 with council load / alone: {ratio:.2f} "
        f"({fmt(b['p95'])} / {fmt(a['p95'])} ms; goal <= "
        f"{GOAL_COUNCIL_LOAD_RATIO:.2f}): {verdict(ratio <= GOAL_COUNCIL_LOAD_RATIO)}"
    )
    return figures


# --------------------------------------------------------------------------
# Figures


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (seconds in, ms out)."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1] * 1000


def summary(result: Result) -> dict:
    values = sorted(result.latencies)
    return {
        "ok": result.ok,
        "errors": result.errors,
        "rps": result.ok / result.wall if result.wall > 0 else math.nan,
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": values[-1] * 1000 if values else math.nan,
        "mean": sum(values) / len(values) * 1000 if values else math.nan,
        # CPU time of gunicorn and its PostgreSQL backends per request: far
        # less sensitive than req/s to other processes on the machine.
        "cpu_ms": (
            (result.cpu["server"] + result.cpu["db"]) * 1000 / TICKS / result.ok
            if result.ok
            else math.nan
        ),
    }


def _share(cpu: dict[str, int], key: str) -> str:
    """A share of the machine's CPU time (all cores) as a percentage."""
    total = sum(cpu[k] for k in CPU_FIELDS)
    return f"{cpu[key] / total:.0%}" if total else "n/a"


def fmt(value: float, digits: int = 1) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def verdict(met: bool) -> str:
    return "MET" if met else "MISSED"


# --------------------------------------------------------------------------
# Setup and teardown


def say(*parts):
    print(*parts, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def pg_admin(sql: str, params=None) -> None:
    import psycopg

    with psycopg.connect(
        host=HOST, port=5432, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(sql, params)


def pg_vacuum_analyze(dbname: str) -> None:
    import psycopg

    with psycopg.connect(
        host=HOST, port=5432, user="postgres", dbname=dbname, autocommit=True
    ) as conn:
        conn.execute("VACUUM ANALYZE")


def pg_scalar(dbname: str, sql: str):
    import psycopg

    with psycopg.connect(host=HOST, port=5432, user="postgres", dbname=dbname) as conn:
        return conn.execute(sql).fetchone()[0]


def manage(env: dict, *args: str, quiet: bool = True) -> None:
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(  # noqa: S603 - fixed command, our own interpreter
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        )
    if not quiet:
        say(done.stdout.strip())


def wait_healthy(base: str, server: subprocess.Popen, log: Path, seconds: float):
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer /healthz:\n{log.read_text()[-3000:]}")


def stop_server(server: subprocess.Popen | None) -> None:
    if server is None or server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)  # the master stops its own workers
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


# --------------------------------------------------------------------------
# Page weight


def page_weight(base: str, answers, last_step) -> list[dict]:
    """HTML of the consent step and two question steps, plus the CSS/JS they
    link (fonts excluded), each gzipped at level 9 as whitenoise stores it."""
    import requests

    session = requests.Session()
    consent = session.get(base + SURVEY_URL, timeout=30)
    csrf, nonce = (
        CSRF_RE.search(consent.text).group(1),
        NONCE_RE.search(consent.text).group(1),
    )
    common = [("csrfmiddlewaretoken", csrf), ("nonce", nonce), ("website", "")]
    first = session.post(
        base + SURVEY_URL,
        data=[*common, ("step", "consent"), ("action", "consent")],
        timeout=30,
    )
    # The last step, reached with every other answer carried as hidden inputs:
    # the heaviest question step. (Posting "back" from the last step renders
    # the step before it; from the second-to-last with "next" renders it.)
    before_last = demo_form()[-2][0]
    last = session.post(
        base + SURVEY_URL,
        data=[*common, ("step", before_last), ("consent", "yes"), ("action", "next")]
        + [(n, v) for n, v in answers],
        timeout=30,
    )
    pages = [
        ("consent step (GET /da/survey/)", consent),
        ("first question step (3 questions)", first),
        (f"last question step ({last_step}, all answers carried)", last),
    ]
    cache: dict[str, tuple[int, int, int]] = {}

    def asset(url: str, seen: set[str]) -> None:
        if url in seen or url.startswith(("data:", "http://", "https://", "//")):
            return
        seen.add(url)
        if url not in cache:
            raw = session.get(base + url, timeout=30).content
            served = session.get(
                base + url, headers={"Accept-Encoding": "gzip"}, timeout=30, stream=True
            )
            on_wire = len(served.raw.read(decode_content=False))
            cache[url] = (len(raw), len(gzip.compress(raw, 9, mtime=0)), on_wire)
            if url.endswith(".css"):
                for imported in CSS_IMPORT_RE.findall(raw.decode("utf-8", "replace")):
                    if not imported.endswith((".woff", ".woff2", ".ttf", ".otf")):
                        asset(requests.compat.urljoin(url, imported), seen)

    rows = []
    for label, response in pages:
        html = response.content
        urls: list[str] = []
        for tag in STYLESHEET_RE.findall(response.text):
            match = HREF_RE.search(tag)
            if match:
                urls.append(match.group(1))
        urls += SCRIPT_RE.findall(response.text)
        seen: set[str] = set()
        for url in urls:
            asset(url, seen)
        raw_total = len(html) + sum(cache[u][0] for u in seen)
        gz_total = len(gzip.compress(html, 9, mtime=0)) + sum(cache[u][1] for u in seen)
        wire_total = len(html) + sum(cache[u][2] for u in seen)
        rows.append(
            {
                "label": label,
                "status": response.status_code,
                "html": len(html),
                "html_gz": len(gzip.compress(html, 9, mtime=0)),
                "assets": {u: cache[u] for u in sorted(seen)},
                "raw": raw_total,
                "gz": gz_total,
                "wire": wire_total,
            }
        )
    session.close()
    return rows


# --------------------------------------------------------------------------
# Main


def clear_redis(url: str) -> bool:
    """Delete the product's keys (KEY_PREFIX medborger) from the benchmark's
    Redis database; False if Redis does not answer."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=5)
        keys = list(client.scan_iter("medborger:*"))
        if keys:
            client.delete(*keys)
        return True
    except redis.RedisError:
        return False


def ensure_venv() -> None:
    """Re-run under the project's virtual environment if started elsewhere."""
    try:
        import django  # noqa: F401
        import requests  # noqa: F401
    except ImportError:
        if VENV_PYTHON.exists() and Path(sys.executable) != VENV_PYTHON:
            os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])  # noqa: S606
        raise


def parse_args():
    parser = argparse.ArgumentParser(
        description="Load benchmark of the resident survey (see module docstring)."
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=600, help="timed, per scenario")
    parser.add_argument("--warmup", type=int, default=60, help="per scenario")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="interleave the scenarios in this many rounds",
    )
    parser.add_argument(
        "--serial",
        type=int,
        default=150,
        help="submissions and council overviews timed with a single client (0: skip)",
    )
    parser.add_argument("--db", default="medborger_bench")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/15",
        help="REDIS_URL for the shared cache, as docs/DEPLOY.md sets it in "
        "production ('' for the database cache); its medborger keys are "
        "deleted before and after the run",
    )
    parser.add_argument(
        "--settings",
        default="bench.settings",
        help="settings module for every process (experiments: a module that "
        "imports bench.settings and changes one thing)",
    )
    parser.add_argument(
        "--council-clients",
        type=int,
        default=4,
        help="step 6: council members reading the heaviest tables",
    )
    parser.add_argument(
        "--council-survey-clients",
        type=int,
        default=4,
        help="step 6: survey clients, alone and with the council members",
    )
    parser.add_argument(
        "--council-load-requests",
        type=int,
        default=1500,
        help="step 6: timed survey requests per phase and round",
    )
    parser.add_argument(
        "--council-think",
        type=float,
        default=0.0,
        help="step 6: seconds a council member looks at a table before the next",
    )
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=19,
        help="niceness of the task worker (docs/DEPLOY.md: Nice=19)",
    )
    parser.add_argument(
        "--only-council-load",
        action="store_true",
        help="run step 6 only (no probe, page weight or other scenarios)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    return parser.parse_args()


def main() -> int:
    ensure_venv()
    args = parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.db):
        say("--db must be a plain lower-case identifier")
        return 2
    started = time.monotonic()
    answers, answered, answer_rows, last_step = complete_response()
    tmp = Path(tempfile.mkdtemp(prefix="medborger-bench-"))
    log = tmp / "gunicorn.log"
    database_url = f"postgres://postgres@{HOST}:5432/{args.db}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": args.settings,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "DEBUG": "False",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SURVEY_MIN_SECONDS": "0",
        "SURVEY_THROTTLE_POSTS": "100000000",
        "BENCH_STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("SURVEY_RECEIPT_KEY", None)  # derived from the bench SECRET_KEY
    env.pop("REDIS_URL", None)
    if args.redis:
        if not clear_redis(args.redis):
            say(
                f"Redis is not reachable at {args.redis}: "
                "pass --redis '' to use the database cache."
            )
            return 2
        env["REDIS_URL"] = args.redis
    server = worker = None
    created_db = False
    figures: dict = {}
    try:
        # -- 1. database, demo, static files --------------------------------
        try:
            pg_admin("SELECT 1")
        except Exception as error:  # noqa: BLE001
            say(f"PostgreSQL is not reachable on {HOST}:5432 ({error}).")
            say(
                "Start it: pg_ctlcluster --skip-systemctl-redirect "
                "$(ls /etc/postgresql) main start"
            )
            return 2
        say(f"== setup: database {args.db}, demo data, static files")
        say(f"   shared cache: {args.redis or 'the database cache'}")
        pg_admin(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        pg_admin(f'CREATE DATABASE "{args.db}"')
        created_db = True
        t0 = time.monotonic()
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        say(f"   migrate + load_demo + collectstatic: {time.monotonic() - t0:.0f} s")
        # load_demo queued Wagtail's index updates (the DatabaseBackend):
        # run them now, so no scenario shares the machine with them; then
        # VACUUM ANALYZE, as autovacuum does a minute after a load like
        # this (bench/aggregate.py does the same): without statistics the
        # planner takes the demo's tables for empty (PostgreSQL clusters
        # with autovacuum off, like this benchmark machine's, never get
        # them), and a weighted council table costs 10x its planned time.
        t0 = time.monotonic()
        manage(env, "db_worker", "--batch", "--no-startup-delay", "--verbosity", "0")
        pg_vacuum_analyze(args.db)
        say(
            f"   the task queue load_demo left, VACUUM ANALYZE: "
            f"{time.monotonic() - t0:.0f} s"
        )
        responses_loaded = pg_scalar(
            args.db, "SELECT count(*) FROM surveys_surveyresponse"
        )
        say(f"   demo responses: {responses_loaded}")

        # The task worker that prepares the council's tables, as production
        # runs one beside gunicorn (docs/DEPLOY.md), for the whole run.
        worker = start_worker(env, tmp / "worker.log", args.worker_nice)
        say(f"   task worker: manage.py db_worker, nice {args.worker_nice}")

        # The council overview: an authenticator for the demo's council
        # login and one signed-in session in the benchmark database (its
        # check of the overview queues the indicator tables for the worker).
        council = subprocess.run(
            [sys.executable, "-m", "bench.probe", "--council-session"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if council.returncode != 0:
            raise RuntimeError(f"council session failed:\n{council.stderr[-2000:]}")
        council_session = json.loads(council.stdout.strip().splitlines()[-1])
        say(
            f"   council session for {council_session['user']} "
            f"(TOTP authenticator "
            f"{'created' if council_session['authenticator_created'] else 'existed'})"
        )

        # -- 2. queries per request, in-process ------------------------------
        probe_figures = {}
        if not args.only_council_load:
            say("== queries per request (in-process, Django test client, warm)")
            probe_env = {**env, "ALLOWED_HOSTS": f"{HOST},localhost"}
            probe = subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "bench.probe",
                    "--answers",
                    json.dumps(answers),
                    "--last-step",
                    last_step,
                    "--floor-rows",
                    str(answer_rows),
                    "--repeat",
                    "20",
                ],
                cwd=ROOT,
                env=probe_env,
                capture_output=True,
                text=True,
                check=False,
            )
            if probe.returncode == 0:
                probe_figures = json.loads(probe.stdout.strip().splitlines()[-1])
            else:
                say(
                    "   probe failed (figures below still valid):\n"
                    + probe.stderr[-2000:]
                )

        # -- 3. gunicorn -----------------------------------------------------
        port = free_port()
        base = f"http://{HOST}:{port}"
        gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
        if not gunicorn.exists():
            gunicorn = Path(shutil.which("gunicorn") or "gunicorn")
        command = [
            str(gunicorn),
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "60",
            "--graceful-timeout",
            "10",
            "--error-logfile",
            str(log),
            "--log-level",
            "warning",
        ]
        say(
            f"== gunicorn: {args.workers} sync workers on {base} "
            f"(settings {args.settings})"
        )
        with open(log, "ab") as log_file:
            server = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
            )
        wait_healthy(base, server, log, 60)
        if args.only_council_load:
            # -- 6. only: the survey step with council load ------------------
            figures = council_load(
                args,
                base,
                server,
                worker,
                council_session,
                answers,
                last_step,
                answer_rows,
            )
            say(f"== done in {time.monotonic() - started:.0f} s")
            if args.json:
                Path(args.json).write_text(json.dumps(figures, indent=2, default=str))
            return 0

        # -- 4. page weight ---------------------------------------------------
        say("== page weight of survey steps (HTML + linked CSS/JS, fonts excluded)")
        weights = page_weight(base, answers, last_step)
        for row in weights:
            say(
                f"   {row['label']}: HTTP {row['status']}, HTML {row['html']:,} B "
                f"({row['html_gz']:,} B gzipped)"
            )
            for url, (raw, gz, wire) in row["assets"].items():
                say(f"     {url}: {raw:,} B, {gz:,} B gzipped, {wire:,} B as served")
            say(
                f"     total: {row['raw']:,} B raw, {row['gz']:,} B gzipped "
                f"(goal <= {GOAL_PAGE_WEIGHT:,} B: "
                f"{verdict(row['gz'] <= GOAL_PAGE_WEIGHT)}); "
                f"{row['wire']:,} B on the wire today (HTML is sent uncompressed)"
            )

        # -- 5. load ----------------------------------------------------------
        c, n, w = args.clients, args.requests, args.warmup
        scenarios = [
            Scenario(
                "healthz",
                "ceiling: GET /healthz (1 query)",
                "get",
                "/healthz",
                "ok",
                n,
                w,
                c,
            ),
            Scenario(
                "floor_render",
                "floor: bare render, 20-field form",
                "get",
                "/bench/floor/render/",
                "<form",
                n,
                w,
                c,
            ),
            Scenario(
                "consent",
                "survey step: GET /da/survey/ (consent)",
                "get",
                SURVEY_URL,
                'name="nonce"',
                n,
                w,
                c,
            ),
            Scenario(
                "question_step",
                "question step: POST consent -> 1st section",
                "question_step",
                SURVEY_URL,
                'name="step" value="represented"',
                n,
                w,
                c,
            ),
            Scenario(
                "floor_insert",
                f"floor: bare insert, 1+{answer_rows} rows",
                "insert",
                f"/bench/floor/insert/?answers={answer_rows}",
                "ok",
                n,
                w,
                c,
            ),
            Scenario(
                "submission",
                f"submission: POST {answered} answers ({answer_rows} rows)",
                "submission",
                SURVEY_URL,
                'class="receipt"',
                n,
                w,
                c,
            ),
            Scenario(
                "council_overview",
                "council overview: GET /da/council/ (signed in)",
                "get",
                COUNCIL_URL,
                COUNCIL_MARKER,
                n,
                w,
                c,
                cookies={council_session["cookie"]: council_session["value"]},
            ),
        ]
        if args.serial:
            scenarios.append(
                Scenario(
                    "submission_serial",
                    "submission, 1 client (no queueing)",
                    "submission",
                    SURVEY_URL,
                    'class="receipt"',
                    args.serial,
                    10,
                    1,
                )
            )
            scenarios.append(
                Scenario(
                    "council_overview_serial",
                    "council overview, 1 client (no queueing)",
                    "get",
                    COUNCIL_URL,
                    COUNCIL_MARKER,
                    args.serial,
                    10,
                    1,
                    cookies={council_session["cookie"]: council_session["value"]},
                )
            )
        rounds = max(1, args.rounds)
        say(
            f"== load: {c} clients; per scenario {w} warm-up + {n} timed requests, "
            f"timed in {rounds} interleaved rounds (driver in a separate process)"
        )
        totals = {scenario.key: Result(scenario.key) for scenario in scenarios}
        added = dict.fromkeys(totals, 0)
        spawn = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as driver:
            plan = []
            for index in range(rounds):
                for scenario in scenarios:
                    if scenario.key.endswith("_serial"):
                        continue  # once, after the rounds
                    share = _quotas(scenario.count, rounds)[index]
                    warm = scenario.warmup if index == 0 else 0
                    plan.append(dataclasses.replace(scenario, count=share, warmup=warm))
            plan += [s for s in scenarios if s.key.endswith("_serial")]
            for step in plan:
                before = pg_scalar(
                    args.db, "SELECT count(*) FROM surveys_surveyresponse"
                )
                t0 = time.monotonic()
                result = driver.submit(
                    run_scenario,
                    base,
                    step,
                    answers,
                    last_step,
                    answer_rows,
                    server.pid,
                    args.db,
                ).result()
                after = pg_scalar(
                    args.db, "SELECT count(*) FROM surveys_surveyresponse"
                )
                totals[step.key].add(result)
                added[step.key] += after - before
                s = summary(result)
                say(
                    f"   {step.label}: {s['ok']} ok, {s['errors']} errors, "
                    f"{fmt(s['rps'])} req/s, p99 {fmt(s['p99'])} ms; "
                    f"CPU other processes {_share(result.cpu, 'other')} "
                    f"({time.monotonic() - t0:.0f} s)"
                )
                for sample in result.error_samples:
                    say(f"     error: {sample}")
        results: dict[str, dict] = {}
        row_checks = []
        for scenario in scenarios:
            total = totals[scenario.key]
            results[scenario.key] = {
                "label": scenario.label,
                **summary(total),
                "cpu": {k: _share(total.cpu, k) for k in CPU_FIELDS},
                "cpu_ticks": total.cpu,
            }
            if scenario.kind in ("submission", "insert"):
                row_checks.append(
                    (scenario.label, added[scenario.key], total.ok + total.warmup_ok)
                )

        # -- report -------------------------------------------------------------
        say("")
        say(
            f"== results ({c} clients, {args.workers} gunicorn sync workers, "
            f"{n} timed requests each; latency in ms)"
        )
        header = (
            "| scenario | ok | errors | req/s | p50 | p95 | p99 | max "
            "| server CPU ms/req | queries/req | Django CPU ms in-process "
            "| machine CPU: server / db / driver / other / idle |"
        )
        say(header)
        say("|" + "---|" * (header.count("|") - 1))
        for key, r in results.items():
            p = probe_figures.get(key.removesuffix("_serial"), {})
            queries = p.get("queries", "")
            view_ms = fmt(p["ms"]) if "ms" in p else ""
            say(
                f"| {r['label']} | {r['ok']} | {r['errors']} | {fmt(r['rps'])} "
                f"| {fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['p99'])} "
                f"| {fmt(r['max'])} | {fmt(r['cpu_ms'])} | {queries} | {view_ms} "
                f"| {' / '.join(r['cpu'][k] for k in CPU_FIELDS)} |"
            )
        say("")

        def ratio(a, b):
            return results[a]["rps"] / results[b]["rps"]

        def cpu_ratio(a, b):
            return results[b]["cpu_ms"] / results[a]["cpu_ms"]

        step_ratio = ratio("consent", "floor_render")
        question_ratio = ratio("question_step", "floor_render")
        submit_ratio = ratio("submission", "floor_insert")
        submit_p99 = results["submission"]["p99"]
        say("== goals")
        say(
            f"survey step (consent GET) / bare render: {step_ratio:.0%} "
            f"(goal >= {GOAL_STEP_RATIO:.0%}): {verdict(step_ratio >= GOAL_STEP_RATIO)}"
            f"; by server CPU per request: {cpu_ratio('consent', 'floor_render'):.0%}"
        )
        say(
            f"question step POST / bare render: {question_ratio:.0%} "
            f"(same goal, informative): {verdict(question_ratio >= GOAL_STEP_RATIO)}"
            f"; by server CPU per request: "
            f"{cpu_ratio('question_step', 'floor_render'):.0%}"
        )
        say(
            f"submission / bare insert: {submit_ratio:.0%} "
            f"(goal >= {GOAL_SUBMIT_RATIO:.0%}): "
            f"{verdict(submit_ratio >= GOAL_SUBMIT_RATIO)}"
            f"; by server CPU per request: "
            f"{cpu_ratio('submission', 'floor_insert'):.0%}"
        )
        both = results["floor_insert"]["cpu_ms"] + results["floor_render"]["cpu_ms"]
        say(
            "   (informative: a floor that both inserts and renders a page, bare "
            f"insert + bare render, costs {both:.1f} ms of server CPU; a submission "
            f"costs {results['submission']['cpu_ms']:.1f} ms, i.e. "
            f"{both / results['submission']['cpu_ms']:.0%} of that floor's throughput)"
        )
        say(
            f"submission p99: {fmt(submit_p99)} ms at {c} clients "
            f"(goal <= {GOAL_SUBMIT_P99_MS:.0f} ms): "
            f"{verdict(submit_p99 <= GOAL_SUBMIT_P99_MS)}"
        )
        if "submission_serial" in results:
            say(
                f"   (1 client: p50 {fmt(results['submission_serial']['p50'])} ms, "
                f"p99 {fmt(results['submission_serial']['p99'])} ms; "
                f"with {c} clients Little's law alone gives a mean of "
                f"{c / results['submission']['rps'] * 1000:,.0f} ms)"
            )
        heaviest = max(weights, key=lambda row: row["gz"])
        say(
            f"page weight, heaviest survey step: {heaviest['gz']:,} B gzipped "
            f"(goal <= {GOAL_PAGE_WEIGHT:,} B): "
            f"{verdict(heaviest['gz'] <= GOAL_PAGE_WEIGHT)}"
        )
        council_p95 = results["council_overview"]["p95"]
        say(
            f"council overview p95: {fmt(council_p95)} ms at {c} clients "
            f"(goal <= {GOAL_COUNCIL_P95_MS:.0f} ms): "
            f"{verdict(council_p95 <= GOAL_COUNCIL_P95_MS)}"
            f"; server CPU {fmt(results['council_overview']['cpu_ms'])} ms/req"
        )
        if "council_overview_serial" in results:
            serial = results["council_overview_serial"]
            say(
                f"   (1 client: p50 {fmt(serial['p50'])} ms, p95 {fmt(serial['p95'])} "
                f"ms: {verdict(serial['p95'] <= GOAL_COUNCIL_P95_MS)})"
            )
        say("")
        say("== rows added to surveys_surveyresponse")
        rows_ok = True
        for label, added, stored in row_checks:
            same = added == stored
            rows_ok &= same
            say(
                f"   {label}: {added} rows added, {stored} successful posts "
                f"(warm-up included): {'equal' if same else 'NOT EQUAL'}"
            )
        if not rows_ok:
            say("   CHECK FAILED: rows and successful submissions differ")
        total_errors = sum(r["errors"] for r in results.values())
        say(f"   errors in all scenarios: {total_errors}")
        say("")

        # -- 6. the survey step with council load ------------------------------
        with_council = council_load(
            args, base, server, worker, council_session, answers, last_step, answer_rows
        )
        say(f"== done in {time.monotonic() - started:.0f} s")
        figures = {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
            "clients": c,
            "workers": args.workers,
            "cache": args.redis or "database",
            "requests": n,
            "warmup": w,
            "answers": answered,
            "answer_rows": answer_rows,
            "results": results,
            "probe": probe_figures,
            "page_weight": weights,
            "ratios": {
                "step": step_ratio,
                "question_step": question_ratio,
                "submission": submit_ratio,
            },
            "council_overview_p95": council_p95,
            "survey_with_council_load": with_council,
            "row_checks": row_checks,
        }
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2, default=str))
        return 0
    except Exception as error:  # noqa: BLE001 - report and clean up
        say(f"benchmark could not run: {error}")
        return 1
    finally:
        stop_server(server)
        stop_worker(worker)
        if created_db:
            try:
                pg_admin(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
                say(f"== cleanup: gunicorn stopped, database {args.db} dropped")
            except Exception as error:  # noqa: BLE001
                say(f"could not drop database {args.db}: {error}")
        shutil.rmtree(tmp, ignore_errors=True)
        if args.redis:
            clear_redis(args.redis)


if __name__ == "__main__":
    sys.exit(main())
