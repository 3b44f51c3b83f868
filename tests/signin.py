"""Signing people in for tests as allauth's door would (SPEC §4.5).

Django's ``Client.force_login`` makes a session that no sign-in step wrote.
participation/associations/middleware.py checks allauth's authentication records of the
session, so a staff or council member signed in that way alone would be sent
to the code step. ``complete_sign_in`` writes the records a full sign-in
leaves: a password step and, for a user with an authenticator, its code.
tests/conftest.py applies it after every ``force_login``; a test that needs
a password-only session uses ``password_only_login``.
"""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from django.test.client import ClientMixin

_force_login = ClientMixin.force_login


def _records(user, *, second_factor: bool) -> list[dict]:
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    authenticator = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).first()
    if second_factor and authenticator is not None:
        records.append(
            {"method": "mfa", "at": now, "id": authenticator.pk, "type": "totp"}
        )
    return records


def _write(client, user, records: list[dict]) -> None:
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def complete_sign_in(client, user, backend=None) -> None:
    """``client.force_login(user)`` plus the records of allauth's password
    and code steps, as after a real sign-in."""
    _force_login(client, user, backend)
    _write(client, user, _records(user, second_factor=True))


def password_only_login(client, user, backend=None) -> None:
    """A session that passed the password but never the code: what a
    login view other than allauth's used to leave behind."""
    _force_login(client, user, backend)
    _write(client, user, _records(user, second_factor=False))
