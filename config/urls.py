"""URL map (SPEC §6). Everything a person reads sits under /<code>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.views import ActivateTOTPView, healthz

# One door in (SPEC §4.5): every address a login view of Wagtail or Django
# would answer sends the visitor to allauth's login instead, with the same
# query (?next=...). tests/security/test_t32_one_door.py walks every URL
# pattern and fails on a login view that is not allauth's.
to_allauth_login = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Staff sign in through allauth like everyone else.
    path("admin/login/", to_allauth_login),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The open API and its schema (/api/v1/openapi.json): one address in
    # every language, so outside the language prefix. participation.council.api
    # mounts api.urls at api/v1/, and answers other api/v1/ paths with 404.
    path("", include("participation.council.api")),
]

urlpatterns += i18n_patterns(
    # Setting up an authenticator proves its code in this session, as the
    # code step at sign-in does (participation/associations/middleware.py).
    path(
        "accounts/2fa/totp/activate/",
        ActivateTOTPView.as_view(),
        name="mfa_activate_totp",
    ),
    path("accounts/", include("allauth.urls")),
    path("associations/", include("participation.associations.urls")),
    path("council/", include("participation.council.urls")),
    # Wagtail's front-end login (private pages send visitors there).
    path("_util/login/", to_allauth_login),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
