"""One door in (SPEC §4.5, TESTPLAN T21 and T32): a signed-in session reaches
the site only as far as allauth's sign-in would have let it.

allauth's login is the only sign-in (config/urls.py sends every other login
address to it), and it asks for the e-mail's verification and, when the user
has an authenticator, for its code. This middleware is the second line: it
does not trust that a session was made by that door, and checks each request
of a signed-in person against what the door demands.

- A person whose e-mail address is not verified is signed out and sent to
  allauth's login, which sends the verification mail.
- Staff and council members (participation.associations.access.needs_mfa) without a TOTP
  authenticator are sent to set one up; only allauth's account pages, logout
  and static files stay open to them.
- Staff and council members with an authenticator must have passed it *in
  this session*: allauth's authentication records (kept in the session at
  each sign-in step) must hold an "mfa" step. A session that signed in with
  a password alone is sent to allauth's code step (mfa_reauthenticate) from
  every page but logout, with ``next`` back to where it was going.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.utils import has_verified_email
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from participation.associations.access import needs_mfa

# Open to a session that owes its second factor: the code step itself and
# the ways out (allauth's and the Wagtail admin's sign-out).
CODE_STEP_URL_NAMES = frozenset(
    {"mfa_reauthenticate", "account_logout", "wagtailadmin_logout", "healthz"}
)
# Open to staff and council members who have no authenticator yet: every
# allauth page (setting one up needs reauthentication and the recovery codes
# page; config/views.py's set-up page is allauth's own) and the same ways out.
SETUP_URL_NAMES = frozenset({"mfa_activate_totp", "wagtailadmin_logout", "healthz"})


def _match(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


def _is_static(path: str) -> bool:
    prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
    return bool(prefixes) and path.startswith(prefixes)


def _open_before_setup(path: str) -> bool:
    """Whether ``path`` stays reachable before an authenticator is set up."""
    if _is_static(path):
        return True
    match = _match(path)
    if match is None:
        return False
    view = getattr(match.func, "view_class", match.func)
    return view.__module__.startswith("allauth.") or match.url_name in SETUP_URL_NAMES


def _open_before_code(path: str) -> bool:
    """Whether ``path`` stays reachable before this session's second factor."""
    if _is_static(path):
        return True
    match = _match(path)
    return match is not None and match.url_name in CODE_STEP_URL_NAMES


def passed_second_factor(request) -> bool:
    """Whether this session entered a code of the user's authenticator (at
    sign-in, at reauthentication or when setting the authenticator up)."""
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


class RequireMFAMiddleware:
    """Must come after allauth's AccountMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            refused = self.refuse(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def refuse(self, request):
        """Where a signed-in request must go instead, or None to let it in."""
        user, path = request.user, request.path_info
        if not has_verified_email(user):
            # allauth never signs such a person in; a session that has one
            # came through some other door. The login sends the mail.
            logout(request)
            return redirect_to_login(request.get_full_path())
        if not needs_mfa(user):
            return None
        has_totp = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
        if not has_totp:
            if _open_before_setup(path):
                return None
            messages.warning(
                request,
                _(
                    "Staff and council members must use two-factor "
                    "authentication. Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        if passed_second_factor(request) or _open_before_code(path):
            return None
        messages.warning(
            request,
            _("Enter the code from your authenticator app to continue."),
        )
        return redirect(
            f"{reverse('mfa_reauthenticate')}?"
            f"{urlencode({'next': request.get_full_path()})}"
        )
