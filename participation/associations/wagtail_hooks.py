"""The associations area in the Wagtail admin ("Participation" menu):
associations and boards, representatives, composition reports, activities,
neighbourhoods and activity kinds.

Staff approve or reject pending associations and representatives with the
Approve / Reject buttons (participation/associations/admin_views.py); reports
and activities are read-only here.
"""

from django.urls import path
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    SnippetViewSet,
    SnippetViewSetGroup,
)

from participation.associations import admin_views
from participation.associations.models import (
    Activity,
    ActivityKind,
    Association,
    CompositionReport,
    Neighbourhood,
    Representation,
)
from participation.associations.panels import (
    association_create_panels,
    association_edit_panels,
    representation_create_panels,
    representation_edit_panels,
    translated_name_panels,
)


class DecisionViewSet(SnippetViewSet):
    """A snippet whose pending rows staff approve or reject. Separate panels
    for adding and editing; neither edits the status."""

    decision_view_class = admin_views.DecisionView
    index_view_class = admin_views.DecisionIndexView
    edit_view_class = admin_views.DecisionEditView
    create_panels = None
    edit_panels = None

    def get_edit_handler(self):
        return self.create_panels.bind_to_model(self.model)

    @property
    def decision_url_names(self) -> dict[str, str]:
        return {name: self.get_url_name(name) for name in ("approve", "reject")}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            decision_url_names=self.decision_url_names, **kwargs
        )

    def get_edit_view_kwargs(self, **kwargs):
        panel = self.edit_panels.bind_to_model(self.model)
        return super().get_edit_view_kwargs(
            panel=panel,
            form_class=panel.get_form_class(),
            decision_url_names=self.decision_url_names,
            **kwargs,
        )

    def decision_view(self, approve: bool):
        return self.construct_view(
            self.decision_view_class,
            approve=approve,
            index_url_name=self.get_url_name("list"),
        )

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            *super().get_urlpatterns(),
            path(f"approve/<{conv}:pk>/", self.decision_view(True), name="approve"),
            path(f"reject/<{conv}:pk>/", self.decision_view(False), name="reject"),
        ]


class AssociationViewSet(DecisionViewSet):
    model = Association
    icon = "group"
    add_view_class = admin_views.AssociationCreateView
    decision_view_class = admin_views.AssociationDecisionView
    list_display = [
        "name",
        "kind",
        "status",
        "requested_by__email",
        Column(
            "request_note",
            label=_("Note with the request"),
            accessor=lambda association: Truncator(association.request_note).chars(80),
        ),
        "created_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    create_panels = association_create_panels
    edit_panels = association_edit_panels

    def get_queryset(self, request):
        return Association.objects.select_related("requested_by", "neighbourhood")


class RepresentationViewSet(DecisionViewSet):
    model = Representation
    icon = "user"
    add_view_class = admin_views.RepresentationCreateView
    decision_view_class = admin_views.RepresentationDecisionView
    list_display = ["user__email", "association", "status", "note", "requested_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "association__name"]
    create_panels = representation_create_panels
    edit_panels = representation_edit_panels

    def get_queryset(self, request):
        return Representation.objects.select_related("user", "association")


class CompositionReportViewSet(admin_views.ReadOnlyViewSet):
    model = CompositionReport
    icon = "table"
    inspect_view_class = admin_views.CompositionReportInspectView
    list_display = ["association", "year", "board_size", "version", "updated_at"]
    list_filter = ["year"]
    search_fields = ["association__name"]

    def get_queryset(self, request):
        return CompositionReport.objects.select_related("association")


class ActivityViewSet(admin_views.ReadOnlyViewSet):
    model = Activity
    icon = "calendar"
    list_display = [
        "title",
        "association",
        "date",
        "kind",
        "neighbourhood",
        "participants_total",
    ]
    list_filter = ["kind", "neighbourhood"]
    search_fields = ["title", "association__name"]

    def get_queryset(self, request):
        return Activity.objects.select_related("association", "kind", "neighbourhood")


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "site"
    list_display = ["name", "code", "sort_order"]
    search_fields = ["code", "name_da"]
    edit_handler = translated_name_panels(_("Neighbourhood"))


class ActivityKindViewSet(SnippetViewSet):
    model = ActivityKind
    icon = "tag"
    list_display = ["name", "code", "sort_order"]
    search_fields = ["code", "name_da"]
    edit_handler = translated_name_panels(_("Activity kind"))


class ParticipationGroup(SnippetViewSetGroup):
    menu_label = _("Participation")
    menu_icon = "group"
    menu_order = 210
    items = (
        AssociationViewSet,
        RepresentationViewSet,
        CompositionReportViewSet,
        ActivityViewSet,
        NeighbourhoodViewSet,
        ActivityKindViewSet,
    )


register_snippet(ParticipationGroup)


@hooks.register("register_log_actions")
def register_decision_log_actions(actions):
    for action, label, message in admin_views.LOG_ACTIONS:
        actions.register_action(action, label, message)
