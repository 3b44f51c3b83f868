"""T20 (brute force and enumeration) and T21 (session lifecycle, MFA for
privileged roles) against the real allauth views, as a browser would use
them: /<code>/accounts/... and /admin/.

Rate limits count in Django's cache; these tests use a local-memory cache
(a real one, unlike DummyCache), emptied before each test.
"""

import time
from http import HTTPStatus

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.translation import override

from config.middleware import SessionTimeoutMiddleware
from tests.participation.factories import (
    PASSWORD,
    RepresentationFactory,
    UserFactory,
    give_totp,
    totp_code,
)

pytestmark = pytest.mark.django_db

LOGIN = "/da/accounts/login/"
LOGOUT = "/da/accounts/logout/"
ASSOCIATIONS = "/da/associations/"
TOTP_SETUP = "/da/accounts/2fa/totp/activate/"
MFA_AUTHENTICATE = "/da/accounts/2fa/authenticate/"
REAUTHENTICATE = "/da/accounts/reauthenticate/"
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def real_cache():
    # A code used once may not be used again within its period, so the cache
    # that remembers used codes must be as real as the rate limits'.
    with override_settings(CACHES=LOCMEM, MFA_TOTP_TOLERANCE=1):
        cache.clear()
        yield
        cache.clear()


def login(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password, **extra})


def form_errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].non_field_errors()]


def allauth_message(code: str) -> str:
    """allauth's own wording (in Danish, the language of these URLs)."""
    with override("da"):
        return str(DefaultAccountAdapter.error_messages[code])


MISMATCH = "email_password_mismatch"
TOO_MANY = "too_many_login_attempts"


def reauthenticate(client, password=PASSWORD):
    """allauth asks for the password again before a second factor is added,
    then returns to the set-up page."""
    return client.post(REAUTHENTICATE, {"password": password, "next": TOTP_SETUP})


def session_key(client) -> str | None:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie else None


# --- T20: brute force ---------------------------------------------------------


def test_t20_six_wrong_passwords_lock_the_account_even_for_the_right_one():
    """T20: after five failures for one e-mail, allauth's login_failed limit
    ("5/300s/key") refuses the sixth try, right password or not."""
    user = UserFactory()
    client = Client()
    for _attempt in range(5):
        wrong = login(client, user.email, "not the password")
        assert wrong.status_code == HTTPStatus.OK
        assert form_errors(wrong) == [allauth_message(MISMATCH)]

    sixth = login(client, user.email, "still not the password")
    right = login(client, user.email)

    for response in (sixth, right):
        assert response.status_code == HTTPStatus.OK
        assert form_errors(response) == [allauth_message(TOO_MANY)]
    assert "_auth_user_id" not in client.session


def test_t20_the_lock_is_per_account():
    """T20: a locked account does not lock out its neighbour."""
    victim, other = UserFactory(), UserFactory()
    client = Client()
    for _attempt in range(6):
        login(client, victim.email, "guess")
    response = login(client, other.email)
    assert response.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"] == str(other.pk)


def test_t20_eleven_failures_from_one_address_are_refused():
    """T20: "10/m/ip" stops one address trying many accounts."""
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(10):
        assert form_errors(login(client, f"nobody{n}@example.org", "x")) == [
            allauth_message(MISMATCH)
        ]
    user = UserFactory()
    eleventh = login(client, user.email)
    assert form_errors(eleventh) == [allauth_message(TOO_MANY)]


def test_t20_admin_login_is_allauths_and_has_the_same_limits():
    """T20: /admin/ has no login form of its own, so the same limits hold."""
    client = Client()
    assert client.get("/admin/")["Location"].startswith(LOGIN)
    assert client.get("/admin/login/")["Location"].startswith(LOGIN)


# --- T20: enumeration ---------------------------------------------------------


def test_t20_login_says_the_same_for_unknown_and_known_addresses():
    UserFactory(email="known@example.org")
    known = login(Client(), "known@example.org", "wrong")
    unknown = login(Client(), "unknown@example.org", "wrong")
    assert known.status_code == unknown.status_code == HTTPStatus.OK
    assert form_errors(known) == form_errors(unknown)
    assert form_errors(known)


def test_t20_password_reset_answers_alike_for_unknown_and_known_addresses():
    UserFactory(email="known@example.org")
    answers = []
    for email in ("known@example.org", "unknown@example.org"):
        client = Client()
        response = client.post("/da/accounts/password/reset/", {"email": email})
        answers.append(
            (
                response.status_code,
                response["Location"],
                client.get(response["Location"]).content,
            )
        )
    assert answers[0] == answers[1]
    assert answers[0][0] == HTTPStatus.FOUND
    # Both addresses get a mail; only the owner of the account can tell them apart.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "known@example.org",
        "unknown@example.org",
    ]


def test_t20_signup_answers_alike_for_a_taken_and_a_new_address():
    UserFactory(email="taken@example.org")
    answers = []
    for email in ("taken@example.org", "new@example.org"):
        client = Client()
        response = client.post(
            "/da/accounts/signup/",
            {
                "email": email,
                "password1": "Vestbyen-2025-kaffe",
                "password2": "Vestbyen-2025-kaffe",
            },
        )
        answers.append((response.status_code, response.get("Location")))
    assert answers[0] == answers[1]
    assert answers[0][0] == HTTPStatus.FOUND


# --- T21: session lifecycle -------------------------------------------------------


def test_t21_the_session_key_changes_at_login():
    """T21: a session id planted before login (fixation) is useless after it."""
    planted = SessionStore()
    planted["planted"] = True
    planted.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    user = UserFactory()

    response = login(client, user.email)

    assert response.status_code == HTTPStatus.FOUND
    assert session_key(client) not in (None, planted.session_key)
    assert not SessionStore().exists(planted.session_key)
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    assert attacker.get(ASSOCIATIONS).status_code == HTTPStatus.FOUND


def test_t21_logout_is_post_only_and_kills_the_old_session():
    user = UserFactory()
    client = Client()
    login(client, user.email)
    old_key = session_key(client)
    assert client.get(ASSOCIATIONS).status_code == HTTPStatus.OK

    # A link (GET) only shows the confirmation; the session lives on.
    assert client.get(LOGOUT).status_code == HTTPStatus.OK
    assert client.get(ASSOCIATIONS).status_code == HTTPStatus.OK

    assert client.post(LOGOUT).status_code == HTTPStatus.FOUND
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get(ASSOCIATIONS)
    assert response.status_code == HTTPStatus.FOUND
    assert LOGIN in response["Location"]
    assert not SessionStore().exists(old_key)


def test_t21_a_deactivated_users_session_is_dead():
    user = UserFactory()
    client = Client()
    login(client, user.email)
    assert client.get(ASSOCIATIONS).status_code == HTTPStatus.OK

    user.is_active = False
    user.save()

    response = client.get(ASSOCIATIONS)
    assert response.status_code == HTTPStatus.FOUND
    assert LOGIN in response["Location"]


@pytest.mark.parametrize(
    ("key", "age"),
    [
        pytest.param(SessionTimeoutMiddleware.STARTED, 8 * 3600 + 1, id="absolute"),
        pytest.param(SessionTimeoutMiddleware.SEEN, 3600 + 1, id="idle"),
    ],
)
def test_t21_sessions_time_out(key, age):
    """T21: 8 hours after sign-in, or 1 hour without a request, the session
    ends; the person is asked to sign in again."""
    user = UserFactory()
    client = Client()
    login(client, user.email)
    assert client.get(ASSOCIATIONS).status_code == HTTPStatus.OK
    old_key = session_key(client)
    session = client.session
    session[key] = int(time.time()) - age
    session.save()

    response = client.get(ASSOCIATIONS)

    assert response.status_code == HTTPStatus.FOUND
    assert LOGIN in response["Location"]
    assert not SessionStore().exists(old_key)
    assert client.get(ASSOCIATIONS).status_code == HTTPStatus.FOUND


def test_t21_an_active_session_within_the_limits_lives_on():
    user = UserFactory()
    client = Client()
    login(client, user.email)
    session = client.session
    session[SessionTimeoutMiddleware.STARTED] = int(time.time()) - 7 * 3600
    session[SessionTimeoutMiddleware.SEEN] = int(time.time()) - 50 * 60
    session.save()
    assert client.get(ASSOCIATIONS).status_code == HTTPStatus.OK


# --- T21: MFA for staff and council members -----------------------------------


@pytest.mark.parametrize(
    ("who", "paths"),
    [
        pytest.param({"superuser": True}, ["/admin/", ASSOCIATIONS], id="staff"),
        pytest.param(
            {"council": True}, [ASSOCIATIONS, "/en/associations/"], id="council"
        ),
    ],
)
def test_t21_privileged_users_without_totp_are_sent_to_set_it_up(client, who, paths):
    user = UserFactory(**who)
    client.force_login(user)

    for path in paths:
        response = client.get(path)
        assert response.status_code == HTTPStatus.FOUND, path
        assert response["Location"].endswith("/accounts/2fa/totp/activate/"), path
    # A POST is turned away as well, and the account pages stay open.
    assert client.post(ASSOCIATIONS).status_code == HTTPStatus.FOUND
    assert client.get("/da/accounts/2fa/").status_code == HTTPStatus.OK
    assert client.get(LOGOUT).status_code == HTTPStatus.OK

    # An authenticator made elsewhere is not this session's second factor:
    # the code step comes first (T32), then the page.
    secret = give_totp(user)
    asked = client.get(paths[0])
    assert asked["Location"].startswith("/da/accounts/2fa/reauthenticate/")
    client.post(asked["Location"], {"code": totp_code(secret)})
    assert client.get(paths[0]).status_code == HTTPStatus.OK


def test_t21_a_representative_without_totp_is_not_forced():
    user = UserFactory()
    RepresentationFactory(user=user)
    client = Client()
    login(client, user.email)
    assert client.get(ASSOCIATIONS).status_code == HTTPStatus.OK


def test_t21_staff_login_to_the_admin_goes_through_allauth_then_the_code():
    """T21: with an authenticator, the password alone does not open /admin/."""
    staff = UserFactory(superuser=True)
    secret = give_totp(staff)
    client = Client()

    to_login = client.get("/admin/")
    assert to_login["Location"].startswith(LOGIN)
    after_password = login(client, staff.email, next="/admin/")
    assert after_password.status_code == HTTPStatus.FOUND
    assert after_password["Location"] == MFA_AUTHENTICATE
    assert client.get("/admin/")["Location"].startswith(LOGIN)  # not signed in yet

    wrong = client.post(MFA_AUTHENTICATE, {"code": "000000"})
    assert wrong.status_code == HTTPStatus.OK
    after_code = client.post(MFA_AUTHENTICATE, {"code": totp_code(secret)})

    assert after_code.status_code == HTTPStatus.FOUND
    assert after_code["Location"] == "/admin/"
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_t21_staff_without_totp_set_it_up_right_after_the_password():
    staff = UserFactory(superuser=True)
    client = Client()

    response = login(client, staff.email, next="/admin/")
    assert response["Location"] == "/admin/"
    asked = client.get("/admin/", follow=True)
    assert asked.redirect_chain[0][0] == TOTP_SETUP
    assert asked.redirect_chain[-1][0].startswith(REAUTHENTICATE)
    assert asked.status_code == HTTPStatus.OK
    assert list(asked.context["messages"])  # says why
    assert reauthenticate(client)["Location"] == TOTP_SETUP
    assert client.get(TOTP_SETUP).status_code == HTTPStatus.OK
    secret = client.session[SECRET_SESSION_KEY]

    activated = client.post(TOTP_SETUP, {"code": totp_code(secret)})

    assert activated.status_code == HTTPStatus.FOUND
    assert Authenticator.objects.filter(
        user=staff, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_t21_the_setup_page_draws_its_qr_code_inline():
    """The QR code needs no data: image, which the CSP would block."""
    staff = UserFactory(superuser=True)
    client = Client()
    login(client, staff.email)
    reauthenticate(client)
    with override("da"):
        page = client.get(reverse("mfa_activate_totp"))
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert "<svg" in html
    assert "data:image" not in html
    assert "img-src" not in page.get("Content-Security-Policy", "")
