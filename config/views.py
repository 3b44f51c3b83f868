"""Operational endpoints that sit outside the language tree, and the one
change to allauth's sign-in pages."""

from http import HTTPStatus

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import views as totp_views
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 when the application and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(
            "database unavailable",
            status=HTTPStatus.SERVICE_UNAVAILABLE,
            content_type="text/plain",
        )
    return HttpResponse("ok", content_type="text/plain")


class ActivateTOTPView(totp_views.ActivateTOTPView):
    """allauth's set-up of a TOTP authenticator, which also counts as this
    session's second factor: the person has just typed a code of the new
    authenticator, as the code step at sign-in would ask. Without this, staff
    who set up their app would be asked for a second code at once
    (participation.associations.middleware.RequireMFAMiddleware).

    allauth records sign-in steps with record_authentication (an internal
    function; the exact pin in requirements.txt and
    tests/security/test_t32_one_door.py guard its use)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        authenticator = Authenticator.objects.get(
            user=self.request.user, type=Authenticator.Type.TOTP
        )
        record_authentication(
            self.request,
            self.request.user,
            "mfa",
            id=authenticator.pk,
            type=authenticator.type,
        )
        return response
