"""Single-use invitation codes that cannot be linked to answers (SPEC §4.1).

Staff generate codes for a wave and download them once, as CSV for a letter
merge (Digital Post). Only a keyed hash of each code is stored, with its
wave. A resident types the code on the consent step; it then rides along
the steps as a signed hidden input bound to that form's nonce (never in a
URL, never on the server between steps), and the response is stored in the
same transaction that deletes the code's row and puts the response in the
pool (surveys/services.py, surveys/pool.py): a used code leaves nothing
behind, not even a flag. The response is stored later, in a mixed batch of
another transaction, and the pool job rewrites this table and the pool's
(``VACUUM FULL``), so no column, system column (PostgreSQL's xmin/xmax),
dead tuple or row order joins a code to its response. The codes are stored
in a random order, not the letters'. A conditional DELETE makes two
simultaneous posts of one code store one response.

Since a used code is gone, a used code and an unknown one look the same and
get the same message.
"""

import csv
import hashlib
import hmac
import io
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from config.csvsafe import neutralise
from surveys.models import Invitation, Wave
from surveys.receipts import RECEIPT_LENGTH, normalise_code, random_code

CODE_LENGTH = RECEIPT_LENGTH
MAX_PER_BATCH = 100_000
_CARRY_SALT = "medborger.survey.invitation"

# What a resident can be told about a code (shown next to the field).
CODE_REQUIRED = _("Please type the code from your invitation letter.")
CODE_MALFORMED = _(
    "This does not look like an invitation code. It has 12 letters and "
    "digits, like K7QM-4XPA-9D2F."
)
CODE_REFUSED = _(
    "We cannot accept this invitation code: we do not know it, or it has "
    "already been used (each code can send answers once). Please check that "
    "you typed it as it is printed in your letter."
)


class InvitationRefused(Exception):
    """The code is not (or no longer) one of the wave's codes."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _key() -> bytes:
    return settings.SURVEY_RECEIPT_KEY.encode()


def code_hash(code: str) -> str:
    """Keyed hash of a code as stored; '' if `code` cannot be a code."""
    canonical = normalise_code(code, length=CODE_LENGTH)
    if not canonical:
        return ""
    message = b"invitation:" + canonical.encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def invitations_generate(*, wave: Wave, number: int) -> list[str]:
    """Make `number` new codes for `wave`; returns the codes in clear.

    This is the only moment the codes exist in clear: the caller hands them
    to staff once (invitations_csv) and they are never shown again. The
    rows are written in one transaction, all or none, in a random order
    unrelated to the order returned (the letters' order).
    """
    if not 1 <= number <= MAX_PER_BATCH:
        raise ValueError(f"number must be from 1 to {MAX_PER_BATCH}")
    for _attempt in range(3):
        codes: dict[str, str] = {}
        while len(codes) < number:
            code = random_code(CODE_LENGTH)
            codes[code_hash(code)] = code
        # Stored in an order of their own: the letters' CSV keeps the order
        # returned, so neither the ids nor the rows' places on disk say
        # which letter a code went out in.
        stored = list(codes)
        secrets.SystemRandom().shuffle(stored)
        try:
            with transaction.atomic():
                Invitation.objects.bulk_create(
                    [Invitation(wave=wave, code_hash=digest) for digest in stored],
                    batch_size=1000,
                )
        except IntegrityError:  # a clash with an older code: 60 bits, but still
            continue
        return list(codes.values())
    raise RuntimeError("could not make unique invitation codes")


def invitations_csv(*, wave: Wave, codes: list[str]) -> str:
    """The codes as CSV for a letter merge: one row per letter.

    Codes are letters, digits and hyphens and never start with a hyphen, so
    they need no neutralising; the wave and survey codes are slugs, which
    may start with a hyphen, so they pass through config.csvsafe.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["code", "survey", "wave"])
    survey, wave_code = neutralise(wave.survey.code), neutralise(wave.code)
    writer.writerows([code, survey, wave_code] for code in codes)
    return out.getvalue()


def invitation_check(*, wave: Wave, code: str) -> str:
    """The hash of a code a resident typed, if it may still be used for
    `wave`; raises InvitationRefused with the message to show otherwise."""
    if not (code or "").strip():
        raise InvitationRefused(CODE_REQUIRED)
    digest = code_hash(code)
    if not digest:
        raise InvitationRefused(CODE_MALFORMED)
    if not Invitation.objects.filter(wave=wave, code_hash=digest).exists():
        raise InvitationRefused(CODE_REFUSED)
    return digest


def invitation_use(*, wave: Wave, digest: str) -> None:
    """Use up the code with hash `digest`: delete its row. Call inside the
    transaction that stores the response; raises InvitationRefused if the
    code is not (or no longer) there.

    A conditional DELETE, not read-then-write: two transactions using one
    code at once both reach this statement, the second waits for the
    first's row lock and then finds no row, so only one succeeds.
    """
    deleted, _per_model = Invitation.objects.filter(
        wave=wave, code_hash=digest
    ).delete()
    if deleted != 1:
        raise InvitationRefused(CODE_REFUSED)


def _carry_signer(nonce_token: str) -> signing.Signer:
    # Bound to the form's nonce token: a carried code from one form is
    # worthless in another (and the nonce itself expires).
    return signing.Signer(salt=f"{_CARRY_SALT}:{nonce_token}")


def carry(*, digest: str, nonce_token: str) -> str:
    """The accepted code's hash, signed for this form, for a hidden input
    that rides along the steps (the code itself never does)."""
    return _carry_signer(nonce_token).sign(digest)


def carried(*, value: str, nonce_token: str) -> str:
    """The hash from a hidden input made by carry() for this form; '' when
    it is missing, forged or from another form."""
    try:
        digest = _carry_signer(nonce_token).unsign(value or "")
    except signing.BadSignature:
        return ""
    return digest if len(digest) == 64 and digest.isalnum() else ""
