"""Transaction-level locks on a name (PostgreSQL advisory locks), for work
that must take turns without a row to lock: a submit and a withdrawal of one
receipt (surveys/services.py), two batches of one wave (surveys/pool.py).

The lock is held until the current transaction ends and lives in the
server's memory only: nothing is stored for it (SPEC §4.1). Other databases
have none; on SQLite the callers rely on its single writer."""

import hashlib

from django.db import connection


def transaction_lock(name: bytes) -> None:
    """Hold the lock named ``name`` until the current transaction ends
    (PostgreSQL: an advisory lock keyed by 64 bits of the name's SHA-256)."""
    if connection.vendor != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(name).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s::bigint)", [key])
