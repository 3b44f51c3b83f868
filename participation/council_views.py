"""The council's pages, /<code>/council/ (issue 5 §4): council members and
staff only, never cached, GET except the exports.

Every number on these pages comes from a participation.tables.Table (the
one place that builds what is shown, through disclosure control); a view
parses its form, asks tables for the catalogue table and renders it.
Exports are written from the same Table object by participation/exports.py,
so a file cannot differ from the page (T08).
"""

import copy

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.http.response import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from participation import exports, memo, tables
from participation.access import is_council_member, is_staff
from participation.council_forms import (
    ExplorerForm,
    ExportForm,
    PeriodForm,
    ResponsesExportForm,
    YearForm,
)
from participation.models import ExportLog, Indicator, Strategy
from participation.templatetags.council_tags import format_figure

RESPONSES_PERMISSION = "participation.export_responses"


def may_read_council_pages(user) -> bool:
    return is_council_member(user) or is_staff(user)


def council_view(view=None, *, methods=("GET", "HEAD")):
    """Signed in, a council member or staff (403 for anyone else signed in),
    never cached, only ``methods``."""

    def decorate(view):
        def wrapped(request, *args, **kwargs):
            if not may_read_council_pages(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return login_required(never_cache(require_http_methods(methods)(wrapped)))

    return decorate(view) if view else decorate


def _shown(table: tables.Table, *, years=None) -> dict:
    """A table as the templates take it; ``years`` keeps only those rows of
    a table by year (hiding rows shows less, never more)."""
    records = table.records()
    if years is not None:
        records = [r for r in records if r["code"] in years]
    return {"table": table, "records": records}


# --- words ----------------------------------------------------------------------

STATUS_TEXT = {
    "positive": gettext_lazy("The development is positive."),
    "negative": gettext_lazy("The development is negative."),
    "unchanged": gettext_lazy("The figure is unchanged."),
}


def status_label(status) -> str:
    return {
        "positive": _("Positive"),
        "negative": _("Negative"),
        "unchanged": _("Unchanged"),
    }.get(status, _("Not yet known"))


def indicator_sentence(summary: tables.IndicatorSummary) -> str:
    """What the indicator says, in words a council member can read aloud,
    from the disclosed figures only."""
    indicator, movement = summary.indicator, summary.movement
    kind = tables.unit_kind(indicator.unit)
    if movement.latest is None and movement.baseline is None:
        return _(
            "There is no figure to show yet: no measurement, or too few people "
            "behind it to show it."
        )
    parts = []
    if movement.latest is not None and movement.baseline is not None:
        parts.append(
            _(
                "In %(latest_year)s the figure was %(latest)s, against %(baseline)s "
                "in the baseline year %(baseline_year)s."
            )
            % {
                "latest_year": movement.latest_year,
                "latest": format_figure(movement.latest, kind),
                "baseline": format_figure(movement.baseline, kind),
                "baseline_year": movement.baseline_year,
            }
        )
        parts.append(str(STATUS_TEXT[movement.status]))
    elif movement.baseline is not None:
        parts.append(
            _(
                "The baseline in %(year)s was %(value)s; there is no later figure "
                "to compare with yet."
            )
            % {
                "year": movement.baseline_year,
                "value": format_figure(movement.baseline, kind),
            }
        )
    else:
        parts.append(
            _("In %(year)s the figure was %(value)s; the baseline is not known.")
            % {
                "year": movement.latest_year,
                "value": format_figure(movement.latest, kind),
            }
        )
    targets = summary.table.targets
    later = sorted(y for y in targets if y >= (movement.latest_year or 0))
    if later:
        year = later[0]
        parts.append(
            _("The target for %(year)s is %(value)s.")
            % {"year": year, "value": format_figure(targets[year], kind)}
        )
    return " ".join(parts)


def _chart(summary: tables.IndicatorSummary, *, years=None) -> dict:
    """The indicator's chart, drawn from the table's disclosed figures."""
    from participation.snapshots import indicator_chart

    table = summary.table
    records = [
        {
            "year": int(r["code"]),
            "figure": r["value"],
            "hidden": r["value"] is None,
            "target": r.get("target"),
        }
        for r in table.records()
        if years is None or r["code"] in years
    ]
    return indicator_chart(
        records, name=str(table.title), unit=summary.indicator.unit, k=table.k
    )


def _summaries(policy):
    """Each strategy with its goals and their indicators' summaries."""
    strategies = []
    for strategy in Strategy.objects.prefetch_related("goals__indicators"):
        goals = []
        for goal in strategy.goals.all():
            items = []
            for indicator in goal.indicators.all():
                summary = tables.indicator_summary(indicator, policy=policy)
                items.append(
                    {
                        "indicator": indicator,
                        "summary": summary,
                        "kind": tables.unit_kind(indicator.unit),
                        "status": status_label(summary.movement.status),
                        "sentence": indicator_sentence(summary),
                    }
                )
            goals.append({"goal": goal, "indicators": items})
        strategies.append({"strategy": strategy, "goals": goals})
    return strategies


# --- pages ------------------------------------------------------------------------


def _memoised_summaries(policy):
    """_summaries, kept briefly per language and threshold (memo.py)."""
    return memo.memoised(
        "summaries", (get_language(), policy), lambda: _summaries(policy)
    )


@council_view
def overview(request):
    """Each goal with its indicators, their latest figure and movement."""
    return render(
        request,
        "participation/council/overview.html",
        {"strategies": _memoised_summaries(tables.policy()), "section": "overview"},
    )


@council_view
def indicator(request, code):
    """One indicator: trend chart with its table, targets, and the rule."""
    item = get_object_or_404(Indicator.objects.select_related("goal"), code=code)
    summary = tables.indicator_summary(item, policy=tables.policy())
    return render(
        request,
        "participation/council/indicator.html",
        {
            "indicator": item,
            "summary": summary,
            "shown": _shown(summary.table),
            "kind": tables.unit_kind(item.unit),
            "status": status_label(summary.movement.status),
            "sentence": indicator_sentence(summary),
            "chart": _chart(summary),
            "section": "overview",
        },
    )


@council_view
def explorer(request):
    """A survey question by one breakdown, from the fixed catalogue."""
    form = ExplorerForm(request.GET or None)
    if not form.is_bound:
        form = ExplorerForm(form.initial_data())
    shown = None
    if form.is_valid() and form.cleaned_data["question_obj"] is not None:
        data = form.cleaned_data
        wave = data["wave_obj"]
        population = None
        if data["weighted"]:
            from participation.indicators import population_table_for

            population = population_table_for(wave.closes_on.year)
        table = tables.survey_table(
            data["question_obj"],
            wave,
            data["breakdown_obj"],
            policy=tables.policy(),
            weighted=data["weighted"],
            population=population,
        )
        shown = _shown(table)
    return render(
        request,
        "participation/council/explorer.html",
        {
            "form": form,
            "shown": shown,
            "responses_form": ResponsesExportForm()
            if request.user.has_perm(RESPONSES_PERMISSION)
            else None,
            "section": "explorer",
        },
    )


@council_view
def participation(request):
    """Members and board members by origin group across associations, and
    the representation ratio of people with a multicultural background."""
    frame = tables.participation_frame()
    years = tables.participation_years(frame)
    form = YearForm(request.GET or None, years=years)
    year = years[0] if years else None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
    policy = tables.policy()
    origin_tables = []
    if year is not None:
        origin_tables = [
            _shown(
                tables.participation_origin_table(
                    frame, year=year, measure=measure, policy=policy
                )
            )
            for measure in ("board_members", "members")
        ]
    return render(
        request,
        "participation/council/participation.html",
        {
            "form": form,
            "year": year,
            "origin_tables": origin_tables,
            "representation": [
                _shown(tables.representation_table(frame, scope=scope, policy=policy))
                for scope in tables.REPRESENTATION_SCOPES
            ],
            "section": "participation",
        },
    )


@council_view
def open_answers(request):
    """Theme counts by origin group, and the quotes staff approved."""
    from participation.coding import approved_quotes

    return render(
        request,
        "participation/council/open_answers.html",
        {
            "shown": _shown(tables.theme_table(policy=tables.policy())),
            "quotes": approved_quotes(),
            "section": "open_answers",
        },
    )


@council_view
def report(request):
    """The printable status report for a period: every goal, indicator,
    chart and table (A4, print CSS)."""
    strategies = copy.deepcopy(_memoised_summaries(tables.policy()))
    years = sorted(
        {
            int(record["code"])
            for strategy in strategies
            for goal in strategy["goals"]
            for item in goal["indicators"]
            for record in item["summary"].table.records()
        }
        | {timezone.localdate().year}
    )
    form = PeriodForm(request.GET or None, years=years)
    first, last = years[0], years[-1]
    if form.is_bound and form.is_valid():
        first, last = form.cleaned_data["first"], form.cleaned_data["last"]
    period = set(range(first, last + 1))
    for strategy in strategies:
        for goal in strategy["goals"]:
            for item in goal["indicators"]:
                item["shown"] = _shown(item["summary"].table, years=period)
                item["chart"] = _chart(item["summary"], years=period)
    return render(
        request,
        "participation/council/report.html",
        {
            "form": form,
            "strategies": strategies,
            "first": first,
            "last": last,
            "today": timezone.localdate(),
            "k": tables.policy().k,
            "section": "report",
        },
    )


# --- files ------------------------------------------------------------------------


@council_view(methods=("POST",))
def export(request):
    """A catalogue table as CSV, XLSX, SPSS or JSON (POST: it is logged)."""
    form = ExportForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a table and a format."))
    table = tables.table_for_key(form.cleaned_data["table"], policy=tables.policy())
    if table is None:
        raise Http404
    fmt = form.cleaned_data["format"]
    content, content_type, name = exports.export(table, fmt)
    ExportLog.objects.create(user=request.user, table=table.key, format=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@council_view(methods=("POST",))
def export_responses(request):
    """One row per response of a wave, free text scrubbed: only for staff
    with the permission (SPEC §4.2)."""
    from participation import raw_export

    if not request.user.has_perm(RESPONSES_PERMISSION):
        raise PermissionDenied
    form = ResponsesExportForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a wave."))
    wave = tables.explorer_waves().get(pk=form.cleaned_data["wave"])
    ExportLog.objects.create(
        user=request.user, table=f"responses:{wave.pk}", format="csv"
    )
    response = StreamingHttpResponse(
        raw_export.responses_csv_stream(wave=wave), content_type=exports.FORMATS["csv"]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{raw_export.export_filename(wave)}"'
    )
    return response
