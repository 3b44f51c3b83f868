"""In-process look at the benchmarked requests: SQL queries per request and
the Django process's CPU time per request, without HTTP, gunicorn or
concurrency.

Run by bench/load.py (``python -m bench.probe``) against the throwaway
benchmark database, with DJANGO_SETTINGS_MODULE=bench.settings; prints one
JSON object. With ``--profile NAME`` it prints the top of a cProfile of that
request instead (for investigating a missed goal).

Every request is made once before it is measured, so per-process caches
(content types, templates, translations) are warm, as they are in a
long-running worker.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import sys
import time
from urllib.parse import urlencode

import django

NONCE_RE = re.compile(r'name="nonce" value="([^"]+)"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()


def _post(client, url, data):
    """POST as a browser does (urlencoded; the test client's default is
    multipart, which costs more to parse)."""
    return client.post(
        url,
        urlencode(data, doseq=True),
        content_type="application/x-www-form-urlencoded",
    )


def scenarios(answers: list[tuple[str, str]], last_step: str, floor_rows: int):
    """name -> callable(client) returning a response; one request each."""

    def fresh_form(client):
        page = client.get("/da/survey/").content.decode()
        return NONCE_RE.search(page).group(1)

    def question_step(client, nonce=[]):  # noqa: B006 - one nonce is enough
        if not nonce:
            nonce.append(fresh_form(client))
        return _post(
            client,
            "/da/survey/",
            {"nonce": nonce[0], "step": "consent", "action": "consent", "website": ""},
        )

    def submission(client):
        nonce = fresh_form(client)  # not measured separately: see run()
        data = {"nonce": nonce, "step": last_step, "consent": "yes", "action": "next"}
        data["website"] = ""
        for name, value in answers:
            data.setdefault(name, []).append(value)
        return _post(client, "/da/survey/", data)

    return {
        "healthz": lambda c: c.get("/healthz"),
        "floor_render": lambda c: c.get("/bench/floor/render/"),
        "consent": lambda c: c.get("/da/survey/"),
        "question_step": question_step,
        "floor_insert": lambda c: c.post(f"/bench/floor/insert/?answers={floor_rows}"),
        "submission": submission,
    }


def run(answers, last_step, floor_rows, repeat):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # 127.0.0.1 is in ALLOWED_HOSTS; the test client's 'testserver' is not.
    client = Client(SERVER_NAME="127.0.0.1", enforce_csrf_checks=False)
    result = {}
    for name, request in scenarios(answers, last_step, floor_rows).items():
        request(client)  # warm caches
        nonce_get_queries = 0
        if name == "submission":
            # The submission helper GETs a fresh form first; count that GET
            # apart so the figure is the POST alone.
            with CaptureQueriesContext(connection) as q:
                client.get("/da/survey/")
            nonce_get_queries = len(q)
        with CaptureQueriesContext(connection) as q:
            response = request(client)
        queries = len(q) - nonce_get_queries
        writes = sum(
            1
            for x in q.captured_queries
            if x["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        )
        # CPU time of this process (Django, not PostgreSQL): steadier than
        # wall-clock time on a machine shared with other work.
        started = time.process_time()
        for _ in range(repeat):
            request(client)
        elapsed = (time.process_time() - started) / repeat
        if name == "submission":
            started = time.process_time()
            for _ in range(repeat):
                client.get("/da/survey/")
            elapsed -= (time.process_time() - started) / repeat
        result[name] = {
            "status": response.status_code,
            "queries": queries,
            "writes": writes,
            "ms": round(elapsed * 1000, 2),
        }
    return result


def profile(name, answers, last_step, floor_rows, repeat):
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    request = scenarios(answers, last_step, floor_rows)[name]
    request(client)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        request(client)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(45)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", required=True, help="JSON list of [name, value]")
    parser.add_argument("--last-step", required=True)
    parser.add_argument("--floor-rows", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", metavar="NAME")
    args = parser.parse_args()
    answers = [tuple(pair) for pair in json.loads(args.answers)]
    _setup()
    if args.profile:
        print(
            profile(args.profile, answers, args.last_step, args.floor_rows, args.repeat)
        )
        return 0
    print(json.dumps(run(answers, args.last_step, args.floor_rows, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
