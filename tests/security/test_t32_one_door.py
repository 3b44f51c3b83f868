"""T32, one door in (SPEC §4.5): only allauth signs anyone in, and no staff
or council page, export or API token opens to a session that has not passed
this session's second factor.

The attack these tests replay: Wagtail's front-end login (/<code>/_util/login/)
took a staff password without the code, never counted failures and let an
unverified e-mail in. config/urls.py now sends every login address to
allauth's; participation/associations/middleware.py checks each signed-in
request against allauth's records of this session's sign-in steps.
"""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth.views import LoginView as DjangoLoginView
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern

from participation.council.models import ApiToken, ExportLog
from tests.participation.factories import (
    PASSWORD,
    RepresentationFactory,
    UserFactory,
    give_totp,
    totp_code,
)
from tests.signin import password_only_login
from tests.surveys.factories import WaveFactory

pytestmark = pytest.mark.django_db

LOGIN = "/da/accounts/login/"
CODE_STEP = "/da/accounts/2fa/reauthenticate/"
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Every address at which Wagtail or Django would have taken a password.
FORMER_DOORS = [
    "/da/_util/login/",
    "/en/_util/login/",
    "/so/_util/login/",
    "/admin/login/",
]


@pytest.fixture(autouse=True)
def real_cache():
    # Rate limits and used TOTP codes count in the cache: a real one.
    with override_settings(CACHES=LOCMEM, MFA_TOTP_TOLERANCE=1):
        cache.clear()
        yield
        cache.clear()


# --- the URL map ------------------------------------------------------------


def _is_login_view(callback) -> bool:
    view = getattr(callback, "view_class", None)
    if view is not None:
        return issubclass(view, DjangoLoginView) or "login" in view.__name__.lower()
    return "login" in getattr(callback, "__name__", "").lower()


def _is_allauth(callback) -> bool:
    view = getattr(callback, "view_class", callback)
    return view.__module__.startswith("allauth.")


def _walk(patterns, prefix=""):
    """(path, pattern) for every URL pattern, its path built from the route
    with the Danish language prefix; routes with parameters are skipped (no
    login view takes one)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if isinstance(pattern.pattern, LocalePrefixPattern):
                part = f"{settings.LANGUAGE_CODE}/"
            else:
                part = str(pattern.pattern).lstrip("^").rstrip("$")
            yield from _walk(pattern.url_patterns, prefix + part)
        elif isinstance(pattern, URLPattern):
            route = str(pattern.pattern).lstrip("^").rstrip("$")
            if "<" in route or "(" in route:
                continue
            yield "/" + prefix + route.replace("\\", ""), pattern


def test_t32_every_login_view_but_allauths_is_unreachable(client):
    """Walks every URL pattern of the project: a login view that is not
    allauth's may exist in a library's URL list only if the address it would
    answer resolves to something else, which sends to allauth's login."""
    shadowed = []
    for path, pattern in _walk(get_resolver().url_patterns):
        if not _is_login_view(pattern.callback) or _is_allauth(pattern.callback):
            continue
        answered_by = resolve(path).func
        assert not _is_login_view(answered_by) or _is_allauth(answered_by), path
        response = client.get(path + "?next=/admin/")
        assert response.status_code == HTTPStatus.FOUND, path
        assert response["Location"].startswith(
            ("/da/accounts/login/", "/accounts/login/")
        ), path
        shadowed.append(path)
    # The walk found the doors the attack used, so it looks where it should.
    assert "/da/_util/login/" in shadowed
    assert "/admin/login/" in shadowed


def test_t32_private_pages_send_visitors_to_allauth():
    assert settings.WAGTAIL_FRONTEND_LOGIN_URL == "account_login"
    assert settings.WAGTAILADMIN_LOGIN_URL == "account_login"
    assert "django.contrib.admin" not in settings.INSTALLED_APPS


# --- a staff password alone -------------------------------------------------


def _staff_with_code():
    staff = UserFactory(superuser=True)
    return staff, give_totp(staff)


def _council_with_code():
    member = UserFactory(council=True)
    return member, give_totp(member)


def _nothing_staff_or_council_opens(client, wave) -> None:
    """No staff page, raw export, council page or new API token."""
    tokens, exports = ApiToken.objects.count(), ExportLog.objects.count()
    for path in ("/admin/", "/admin/users/", "/da/council/", "/da/council/tokens/"):
        assert client.get(path).status_code != HTTPStatus.OK, path
    raw = client.post("/da/council/export/responses/", {"wave": wave.pk})
    assert raw.status_code != HTTPStatus.OK
    assert "attachment" not in raw.get("Content-Disposition", "")
    made = client.post("/da/council/tokens/", {"name": "stolen"})
    assert made.status_code != HTTPStatus.OK
    assert ApiToken.objects.count() == tokens
    assert ExportLog.objects.count() == exports


@pytest.mark.parametrize("door", FORMER_DOORS)
def test_t32_a_staff_password_at_a_former_door_signs_nobody_in(door):
    staff, _secret = _staff_with_code()
    wave = WaveFactory()
    client = Client()

    response = client.post(
        door,
        {"username": staff.email, "login": staff.email, "password": PASSWORD},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert "_auth_user_id" not in client.session
    _nothing_staff_or_council_opens(client, wave)


@pytest.mark.parametrize("make", [_staff_with_code, _council_with_code])
def test_t32_a_password_only_session_is_sent_to_the_code_step(make):
    """Defence in depth: whatever made the session, staff and council pages
    wait for this session's code."""
    user, secret = make()
    wave = WaveFactory()
    client = Client()
    password_only_login(client, user)

    _nothing_staff_or_council_opens(client, wave)
    asked = client.get("/da/council/")
    assert asked["Location"] == f"{CODE_STEP}?next=%2Fda%2Fcouncil%2F"
    # The way out stays open.
    assert client.get("/da/accounts/logout/").status_code == HTTPStatus.OK

    entered = client.post(asked["Location"], {"code": totp_code(secret)})

    assert entered["Location"] == "/da/council/"
    assert client.get("/da/council/").status_code == HTTPStatus.OK


def test_t32_staff_sign_in_through_allauth_needs_the_code():
    staff, secret = _staff_with_code()
    client = Client()
    after_password = client.post(
        LOGIN, {"login": staff.email, "password": PASSWORD, "next": "/admin/users/"}
    )
    assert after_password["Location"] == "/da/accounts/2fa/authenticate/"
    assert client.get("/admin/users/").status_code == HTTPStatus.FOUND

    client.post("/da/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    assert client.get("/admin/users/").status_code == HTTPStatus.OK


# --- lockout and verification hold everywhere ------------------------------


def test_t32_a_locked_account_cannot_sign_in_anywhere():
    """Forty wrong passwords, then the right one: refused at allauth's login
    (its login_failed limit) and at every former door."""
    staff, _secret = _staff_with_code()
    wave = WaveFactory()
    for attempt in range(40):
        door = [LOGIN, *FORMER_DOORS][attempt % (len(FORMER_DOORS) + 1)]
        Client().post(
            door, {"login": staff.email, "username": staff.email, "password": "x"}
        )

    for door in [LOGIN, *FORMER_DOORS]:
        client = Client()
        response = client.post(
            door,
            {"login": staff.email, "username": staff.email, "password": PASSWORD},
        )
        assert "_auth_user_id" not in client.session, door
        assert response.get("Location") != "/da/accounts/2fa/authenticate/", door
        _nothing_staff_or_council_opens(client, wave)


def test_t32_an_unverified_address_opens_nothing():
    user = UserFactory(verified=False)
    RepresentationFactory(user=user)
    client = Client()

    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    # A session made some other way is ended at its first request.
    password_only_login(client, user)
    response = client.get("/da/associations/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


# --- rate limits behind a proxy ---------------------------------------------


def _failures_then_login(victim_ip: str, other_ip: str):
    """Ten failures from one resident's address, then another person's right
    password; both come through the same proxy (REMOTE_ADDR)."""
    proxy = "10.0.0.2"
    other = UserFactory()
    for n in range(10):
        Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=victim_ip).post(
            LOGIN, {"login": f"nobody{n}@example.org", "password": "x"}
        )
    client = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=other_ip)
    client.post(LOGIN, {"login": other.email, "password": PASSWORD})
    return client.session.get("_auth_user_id") == str(other.pk)


def test_t32_one_persons_failures_do_not_lock_out_another_behind_a_proxy():
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1):
        assert _failures_then_login("198.51.100.7", "198.51.100.8")
        cache.clear()
        # The limit still counts per person: the same address stays limited.
        assert not _failures_then_login("198.51.100.9", "198.51.100.9")


def test_t32_without_the_setting_everyone_behind_the_proxy_is_one_address():
    """Why ALLAUTH_TRUSTED_PROXY_COUNT must be set behind a proxy
    (docs/DEPLOY.md): unset, the proxy's address is everyone's."""
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    assert not _failures_then_login("198.51.100.7", "198.51.100.8")


# --- passwords and e-mail addresses are allauth's too ------------------------


def test_t32_the_admin_has_no_password_reset_of_its_own():
    from django.core import mail

    staff, _secret = _staff_with_code()
    response = Client().post(
        "/admin/password_reset/", {"email": staff.email}, follow=True
    )
    # Wagtail's view answers 404; the language middleware then tries the
    # address under /da/, which is no page either.
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not mail.outbox


def test_t32_the_admin_account_page_changes_no_password_or_address(client):
    staff, _secret = _staff_with_code()
    client.force_login(staff)
    page = client.get("/admin/account/").content.decode()
    assert 'name="email' not in page
    assert "new_password1" not in page
    assert 'name="password' not in page
