"""The council's pages, /<code>/council/: council members and
staff only, never cached, GET except the exports.

Every number on these pages comes from a participation.council.catalogue.Table (the
one place that builds what is shown, through disclosure control); a view
parses its form, asks tables for the catalogue table and renders it.
Exports are written from the same Table object by participation/council/exports.py,
so a file cannot differ from the page (T08).

Every table of these pages and of the exports is read from the published
releases (participation/council/prepared.py, participation/council/releases):
no request computes one from live rows, so nothing can be read before and
after one answer, and a council member cannot hold the web workers residents
need. A table no published release holds yet is a notice on the page (staff
make and publish releases in the admin); the export answers with the same
notice.
"""

import copy
from http import HTTPStatus

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

from config import memo
from participation.associations.access import is_council_member, is_staff
from participation.council import catalogue, exports, prepared, raw_export, targets
from participation.council.charts import explorer_shown
from participation.council.coding import approved_quotes
from participation.council.forms import (
    ExplorerForm,
    ExportForm,
    PeriodForm,
    ResponsesExportForm,
    YearForm,
)
from participation.council.models import ExportLog, Indicator, Strategy
from participation.council.releases.store import (
    latest_released_wave,
    read_log,
    released_report_years,
)
from participation.council.snapshots import indicator_chart
from participation.council.templatetags.council_tags import format_figure

RESPONSES_PERMISSION = "participation.export_responses"
FREE_TEXT_PERMISSION = "participation.export_free_text"


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


def _shown(table: catalogue.Table, *, years=None) -> dict:
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


def _interval(summary: catalogue.IndicatorSummary, year) -> str:
    """The 95 % interval of a survey figure in words; "" where there is none
    (other sources, or hidden)."""
    for record in summary.table.records():
        if record["code"] == year and record.get("low") is not None:
            return _(
                "With 95 %% certainty the true figure lies between %(low)s and "
                "%(high)s (the survey asks a sample)."
            ) % {
                "low": format_figure(record["low"], catalogue.PERCENT),
                "high": format_figure(record["high"], catalogue.PERCENT),
            }
    return ""


def indicator_sentence(summary: catalogue.IndicatorSummary) -> str:
    """What the indicator says, in words a council member can read aloud,
    from the disclosed figures only."""
    indicator, movement = summary.indicator, summary.movement
    kind = catalogue.unit_kind(indicator.unit)
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
        parts.append(_interval(summary, movement.latest_year))
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
    parts.append(
        targets.target_sentence(
            movement.target_status,
            target=movement.target,
            year=movement.target_year,
            path=movement.target_path,
            latest_year=movement.latest_year,
            unit=indicator.unit,
        )
    )
    return " ".join(part for part in parts if part)


def _chart(summary: catalogue.IndicatorSummary, *, years=None) -> dict:
    """The indicator's chart, drawn from the table's disclosed figures."""
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


def _not_released() -> dict:
    """What a page adds to its context when a table it shows is in no
    published release yet: the notice (council/not_released.html)."""
    return {"not_released": True}


def _prepared(key: str, policy) -> catalogue.Table | None:
    """The catalogue table ``key`` from the published releases, or None
    while none holds it (or if it left the catalogue meanwhile)."""
    found = prepared.prepared_table(key, policy=policy)
    return found.table if found is not None else None


def _summaries(policy) -> tuple[list, bool]:
    """Each strategy with its goals and their indicators' summaries, and
    whether all are ready: an indicator whose table is in no published release has
    summary None."""
    strategies, complete = [], True
    for strategy in Strategy.objects.prefetch_related("goals__indicators"):
        goals = []
        for goal in strategy.goals.all():
            items = []
            for indicator in goal.indicators.all():
                summary = prepared.indicator_summary(indicator, policy=policy)
                if summary is None:
                    complete = False
                    items.append({"indicator": indicator, "summary": None})
                    continue
                items.append(
                    {
                        "indicator": indicator,
                        "summary": summary,
                        "kind": catalogue.unit_kind(indicator.unit),
                        "status": status_label(summary.movement.status),
                        "target": targets.target_label(summary.movement.target_status),
                        "sentence": indicator_sentence(summary),
                    }
                )
            goals.append({"goal": goal, "indicators": items})
        strategies.append({"strategy": strategy, "goals": goals})
    return strategies, complete


# --- pages ------------------------------------------------------------------------


def _memoised_summaries(policy) -> tuple[list, bool]:
    """_summaries, kept briefly per language and threshold (config/memo.py)
    once every indicator's table is ready."""
    return memo.memoised(
        "summaries",
        (get_language(), policy),
        lambda: _summaries(policy),
        keep=lambda summaries: summaries[1],
    )


@council_view
def overview(request):
    """Each goal with its indicators, their latest figure and movement."""
    strategies, ready = _memoised_summaries(catalogue.policy())
    return render(
        request,
        "participation/council/overview.html",
        {
            **({} if ready else _not_released()),
            "strategies": strategies,
            "section": "overview",
        },
    )


@council_view
def indicator(request, code):
    """One indicator: trend chart with its table, targets, and the rule."""
    item = get_object_or_404(Indicator.objects.select_related("goal"), code=code)
    summary = prepared.indicator_summary(item, policy=catalogue.policy())
    context = {"indicator": item, "summary": summary, "section": "overview"}
    if summary is None:
        return render(
            request, "participation/council/indicator.html", context | _not_released()
        )
    return render(
        request,
        "participation/council/indicator.html",
        context
        | {
            "shown": _shown(summary.table),
            "kind": catalogue.unit_kind(item.unit),
            "status": status_label(summary.movement.status),
            "target": targets.target_label(summary.movement.target_status),
            "sentence": indicator_sentence(summary),
            "chart": _chart(summary),
        },
    )


@council_view
def explorer(request):
    """A survey question by one breakdown, from the fixed catalogue, as the
    published release holds it."""
    form = ExplorerForm(request.GET or None)
    if not form.is_bound:
        form = ExplorerForm(form.initial_data())
    shown, waiting = None, {}
    if form.is_valid() and form.cleaned_data["question_obj"] is not None:
        data = form.cleaned_data
        key = catalogue.survey_key(
            data["question_obj"].code,
            data["wave_obj"].pk,
            data["breakdown_obj"].code,
            weighted=data["weighted"],
        )
        found = prepared.prepared_table(key, policy=catalogue.policy())
        if found is not None and found.ready:
            shown = explorer_shown(found.table)
        elif found is not None:
            waiting = _not_released()
    return render(
        request,
        "participation/council/explorer.html",
        {
            **waiting,
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
    years = released_report_years()
    form = YearForm(request.GET or None, years=years)
    year = years[0] if years else None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
    policy = catalogue.policy()
    origin_keys = (
        [f"participation:{measure}:{year}" for measure in ("board_members", "members")]
        if year is not None
        else []
    )
    scope_keys = [
        f"representation:{scope}" for scope in catalogue.REPRESENTATION_SCOPES
    ]
    activity_keys = (
        [f"activities:{by}:{year}" for by in catalogue.ACTIVITY_TABLES]
        if year in catalogue.activity_years()
        else []
    )
    found = {
        key: _prepared(key, policy) for key in origin_keys + scope_keys + activity_keys
    }
    return render(
        request,
        "participation/council/participation.html",
        {
            **({} if None not in found.values() else _not_released()),
            "form": form,
            "year": year,
            "origin_tables": [
                _shown(found[key]) for key in origin_keys if found[key] is not None
            ],
            "representation": [
                _shown(found[key]) for key in scope_keys if found[key] is not None
            ],
            "activities": [
                _shown(found[key]) for key in activity_keys if found[key] is not None
            ],
            "section": "participation",
        },
    )


@council_view
def open_answers(request):
    """Theme counts by origin group, and the quotes staff approved."""
    wave = latest_released_wave()
    table = _prepared(f"themes:all:{wave.pk}", catalogue.policy()) if wave else None
    return render(
        request,
        "participation/council/open_answers.html",
        {
            **({} if table is not None else _not_released()),
            "shown": _shown(table) if table is not None else None,
            "wave": wave,
            "quotes": approved_quotes(),
            "section": "open_answers",
        },
    )


@council_view
def report(request):
    """The printable status report for a period: every goal, indicator,
    chart and table (A4, print CSS). While an indicator's table is in no
    published release, the page says so instead of printing a partial report."""
    strategies, ready = _memoised_summaries(catalogue.policy())
    strategies = copy.deepcopy(strategies)
    for strategy in strategies:
        for goal in strategy["goals"]:
            # An indicator no published release holds yet is left out.
            goal["indicators"] = [i for i in goal["indicators"] if i["summary"]]
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
            "k": catalogue.policy().k,
            "section": "report",
            **({} if ready else _not_released()),
        },
    )


# --- files ------------------------------------------------------------------------


@council_view(methods=("POST",))
def export(request):
    """A catalogue table as CSV, XLSX, SPSS or JSON (POST: it is logged).
    While no published release holds it: a page saying so (404, nothing
    logged)."""
    form = ExportForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a table and a format."))
    key = form.cleaned_data["table"]
    found = prepared.prepared_table(key, policy=catalogue.policy())
    if found is None:
        raise Http404
    if not found.ready:
        return render(
            request,
            "participation/council/export_not_released.html",
            {"table": {"key": key}},
            status=HTTPStatus.NOT_FOUND,
        )
    table = found.table
    fmt = form.cleaned_data["format"]
    content, content_type, name = exports.export(table, fmt)
    read_log(user=request.user, key=table.key, fmt=fmt, releases=found.releases)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@council_view(methods=("GET", "HEAD", "POST"))
def export_responses(request):
    """One row per response of a wave, k-anonymous (raw_export), only for
    staff with the permission (SPEC §4.2); free text only with a further
    one. GET: the form, and for the wave chosen what protecting the file
    merges and hides (computed from the wave's background answers, as the
    download will be; nothing is logged). POST: the file, streamed and
    logged."""
    if not request.user.has_perm(RESPONSES_PERMISSION):
        raise PermissionDenied
    free_text = request.user.has_perm(FREE_TEXT_PERMISSION)
    if request.method != "POST":
        form = ResponsesExportForm(request.GET or None)
        wave = report = None
        if form.is_bound and form.is_valid():
            wave = catalogue.explorer_waves().get(pk=form.cleaned_data["wave"])
            report = raw_export.protection_report(wave=wave)
        return render(
            request,
            "participation/council/responses.html",
            {
                "form": form,
                "wave": wave,
                "report": report,
                "lines": raw_export.report_lines(report) if report else [],
                "free_text": free_text,
                "k": catalogue.policy().k,
                "section": "explorer",
            },
        )
    form = ResponsesExportForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a wave."))
    wave = catalogue.explorer_waves().get(pk=form.cleaned_data["wave"])
    ExportLog.objects.create(
        user=request.user,
        table=f"responses:{wave.pk}" + (":text" if free_text else ""),
        format="csv",
    )
    response = StreamingHttpResponse(
        raw_export.responses_csv_stream(wave=wave, free_text=free_text),
        content_type=exports.FORMATS["csv"],
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{raw_export.export_filename(wave)}"'
    )
    return response
