"""Releases in the Wagtail admin (Results → Releases): per population, the
published release and the latest one with its progress and audit, a button
to make a new release (background work, participation/council/releases/
build.py) and one to publish an audited release. A refusal (too few changes
since the last release, T06) is a message, never an error page.

Staff need ``participation.publish_release`` (and Wagtail admin access).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from participation.council.models import Release, ReleaseStatus
from participation.council.releases import (
    Population,
    ReleaseError,
    populations,
    release_make,
    release_publish,
)
from surveys.admin_permissions import PermissionRequiredMixin, require_permission

PERMISSION = "participation.publish_release"
URL_NAME = "participation_releases"
MAKE_URL_NAME = "participation_release_make"
PUBLISH_URL_NAME = "participation_release_publish"
#: Seconds between reloads while a release is being made.
REFRESH_SECONDS = 3


@method_decorator(require_GET, name="dispatch")
class ReleasesView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every population with its published and latest release."""

    template_name = "participation_admin/releases.html"
    page_title = gettext_lazy("Releases")
    header_icon = "lock"
    permission = PERMISSION

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        rows = []
        for population in populations():
            releases = Release.objects.filter(population=population.code)
            rows.append(
                {
                    "population": population,
                    "label": population.label(),
                    "published": releases.filter(
                        status=ReleaseStatus.PUBLISHED
                    ).first(),
                    "latest": releases.order_by("-pk").first(),
                }
            )
        building = any(
            row["latest"] and row["latest"].status == ReleaseStatus.BUILDING
            for row in rows
        )
        return super().get_context_data(
            rows=rows,
            building=building,
            refresh_seconds=REFRESH_SECONDS,
            statuses=ReleaseStatus,
            **kwargs,
        )


@require_POST
def make(request):
    """Queue a new release of the population posted (POST, CSRF-checked)."""
    require_permission(request, PERMISSION)
    population = Population.parse(request.POST.get("population", ""))
    if population is None or population not in populations():
        raise Http404
    try:
        release_make(population=population, user=request.user)
    except ReleaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("A new release of %(population)s is being made.")
            % {"population": population.label()},
        )
    return redirect(URL_NAME)


@require_POST
def publish(request, pk: int):
    """Publish an audited release (POST, CSRF-checked)."""
    require_permission(request, PERMISSION)
    release = get_object_or_404(Release, pk=pk)
    try:
        release_publish(release=release)
    except ReleaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The release is published."))
    return redirect(URL_NAME)
