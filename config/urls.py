"""URL map (SPEC §6). Everything a person reads sits under /<code>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Staff sign in through allauth like everyone else.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The open API and its schema (/api/v1/openapi.json): one address in
    # every language, so outside the language prefix. participation.api
    # mounts api.urls at api/v1/, and answers other api/v1/ paths with 404.
    path("", include("participation.api")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("associations/", include("participation.urls")),
    path("council/", include("participation.council_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
