"""Site-wide request handling: the resident's remembered language, the
time limits on a signed-in session, and the Content-Security-Policy."""

import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation
from django.utils.translation import gettext as _


class RememberLanguageMiddleware:
    """Keeps a resident's language choice: the language of the last page they
    opened under /<code>/ is remembered in the language cookie, so that `/`
    sends them back to it next time."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        response = self.get_response(request)
        code = translation.get_language_from_path(request.path_info)
        if (
            code in self.codes
            and response.status_code < 400
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != code
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                code,
                max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
                samesite="Lax",
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response


class SessionTimeoutMiddleware:
    """Ends a signed-in session after SESSION_IDLE_TIMEOUT seconds without a
    request, and in any case SESSION_COOKIE_AGE seconds after sign-in
    (TESTPLAN T21). Django's own expiry moves whenever the session is saved,
    so it alone is not an absolute limit. Anonymous sessions are untouched.

    The last-seen time is written at most once a minute, so an active
    session is not saved on every request."""

    STARTED = "_auth_started"
    SEEN = "_auth_seen"
    SEEN_RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(self.STARTED, now)
            seen = session.get(self.SEEN, now)
            if (
                now - started > settings.SESSION_COOKIE_AGE
                or now - seen > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(
                    request, _("Your session has ended. Please sign in again.")
                )
                return redirect_to_login(request.get_full_path())
            if now - seen >= self.SEEN_RESOLUTION or self.SEEN not in session:
                session[self.SEEN] = now
        return self.get_response(request)


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy of settings.CONTENT_SECURITY_POLICY everywhere; in
    the Wagtail admin only, the additions its own pages need (inline
    scripts and styles, data: images, framing its previews), never
    ``unsafe-eval`` and never anything for object-src or base-uri."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(
            settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIX
        ):
            parts.update = {
                **settings.CONTENT_SECURITY_POLICY_ADMIN_UPDATE,
                **(parts.update or {}),
            }
            parts.replace = {
                **settings.CONTENT_SECURITY_POLICY_ADMIN_REPLACE,
                **(parts.replace or {}),
            }
        return parts
