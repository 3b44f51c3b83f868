"""The council's insights in the Wagtail admin: the strategy with its goals,
indicators with their targets, imported official statistics (with a CSV
upload) and population tables (read-only), under "Goals and indicators"; the
coding of open answers and their themes, under "Open answers"; and
"Releases" and "Public results" in the Results menu
(participation/council/release_admin.py, snapshot_admin.py).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import (
    PermissionCheckedMixin,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from participation.associations.admin_views import ReadOnlyViewSet
from participation.associations.panels import (
    TranslatedNameForm,
)
from participation.council import (
    coding_admin,
    release_admin,
    snapshot_admin,
)
from participation.council.indicators import parse_statistics_file, statistics_import
from participation.council.models import (
    ExportLog,
    Indicator,
    OfficialStatistic,
    PopulationTable,
    Strategy,
)
from participation.council.statbank import StatisticsMapping
from surveys.admin_permissions import PermissionMenuItem
from surveys.panels import language_columns, language_tabs


class StrategyForm(TranslatedNameForm):
    """The Danish name is required; a goal that still has indicators cannot
    be removed here (that would delete them with it)."""

    def clean(self):
        cleaned = super().clean()
        for goal_form in self.formsets["goals"].deleted_forms:
            goal = goal_form.instance
            if goal.pk and goal.indicators.exists():
                self.add_error(
                    None,
                    gettext(
                        "The goal “%(goal)s” still has indicators. Move them to "
                        "another goal or delete them first."
                    )
                    % {"goal": goal},
                )
        return cleaned


class IndicatorForm(WagtailAdminModelForm):
    """The Danish name is the fallback for every other language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_da"].required = True


class StrategyViewSet(SnippetViewSet):
    model = Strategy
    icon = "list-ul"
    list_display = ["name", "valid_from", "valid_to"]
    search_fields = ["name_da"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("valid_from"),
                    FieldPanel("valid_to"),
                    InlinePanel(
                        "goals",
                        heading=_("Goals"),
                        label=_("Goal"),
                        panels=[
                            FieldPanel("code"),
                            *language_columns("title"),
                            *language_columns("description"),
                        ],
                    ),
                ],
                heading=_("Strategy"),
            ),
            *language_tabs(("name",)),
        ],
        base_form_class=StrategyForm,
    )


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "view"
    list_display = ["name", "goal", "source", "direction", "baseline_year", "published"]
    list_filter = ["source", "published", "goal__strategy"]
    search_fields = ["code", "name_da"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("goal"),
                    FieldPanel("code"),
                    FieldPanel("sort_order"),
                    FieldPanel("unit"),
                    FieldPanel("direction"),
                    FieldPanel("baseline_year"),
                    FieldPanel("baseline_value"),
                    FieldPanel("threshold"),
                    FieldPanel("published"),
                ],
                heading=_("Indicator"),
            ),
            ObjectList(
                [
                    FieldPanel("source"),
                    MultiFieldPanel(
                        [
                            FieldPanel("question"),
                            FieldPanel("answers"),
                            FieldPanel("components"),
                            FieldPanel("group"),
                        ],
                        heading=_("Survey questions (and participation group)"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("measure"), FieldPanel("association_kind")],
                        heading=_("Participation records"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("statistic_table"),
                            FieldPanel("statistic_indicator"),
                            FieldPanel("statistic_breakdown"),
                            FieldPanel("statistic_group"),
                            FieldPanel("statistic_target_indicator"),
                        ],
                        heading=_("Imported official statistics"),
                    ),
                ],
                heading=_("Source"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "targets",
                        heading=_("Targets"),
                        label=_("Target"),
                        panels=[FieldPanel("year"), FieldPanel("value")],
                    )
                ],
                heading=_("Targets"),
            ),
            *language_tabs(("name", "description")),
        ],
        base_form_class=IndicatorForm,
    )

    def get_queryset(self, request):
        return Indicator.objects.select_related("goal__strategy")


class PopulationTableViewSet(ReadOnlyViewSet):
    """Imported with ``manage.py import_population``; listed here so staff
    see what results are weighted to, synthetic tables marked as such."""

    model = PopulationTable
    icon = "table"
    list_display = [
        "name",
        "area",
        "period",
        Column(
            "synthetic",
            label=_("Synthetic"),
            accessor=lambda table: gettext("Synthetic") if table.synthetic else "",
        ),
        Column("total", label=_("People"), accessor=lambda table: table.total),
        "imported_at",
    ]
    list_filter = ["synthetic"]


class ExportLogViewSet(ReadOnlyViewSet):
    """Every export and API table read: who, which table, which release
    (T22). Written only by the council pages and the API."""

    model = ExportLog
    icon = "download"
    menu_label = _("Exports and API reads")
    add_to_admin_menu = False
    list_display = ["exported_on", "user", "table", "format", "release"]
    list_filter = ["format"]

    def get_queryset(self, request):
        return ExportLog.objects.select_related("user", "release")


def _dimension_field(label, help_text) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=100, help_text=help_text
    )


class StatisticsUploadForm(forms.Form):
    """A statistics file in the project's CSV layout or as Statistikbanken
    gives it; the fields after Source name a Statistikbanken table's
    dimensions (participation/council/statbank/ StatisticsMapping), each
    empty for its default."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The project's CSV (columns table, indicator, breakdown, year, group "
            "and value_pct; lines starting with # are comments), or a table as "
            "downloaded from Statistikbanken: PX, JSON-stat or CSV. Nothing is "
            "imported unless every figure is correct."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=500,
        help_text=_(
            "Where the figures come from (default: the file's # Source: line, "
            "or a table's source)."
        ),
    )
    table = forms.CharField(
        label=_("Table"),
        required=False,
        max_length=40,
        help_text=_(
            "For a table from Statistikbanken: its name here (default: the table's id)."
        ),
    )
    indicator = forms.CharField(
        label=_("Indicator"),
        required=False,
        max_length=100,
        help_text=_(
            "For a table from Statistikbanken: the indicator of every figure "
            "(default: the codes of its contents dimension, or the table's id)."
        ),
    )
    indicator_dimension = _dimension_field(
        _("Indicator dimension"),
        _(
            "For a table from Statistikbanken: the dimension whose category "
            "codes name the indicators."
        ),
    )
    year_dimension = _dimension_field(
        _("Year dimension"),
        _("For a table from Statistikbanken: the dimension of years (default: TID)."),
    )
    group_dimension = _dimension_field(
        _("Group dimension"),
        _(
            "For a table from Statistikbanken: the dimension of origin groups "
            "(default: HERKOMST; without one, every figure is of everyone)."
        ),
    )
    breakdown_dimension = _dimension_field(
        _("Breakdown dimension"),
        _(
            "For a table from Statistikbanken: the dimension whose categories "
            "are the breakdown (default: the one dimension left with several "
            "categories)."
        ),
    )

    MAX_BYTES = 2 * 1024 * 1024

    def mapping(self) -> StatisticsMapping:
        fields = (
            "table",
            "indicator",
            "indicator_dimension",
            "year_dimension",
            "group_dimension",
            "breakdown_dimension",
        )
        return StatisticsMapping(
            **{name: self.cleaned_data.get(name) or "" for name in fields}
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > self.MAX_BYTES:
            self.add_error("file", gettext("The file is larger than 2 MB."))
            return cleaned
        parsed = parse_statistics_file(upload.read(), mapping=self.mapping())
        if parsed.problems:
            self.add_error("file", parsed.problems)
        cleaned["parsed"] = parsed
        return cleaned


class StatisticsImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a statistics file (the same checks and writes as
    ``manage.py import_statistics``)."""

    permission_required = "add"
    template_name = "wagtailadmin/generic/form.html"
    form_class = StatisticsUploadForm
    page_title = gettext_lazy("Import official statistics")
    header_icon = "upload"
    index_url_name = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.path,
            submit_button_label=gettext("Import"),
            submit_button_active_label=gettext("Importing…"),
            **kwargs,
        )

    def form_valid(self, form):
        parsed = form.cleaned_data["parsed"]
        counts = statistics_import(
            rows=parsed.rows, source=form.cleaned_data["source"] or parsed.source
        )
        message = gettext(
            "Imported %(rows)s figures: %(created)s new, %(updated)s updated; "
            "%(targets)s indicator targets written."
        ) % {"rows": len(parsed.rows), **counts}
        if parsed.skipped:
            message += " " + gettext(
                "%(count)s figures marked missing (such as “..”) were left out."
            ) % {"count": parsed.skipped}
        messages.success(self.request, message)
        return redirect(self.index_url_name)


class StatisticsIndexView(IndexView):
    import_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    gettext("Import file"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                )
            )
        return buttons


class OfficialStatisticViewSet(SnippetViewSet):
    """Imported with ``manage.py import_statistics`` or the Import file
    button; staff may correct a figure by hand."""

    model = OfficialStatistic
    icon = "doc-full"
    index_view_class = StatisticsIndexView
    list_display = ["table", "indicator", "breakdown", "group", "year", "value"]
    list_filter = ["table", "year"]
    search_fields = ["indicator", "breakdown", "group"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            import_url_name=self.get_url_name("import"), **kwargs
        )

    def get_urlpatterns(self):
        view = self.construct_view(
            StatisticsImportView, index_url_name=self.get_url_name("list")
        )
        return [*super().get_urlpatterns(), path("import/", view, name="import")]


class GoalsGroup(SnippetViewSetGroup):
    menu_label = _("Goals and indicators")
    menu_icon = "list-ul"
    menu_order = 212
    items = (
        StrategyViewSet,
        IndicatorViewSet,
        OfficialStatisticViewSet,
        PopulationTableViewSet,
        ExportLogViewSet,
    )


register_snippet(GoalsGroup)
register_snippet(coding_admin.OpenAnswersGroup)


@hooks.register("register_admin_urls")
def register_snapshot_urls():
    return [
        path(
            "results-snapshot/",
            snapshot_admin.SnapshotView.as_view(),
            name=snapshot_admin.URL_NAME,
        ),
        path(
            "results-snapshot/publish/",
            snapshot_admin.snapshot_publish,
            name=snapshot_admin.PUBLISH_URL_NAME,
        ),
    ]


@hooks.register("register_admin_urls")
def register_release_urls():
    return [
        path(
            "releases/",
            release_admin.ReleasesView.as_view(),
            name=release_admin.URL_NAME,
        ),
        path("releases/make/", release_admin.make, name=release_admin.MAKE_URL_NAME),
        path(
            "releases/<int:pk>/publish/",
            release_admin.publish,
            name=release_admin.PUBLISH_URL_NAME,
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_results_menu():
    """Results: making and publishing releases, and the public results made
    from them."""
    menu = Menu(
        items=[
            PermissionMenuItem(
                gettext_lazy("Releases"),
                reverse(release_admin.URL_NAME),
                name="releases",
                icon_name="lock",
                order=100,
                permissions=(release_admin.PERMISSION,),
            ),
            PermissionMenuItem(
                gettext_lazy("Public results"),
                reverse(snapshot_admin.URL_NAME),
                name="public-results",
                icon_name="doc-full",
                order=200,
                permissions=(snapshot_admin.PERMISSION,),
            ),
        ]
    )
    return SubmenuMenuItem(
        gettext_lazy("Results"), menu, name="results", icon_name="table", order=450
    )
