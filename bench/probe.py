"""In-process look at the benchmarked requests: SQL queries per request and
the Django process's CPU time per request, without HTTP, gunicorn or
concurrency.

Run by bench/load.py (``python -m bench.probe``) against the throwaway
benchmark database, with DJANGO_SETTINGS_MODULE=bench.settings; prints one
JSON object. With ``--profile NAME`` it prints the top of a cProfile of that
request instead (for investigating a missed goal). With ``--council-session``
it prepares the council overview scenario instead: it gives the demo's
council login a TOTP authenticator if it has none (staff and council members
without one are sent to the set-up page by participation.associations.middleware) and
prints the cookie of a new signed-in session for the load driver.

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
COUNCIL_URL = "/da/council/"
COUNCIL_MARKER = 'class="council-nav"'


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


def council_user():
    """The demo's council login, with a TOTP authenticator (created if
    missing, as tests/participation/factories.py:give_totp does), so the MFA
    middleware lets it through to the council pages. Returns (user, whether
    an authenticator was created)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    from cms.demo.participation import COUNCIL_EMAIL
    from participation.associations.access import is_council_member

    user = get_user_model().objects.get(username=COUNCIL_EMAIL)
    if not is_council_member(user):
        raise RuntimeError(f"{COUNCIL_EMAIL} is not in the council members' group")
    created = not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()
    if created:
        TOTP.activate(user, generate_totp_secret())
    return user, created


def council_client():
    """A test client signed in as the council login (its own session)."""
    from django.test import Client

    from tests.signin import complete_sign_in

    client = Client(SERVER_NAME="127.0.0.1")
    complete_sign_in(client, council_user()[0])
    return client


def council_session() -> dict:
    """A new signed-in session of the council login, saved in the session
    store (the benchmark database) like one made at sign-in, for the load
    driver's clients. The code is not typed: the session carries the records
    of allauth's password and code steps, as after a real sign-in
    (tests/signin.py)."""
    from django.conf import settings
    from django.test import Client

    from tests.signin import complete_sign_in

    user, created = council_user()
    client = Client(SERVER_NAME="127.0.0.1")
    complete_sign_in(client, user)
    name = settings.SESSION_COOKIE_NAME
    check = client.get(COUNCIL_URL)
    if check.status_code != 200 or COUNCIL_MARKER not in check.content.decode():
        raise RuntimeError(
            f"GET {COUNCIL_URL} as {user.username}: HTTP {check.status_code}, "
            f"no {COUNCIL_MARKER!r}"
        )
    return {
        "user": user.username,
        "authenticator_created": created,
        "cookie": name,
        "value": client.cookies[name].value,
    }


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

    def council_overview(client, signed_in=[]):  # noqa: B006 - one session
        # Its own signed-in client: the survey scenarios stay anonymous.
        if not signed_in:
            signed_in.append(council_client())
        return signed_in[0].get(COUNCIL_URL)

    return {
        "healthz": lambda c: c.get("/healthz"),
        "floor_render": lambda c: c.get("/bench/floor/render/"),
        "consent": lambda c: c.get("/da/survey/"),
        "question_step": question_step,
        "floor_insert": lambda c: c.post(f"/bench/floor/insert/?answers={floor_rows}"),
        "submission": submission,
        "council_overview": council_overview,
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
        if name == "council_overview":
            body = response.content.decode()
            if response.status_code != 200 or COUNCIL_MARKER not in body:
                raise RuntimeError(
                    f"{COUNCIL_URL}: HTTP {response.status_code}, no {COUNCIL_MARKER!r}"
                )
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
    parser.add_argument("--answers", help="JSON list of [name, value]")
    parser.add_argument("--last-step")
    parser.add_argument("--floor-rows", type=int)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", metavar="NAME")
    parser.add_argument(
        "--council-session",
        action="store_true",
        help="give the council login an authenticator if missing, print the "
        "cookie of a new signed-in session (JSON) and stop",
    )
    args = parser.parse_args()
    _setup()
    if args.council_session:
        print(json.dumps(council_session()))
        return 0
    if args.answers is None or args.last_step is None or args.floor_rows is None:
        parser.error("--answers, --last-step and --floor-rows are required")
    answers = [tuple(pair) for pair in json.loads(args.answers)]
    if args.profile:
        print(
            profile(args.profile, answers, args.last_step, args.floor_rows, args.repeat)
        )
        return 0
    print(json.dumps(run(answers, args.last_step, args.floor_rows, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
