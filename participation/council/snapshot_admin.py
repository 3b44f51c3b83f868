"""Publishing new public results from the Wagtail admin (Results → Public
results): staff see the last published snapshot (date, threshold) and
publish a new one from the published releases with a POST button.
participation/council/snapshots.py decides; a refusal (a figure that would
change by fewer than k, TESTPLAN T06) is shown as a message, never an error
page.

Staff need the permission ``participation.add_resultssnapshot`` (and
Wagtail admin access). Its URLs and menu item are registered in
participation/council/wagtail_hooks.py.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from participation.council import catalogue, snapshots
from participation.council.models import Indicator
from surveys.admin_permissions import (
    PermissionRequiredMixin,
    require_permission,
)

PERMISSION = "participation.add_resultssnapshot"
URL_NAME = "participation_results_snapshot"
PUBLISH_URL_NAME = "participation_results_snapshot_publish"


@method_decorator(require_GET, name="dispatch")
class SnapshotView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """The last snapshot, what changed since, and the Publish button."""

    template_name = "participation_admin/snapshot.html"
    page_title = gettext_lazy("Public results")
    header_icon = "doc-full"
    permission = PERMISSION

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        policy = catalogue.policy(public=True)
        allowed, needed = snapshots.snapshot_may_refresh(policy=policy)
        last = snapshots.snapshot_latest()
        return super().get_context_data(
            last=last,
            allowed=allowed,
            k=policy.k,
            published_indicators=Indicator.objects.filter(published=True).count(),
            refusal=(
                "" if allowed else snapshots.refusal_message(needed=needed, k=policy.k)
            ),
            publish_url=reverse(PUBLISH_URL_NAME),
            **kwargs,
        )


@require_POST
def snapshot_publish(request):
    """Take a new snapshot (POST only, CSRF-checked by Django), then go back
    to the overview with a message saying what happened."""
    require_permission(request, PERMISSION)
    try:
        snapshot = snapshots.snapshot_take()
    except snapshots.SnapshotRefused as refusal:
        messages.error(request, str(refusal))
    else:
        log(instance=snapshot, action="wagtail.create", user=request.user)
        messages.success(
            request,
            gettext(
                "New results are published from the published releases; "
                "figures for fewer than %(k)s people are hidden."
            )
            % {"k": snapshot.k},
        )
    return redirect(URL_NAME)
