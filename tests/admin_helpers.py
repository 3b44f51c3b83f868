"""Helpers for tests of our pages in the Wagtail admin."""

from http import HTTPStatus

from django.contrib.auth.models import Permission
from wagtail.users.models import UserProfile

from tests.participation.factories import UserFactory


def refused(response) -> bool:
    """Wagtail answers a missing permission by sending the user to the
    dashboard with a message."""
    return (
        response.status_code == HTTPStatus.FOUND and response["Location"] == "/admin/"
    )


def speaks_english(user) -> None:
    """The admin speaks English to ``user``, so the assertions read the same
    whatever the Danish catalogue says."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def staff_with(client, *codenames, app_label="surveys"):
    """Sign `client` in as staff with admin access, an English admin and
    these permissions of `app_label`; returns the user."""
    user = UserFactory(is_staff=True, totp=True)
    speaks_english(user)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ),
    )
    client.force_login(user)
    return user
