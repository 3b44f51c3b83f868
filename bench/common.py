"""What bench/aggregate.py and bench/export.py share: the parent process's
helpers (no Django) and the run itself (:func:`main`): check the database
name and PostgreSQL, prepare a throwaway database, measure, write --json, and
drop the database again unless --keep.

Each benchmark runs its timed stages in fresh processes of its own script
(``--stage NAME``); a stage prints one JSON line last (:func:`run`).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
HOST = "127.0.0.1"


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


def run(script: Path, env: dict, *args: str) -> dict:
    """Run a stage of ``script`` in a fresh process; its last stdout line is
    JSON. Other lines are passed through."""
    command = [sys.executable, str(script), *args]
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


def main(
    args,
    *,
    stages: dict[str, Callable],
    prepare: Callable[[object, dict], dict],
    measure: Callable[[object, dict, dict], dict],
    modules: tuple[str, ...] = ("psycopg",),
) -> int:
    """One benchmark run, or one stage of it (``args.stage``, in a child).

    ``args`` needs db, settings, keep, reuse, json and stage. The parent
    checks the database name and PostgreSQL, then ``prepare(args, env)``
    (create and fill the database, or reuse it) and ``measure(args, env,
    loaded)``; it drops the database it created unless --keep, whatever
    happened. Exit status: 0 whenever it ran, 1 when a step failed, 2 when
    it could not start.
    """
    if args.stage:
        django_setup()
        print(json.dumps(stages[args.stage](args), default=str))
        return 0
    ensure_venv(*modules)
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
    created = not args.reuse
    try:
        loaded = prepare(args, env)
        figures = measure(args, env, loaded)
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
