"""Who may do what in the participation area (SPEC §4.5, least privilege).

Roles: a representative is a user with at least one approved
Representation; a council member is in the "Council members" group; staff
are Wagtail users (``is_staff``). Everything else follows from these three.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from participation.associations.models import Association, Representation, Status

COUNCIL_GROUP = "Council members"


def is_council_member(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return user.groups.filter(name=COUNCIL_GROUP).exists()


def is_staff(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def needs_mfa(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff and council members must use a second factor."""
    return is_staff(user) or is_council_member(user)


def associations_of(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Association]:
    """The approved associations and boards ``user`` is an approved
    representative of: the only ones they may see or edit."""
    if not user.is_authenticated:
        return Association.objects.none()
    return Association.objects.filter(
        status=Status.APPROVED,
        representations__user=user,
        representations__status=Status.APPROVED,
    ).select_related("neighbourhood")


def association_for(user, public_id) -> Association:
    """The association with ``public_id`` if ``user`` represents it; 404
    otherwise, so that a stranger cannot tell whether it exists (T19)."""
    try:
        return associations_of(user).get(public_id=public_id)
    except Association.DoesNotExist:
        raise Http404 from None


def pending_requests_of(user) -> QuerySet[Representation]:
    return (
        Representation.objects.filter(user=user)
        .exclude(status=Status.APPROVED, association__status=Status.APPROVED)
        .select_related("association")
    )


def user_display(user) -> str:
    """How allauth names a signed-in person in its messages."""
    return user.email
