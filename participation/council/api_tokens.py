"""Keys to the council endpoints of the open API (/api/v1/council/...).

A council member or a staff member makes a token on /<code>/council/tokens/
and is shown its key once; only the key's SHA-256 is stored (the key is 256
random bits, so a plain hash is as good as a slow one, and rotating
SECRET_KEY does not lock every client out). A token acts with its user's
role at the moment of each request: a user who left the council, lost staff
status or was made inactive gets nothing with an old key.

Writes: :func:`api_token_create`, :func:`api_token_revoke`. Reads:
:func:`api_token_user`, :func:`api_tokens_of`, :func:`may_use_api`.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.associations.access import is_council_member, is_staff
from participation.council.models import ApiToken

#: Every key starts with this, so a key pasted into the wrong place (a chat,
#: a public repository) is easy to recognise and search for.
KEY_PREFIX = "mbr_"
#: The most unrevoked tokens one person may hold.
MAX_ACTIVE_TOKENS = 10


def key_hash(key: str) -> str:
    """The stored form of ``key``: its SHA-256 in hex (64 characters)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def may_use_api(user) -> bool:
    """Whether ``user`` may hold tokens and use the council endpoints now:
    active, and a council member or staff."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (is_council_member(user) or is_staff(user))
    )


def api_tokens_of(user) -> QuerySet[ApiToken]:
    """``user``'s tokens, newest first, revoked ones included."""
    return ApiToken.objects.filter(user=user).order_by("-pk")


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Make a token called ``name`` for ``user``; returns it and its key,
    which is never stored and cannot be shown again. Raises PermissionDenied
    for anyone but an active council member or staff, ValidationError for a
    bad name or when ``user`` already holds MAX_ACTIVE_TOKENS tokens."""
    if not may_use_api(user):
        raise PermissionDenied
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        active = (
            ApiToken.objects.select_for_update()
            .filter(user=user, revoked_on__isnull=True)
            .count()
        )
        if active >= MAX_ACTIVE_TOKENS:
            raise ValidationError(
                _(
                    "You already have %(max)s tokens in use. Revoke one you no "
                    "longer need before making a new one."
                ),
                code="too_many",
                params={"max": MAX_ACTIVE_TOKENS},
            )
        token = ApiToken(user=user, name=name.strip(), key_hash=key_hash(key))
        token.full_clean()
        token.save()
    return token, key


def api_token_revoke(*, user, token_id: int) -> ApiToken:
    """Revoke ``user``'s token ``token_id`` from today on; revoking it again
    changes nothing. Raises ApiToken.DoesNotExist for a token that is not
    ``user``'s, so nobody can revoke, or learn of, another person's token."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
        if token.revoked_on is None:
            token.revoked_on = timezone.localdate()
            token.full_clean()
            token.save(update_fields=["revoked_on"])
    return token


def api_token_user(*, key: str):
    """The user an unrevoked token with ``key`` belongs to, or None for an
    unknown, revoked or malformed key. Says nothing about the user's role:
    check :func:`may_use_api` on the result."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    token = (
        ApiToken.objects.filter(key_hash=key_hash(key), revoked_on__isnull=True)
        .select_related("user")
        .first()
    )
    return token.user if token else None
