"""Form nonces and receipt codes.

A survey form carries a signed, timestamped random nonce. The receipt code a
resident gets on the thank-you page is a keyed hash of that nonce, so a
replayed post of the same form yields the same receipt, and the stored
receipt hash makes the submission idempotent. Neither says anything about the
person. Invitation codes (surveys/invitations.py) use the same readable
alphabet. Pure apart from reading two settings.
"""

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core import signing

_NONCE_SALT = "medborger.survey.nonce"
# Crockford's base32: no I, L, O or U, so a code read aloud or typed from a
# letter is hard to get wrong.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
RECEIPT_LENGTH = 12


class NonceError(Exception):
    """The form's nonce is missing, forged or too old."""


def new_nonce() -> str:
    """A fresh signed nonce for a survey form that is starting."""
    return signing.TimestampSigner(salt=_NONCE_SALT).sign(secrets.token_urlsafe(16))


def nonce_token(nonce: str) -> str:
    """The random token inside a signed nonce; NonceError if it is not valid."""
    try:
        return signing.TimestampSigner(salt=_NONCE_SALT).unsign(
            nonce or "", max_age=settings.SURVEY_NONCE_MAX_AGE
        )
    except signing.BadSignature as error:  # SignatureExpired is a subclass
        raise NonceError from error


def nonce_age(nonce: str) -> float:
    """Seconds since a (valid) nonce was made."""
    timestamp = signing.b62_decode(nonce.rsplit(signing.Signer().sep, 2)[1])
    return time.time() - timestamp


def _key() -> bytes:
    return settings.SURVEY_RECEIPT_KEY.encode()


def receipt_for(token: str) -> str:
    """The receipt code for a form's nonce token, e.g. 'K7QM-4XPA-9D2F'."""
    digest = hmac.new(_key(), b"receipt:" + token.encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(RECEIPT_LENGTH):
        number, index = divmod(number, 32)
        chars.append(_ALPHABET[index])
    code = "".join(chars)
    return "-".join(code[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def random_code(length: int = RECEIPT_LENGTH) -> str:
    """A random code of `length` characters from the readable alphabet,
    grouped by four with hyphens, e.g. 'K7QM-4XPA-9D2F' (5 bits a character)."""
    code = "".join(secrets.choice(_ALPHABET) for _ in range(length))
    return "-".join(code[i : i + 4] for i in range(0, length, 4))


def normalise_code(text: str, *, length: int = RECEIPT_LENGTH) -> str:
    """What a person typed (any case, spaces, hyphens, O for 0 ...) as the
    canonical `length` characters, or '' if it cannot be such a code."""
    cleaned = "".join(
        ch for ch in (text or "").upper() if ch.isascii() and ch.isalnum()
    )
    cleaned = cleaned.translate(_CONFUSABLE)
    if len(cleaned) != length or any(ch not in _ALPHABET for ch in cleaned):
        return ""
    return cleaned


def normalise_receipt(text: str) -> str:
    """What a resident typed, as the canonical 12 characters (or '')."""
    return normalise_code(text, length=RECEIPT_LENGTH)


def receipt_hash(receipt: str) -> str:
    """Keyed hash stored on the response; '' for a malformed receipt."""
    canonical = normalise_receipt(receipt)
    if not canonical:
        return ""
    return hmac.new(_key(), b"hash:" + canonical.encode(), hashlib.sha256).hexdigest()
