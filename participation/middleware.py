"""Staff and council members must use a second factor (issue 4 §1, T21).

Someone for whom participation.access.needs_mfa() holds and who has no TOTP
authenticator is sent to allauth's TOTP set-up page from every URL except
allauth's own account and MFA pages, logout, static and media files. Once an
authenticator exists, allauth asks for its code at every login.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from participation.access import needs_mfa

# Logout views outside allauth (the Wagtail admin's own sign-out button).
OPEN_URL_NAMES = frozenset({"wagtailadmin_logout", "healthz"})


def _is_open(path: str) -> bool:
    """Whether ``path`` stays reachable before MFA is set up."""
    prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
    if prefixes and path.startswith(prefixes):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    view = getattr(match.func, "view_class", match.func)
    return view.__module__.startswith("allauth.") or match.url_name in OPEN_URL_NAMES


class RequireMFAMiddleware:
    """Must come after allauth's AccountMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not _is_open(request.path_info)
            and needs_mfa(user)
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.warning(
                request,
                _(
                    "Staff and council members must use two-factor "
                    "authentication. Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
