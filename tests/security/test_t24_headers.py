"""T24: security headers on residents' pages, and the production settings."""

import os
import subprocess
import sys
from http import HTTPStatus

import pytest
from django.conf import settings

from tests.conftest import post_step

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    parts = (p.strip().split(" ", 1) for p in header.split(";") if p.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


@pytest.mark.parametrize("path", ["/da/", "/ar/survey/", "/da/survey/withdraw/"])
def test_public_pages_send_strict_headers(client, small_survey, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    csp = csp_directives(response)
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["default-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_survey_pages_are_never_cached(client, small_survey):
    for response in (
        client.get(small_survey.url_da),
        post_step(client, small_survey.url_da, "feel", {"represented": "2"}),
        client.get(small_survey.url_da + "withdraw/"),
    ):
        assert "no-store" in response["Cache-Control"]


def load_production(**env) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh interpreter with this env."""
    code = (
        "import config.settings_production as s; "
        "print(s.DEBUG, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL")
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )


def test_production_settings_demand_https_and_hsts():
    result = load_production(
        SECRET_KEY="x" * 64, DATABASE_URL="postgres://postgres@127.0.0.1/medborger"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "31536000",
        "True",
        "True",
        "True",
        "True",
    ]


def test_production_settings_refuse_the_demo_key_or_no_database():
    no_key = load_production(DATABASE_URL="postgres://postgres@127.0.0.1/medborger")
    assert no_key.returncode != 0
    assert "Set SECRET_KEY" in no_key.stderr
    no_db = load_production(SECRET_KEY="x" * 64)
    assert "Set DATABASE_URL" in no_db.stderr


def test_admin_policy_allows_only_what_the_wagtail_admin_needs(client):
    from tests.participation.factories import UserFactory, give_totp

    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client.force_login(staff)
    response = client.get("/admin/pages/")
    assert response.status_code == HTTPStatus.OK
    csp = csp_directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'self'"
    # The residents' pages keep the strict policy.
    public = client.get("/da/")
    assert "unsafe-inline" not in public["Content-Security-Policy"]
