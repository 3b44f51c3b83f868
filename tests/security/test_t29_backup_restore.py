"""T29: the backup and restore drill, on PostgreSQL (skipped on SQLite).

A small municipality (tests/participation/governance/test_aggregate_checksum.py:
``build_council_data``: a survey answered in nine languages, coded open
answers, associations and boards with composition reports, an indicator)
is committed to the test database, dumped with ``pg_dump -Fc`` and restored
with ``pg_restore`` into a new, empty database. Against the copy,
``manage.py migrate --check`` must find nothing to apply, ``manage.py
aggregate_checksum`` must print the same digests of every disclosed
catalogue table and the same row counts as against the source, and an exact
count of every table (those without a model too) must match. The restore
time (RTO: createdb + pg_restore + migrate --check) is printed, never
asserted; the copy is dropped at the end. docs/DEPLOY.md "Backup and
restore" is the runbook with the same commands.

The demo loader is not used: it takes 20 s for 300 responses (50 s for its
default 2,000 on PostgreSQL), and ``aggregate_checksum`` builds some 400
tables on it (about 85 s a run on PostgreSQL); this fixture gives 53 tables
and the whole test runs in about 25 s.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from participation.council import catalogue
from participation.governance.management.commands.aggregate_checksum import count_digest
from tests.participation.governance.test_aggregate_checksum import build_council_data

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the backup and restore drill uses pg_dump and pg_restore: "
        "PostgreSQL only",
    ),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql")),
        reason="pg_dump, pg_restore and psql are needed for the drill",
    ),
]

BASE_DIR = Path(settings.BASE_DIR)
#: An exact row count of every table in the public schema, in one query.
EXACT_COUNTS = """
SELECT table_name, (xpath('/row/c/text()', query_to_xml(
    format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),
    false, true, '')))[1]::text::bigint
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name
"""


#: What a broken restore might look like (run against the copy only).
TAMPER = """
DELETE FROM django_migrations WHERE id = (
    SELECT id FROM django_migrations WHERE app = 'surveys' ORDER BY name DESC LIMIT 1
);
UPDATE surveys_answer SET choice = '5'
WHERE question_id IN (SELECT id FROM surveys_question WHERE code = 'represented');
"""


def libpq_env() -> dict[str, str]:
    """The environment for pg_dump, pg_restore, psql and createdb: the test
    database's server and role."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def database_url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{name}"


def pg(*command) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - PostgreSQL's tools, our arguments
        [str(part) for part in command],
        env=libpq_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, (command, result.stderr)
    return result


def manage(*args, database: str) -> subprocess.Popen:
    """Start ``manage.py`` in a process of its own, with the demo settings
    pointed at ``database``, as an operator runs it; ``finish`` waits."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(database),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and code
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(*processes: subprocess.Popen) -> list[tuple[int, str, str]]:
    """Wait for processes started together (two cores: the source's and the
    copy's checksums run side by side); their exit codes and output."""
    out = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=600)
        out.append((process.returncode, stdout, stderr))
    return out


def checksums(*databases: str) -> list[dict]:
    results = []
    for code, stdout, stderr in finish(
        *(manage("aggregate_checksum", database=name) for name in databases)
    ):
        assert code == 0, stderr
        results.append(json.loads(stdout))
    return results


def exact_counts(database: str) -> dict[str, int]:
    out = pg("psql", "-X", "-A", "-t", "-d", database, "-c", EXACT_COUNTS).stdout
    return {
        name: int(count)
        for name, count in (line.split("|") for line in out.splitlines() if line)
    }


def test_t29_a_restored_dump_holds_the_same_data_and_aggregates(tmp_path, capsys):
    data = build_council_data(responses=60)
    catalogue.policy()  # the disclosure settings' row, as on a site in use
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored_{os.getpid()}"
    dump = tmp_path / "medborger.dump"

    start = time.perf_counter()
    pg("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source)
    dumped = time.perf_counter() - start
    try:
        start = time.perf_counter()
        pg("createdb", "--template=template0", "--encoding=UTF8", restored)
        pg("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", dump)
        restore_seconds = time.perf_counter() - start
        [(code, stdout, stderr)] = finish(
            manage("migrate", "--check", database=restored)
        )
        rto = time.perf_counter() - start
        assert code == 0, stdout + stderr

        expected, got = checksums(source, restored)
        assert got["table_checksums"] == expected["table_checksums"]
        assert got["row_digests"] == expected["row_digests"]
        assert got == expected
        rows = expected["row_digests"]
        assert rows["surveys_surveyresponse"] == count_digest(
            "surveys_surveyresponse", data.responses
        )
        assert rows["participation_compositionreport"] == count_digest(
            "participation_compositionreport", data.reports
        )
        assert expected["tables"] >= 50
        counts = exact_counts(source)
        assert exact_counts(restored) == counts
        assert set(rows) | set(expected["tables_without_model"]) >= set(counts)

        # The drill notices a copy that differs: the record of surveys' latest
        # migration lost (not the newest row: that may be a squashed
        # migration's, which Django counts as applied while the migrations it
        # replaces are recorded), every agreement answered "5". (This also
        # shows that the commands read the copy, not the source.)
        pg("psql", "-X", "-q", "-d", restored, "-c", TAMPER)
        (code, stdout, stderr), (_code, tampered, _err) = finish(
            manage("migrate", "--check", database=restored),
            manage("aggregate_checksum", database=restored),
        )
        assert code != 0, stdout + stderr
        tampered = json.loads(tampered)
        assert tampered["checksum"] != expected["checksum"]
        key = f"survey:represented:{data.wave.pk}:origin"
        assert tampered["table_checksums"][key] != expected["table_checksums"][key]
        assert tampered["row_digests"]["django_migrations"] == count_digest(
            "django_migrations", counts["django_migrations"] - 1
        )

        size = pg(
            "psql", "-X", "-A", "-t", "-d", source, "-c",
            "SELECT pg_size_pretty(pg_database_size(current_database()))",
        ).stdout.strip()  # fmt: skip
        with capsys.disabled():
            print(  # noqa: T201
                f"\nT29 drill: {sum(counts.values()):,} rows in {len(counts)} "
                f"tables ({data.responses} responses), database {size}, dump "
                f"{dump.stat().st_size / 1024:.0f} KiB written in {dumped:.2f} s; "
                f"createdb + pg_restore {restore_seconds:.2f} s, RTO with "
                f"migrate --check {rto:.2f} s; {expected['tables']} disclosed "
                f"tables identical"
            )
    finally:
        pg("dropdb", "--if-exists", "--force", restored)
