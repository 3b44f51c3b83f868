"""Wagtail admin views of the participation area: staff approve or reject
what representatives ask for, create boards and representations that need no
approval, and read composition reports with their history.

A decision is a confirmation page (GET) and a POST with the CSRF token that
calls participation.associations.services; edit forms show the status but
never change it.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import (
    PermissionCheckedMixin,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets

from participation.associations.models import CompositionReport, Status
from participation.associations.services import (
    association_decide,
    representation_decide,
)

APPROVE_ACTION = "participation.approve"
REJECT_ACTION = "participation.reject"


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Staff with the model's "view" permission may list and inspect; nobody,
    superusers included, adds, changes or deletes here. Reports and
    activities belong to the representatives who wrote them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


def decision_urls(url_names: dict | None, instance) -> list[tuple[str, str, str]]:
    """(label, icon, url) of the decisions still open for ``instance``."""
    if not url_names or instance.status != Status.PENDING:
        return []
    pk = quote(instance.pk)
    return [
        (_("Approve"), "check", reverse(url_names["approve"], args=[pk])),
        (_("Reject"), "cross", reverse(url_names["reject"], args=[pk])),
    ]


class DecisionIndexView(snippets.IndexView):
    """The listing, with Approve and Reject beside every pending row."""

    decision_url_names = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.user_has_permission("change"):
            return buttons
        for priority, (label, icon, url) in enumerate(
            decision_urls(self.decision_url_names, instance)
        ):
            buttons.append(
                ListingButton(
                    label,
                    url=url,
                    icon_name=icon,
                    priority=priority,
                    attrs={"aria-label": f"{label}: {instance}"},
                )
            )
        return buttons


class DecisionEditView(snippets.EditView):
    """The edit form, with Approve and Reject in the header while pending."""

    decision_url_names = None

    def get_header_buttons(self):
        buttons = super().get_header_buttons()
        if not self.user_has_permission_for_instance("change", self.object):
            return buttons
        decisions = [
            HeaderButton(label, url=url, icon_name=icon, priority=priority)
            for priority, (label, icon, url) in enumerate(
                decision_urls(self.decision_url_names, self.object)
            )
        ]
        return decisions + buttons


class DecisionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and record (POST) staff's decision on a pending request.

    Subclasses give the summary staff read and call the service in decide()."""

    permission_required = "change"
    template_name = "participation_admin/confirm_decision.html"
    model = None
    index_url_name = None
    approve = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=unquote(str(kwargs["pk"])))

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("change", self.object):
            raise PermissionDenied
        if self.object.status != Status.PENDING:
            return self.already_decided()
        return super().dispatch(request, *args, **kwargs)

    def already_decided(self):
        messages.warning(
            self.request,
            _("“%(name)s” has already been decided: %(status)s.")
            % {"name": self.object, "status": self.object.get_status_display()},
        )
        return redirect(self.get_success_url())

    def decide(self) -> None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            # Two staff deciding at once: the second finds it decided.
            self.object = self.model.objects.select_for_update().get(pk=self.object.pk)
            if self.object.status != Status.PENDING:
                return self.already_decided()
            self.decide()
            log(
                instance=self.object,
                action=APPROVE_ACTION if self.approve else REJECT_ACTION,
                user=request.user,
            )
        if self.approve:
            message = _("“%(name)s” is approved.")
        else:
            message = _("“%(name)s” is rejected.")
        messages.success(request, message % {"name": self.object})
        return redirect(self.get_success_url())

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(
            self.index_url_name
        )

    def get_page_title(self):
        return _("Approve") if self.approve else _("Reject")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def summary(self) -> list[tuple[str, object]]:
        """(label, value) rows that staff read before deciding."""
        raise NotImplementedError

    def label(self, name: str) -> str:
        return capfirst(self.model._meta.get_field(name).verbose_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            approve=self.approve,
            summary=self.summary(),
            cancel_url=self.get_success_url(),
        )
        return context


class AssociationDecisionView(DecisionView):
    def summary(self):
        association = self.object
        requester = association.requested_by
        return [
            (self.label("name"), association.name),
            (self.label("kind"), association.get_kind_display()),
            (self.label("neighbourhood"), association.neighbourhood),
            (self.label("cvr"), association.cvr),
            (self.label("contact_email"), association.contact_email),
            (_("Requested by (e-mail)"), requester.email if requester else ""),
            (self.label("request_note"), association.request_note),
            (self.label("created_at"), association.created_at),
        ]

    def decide(self):
        association_decide(association=self.object, approve=self.approve)


class RepresentationDecisionView(DecisionView):
    def summary(self):
        representation = self.object
        association = representation.association
        return [
            (_("User (e-mail)"), representation.user.email),
            (
                self.label("association"),
                f"{association} ({association.get_status_display()})",
            ),
            (self.label("note"), representation.note),
            (self.label("requested_at"), representation.requested_at),
        ]

    def decide(self):
        representation_decide(representation=self.object, approve=self.approve)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.approve and self.object.association.status != Status.APPROVED:
            context["warning"] = _(
                "The association itself is not approved yet; the representative "
                "gets access when it is."
            )
        return context


class AssociationCreateView(snippets.CreateView):
    def save_instance(self):
        # Staff are the ones who approve: what they create needs no approval.
        self.form.instance.status = Status.APPROVED
        return super().save_instance()


class RepresentationCreateView(snippets.CreateView):
    def save_instance(self):
        # Staff attaching a user to a board or association is the approval.
        self.form.instance.status = Status.APPROVED
        self.form.instance.decided_at = timezone.now()
        return super().save_instance()


class CompositionReportInspectView(snippets.InspectView):
    """A report's counts, then its history: who saved which version, when,
    and which counts changed from what to what."""

    template_name = "participation_admin/report_inspect.html"

    @cached_property
    def labels(self) -> dict[str, str]:
        return {
            field.name: capfirst(field.verbose_name)
            for field in CompositionReport._meta.get_fields()
            if hasattr(field, "verbose_name")
        }

    def history(self) -> list[dict]:
        revisions = self.object.revisions.select_related("changed_by").order_by(
            "-version"
        )
        return [
            {
                "version": revision.version,
                "changed_by": revision.changed_by.email if revision.changed_by else "",
                "changed_at": revision.changed_at,
                "changes": [
                    (self.labels.get(name, name), before, after)
                    for name, (before, after) in revision.changes.items()
                ],
            }
            for revision in revisions
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = self.history()
        return context


# Labels of the two decisions in each object's history (Wagtail's log).
LOG_ACTIONS = (
    (APPROVE_ACTION, gettext_lazy("Approve"), gettext_lazy("Approved")),
    (REJECT_ACTION, gettext_lazy("Reject"), gettext_lazy("Rejected")),
)


class ReadOnlyViewSet(snippets.SnippetViewSet):
    """Listed and inspected by staff with the "view" permission; written
    only by representatives on their own pages."""

    inspect_view_enabled = True

    @property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)
