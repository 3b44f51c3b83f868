"""The representatives' area, /<code>/associations/.

Every view needs a signed-in user (allauth makes sure the e-mail address is
verified first); every view about one association finds it through
``access.association_for``, which answers 404 to anyone who is not its
approved representative. Pages are never cached: they show personal data.
Views parse with a form, call one service or selector, render or redirect.
"""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from participation.associations import selectors, services
from participation.associations.access import (
    association_for,
    associations_of,
    pending_requests_of,
)
from participation.associations.forms import (
    AGE_LABELS,
    CSV_COLUMNS,
    GENDER_LABELS,
    ActivityForm,
    ActivityImportForm,
    AssociationEditForm,
    AssociationRequestForm,
    CompositionReportForm,
    JoinForm,
)
from participation.associations.models import (
    ActivityKind,
    CompositionReport,
    Neighbourhood,
)


def representative_view(view):
    """Signed in, never cached, GET/POST only."""
    return login_required(
        never_cache(require_http_methods(["GET", "HEAD", "POST"])(view))
    )


@representative_view
def home(request):
    associations = list(associations_of(request.user))
    return render(
        request,
        "participation/home.html",
        {
            "associations": associations,
            "due": selectors.reports_due(associations, today=timezone.localdate()),
            "pending": pending_requests_of(request.user),
            "activities": selectors.recent_activities(associations),
            "year": timezone.localdate().year,
        },
    )


@representative_view
def association_request(request):
    form = AssociationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "note"}
        services.association_request(
            user=request.user, note=form.cleaned_data["note"], **fields
        )
        messages.success(
            request,
            _("Thank you. The secretariat will look at your request and write to you."),
        )
        return redirect("participation:home")
    return _render_form(request, form, _("Register a new association"))


@representative_view
def join(request):
    form = JoinForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.representation_request(
            user=request.user,
            association=form.cleaned_data["association"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            _("Thank you. The secretariat will look at your request and write to you."),
        )
        return redirect("participation:home")
    return _render_form(request, form, _("Represent an association already registered"))


@representative_view
def association_detail(request, public_id):
    association = association_for(request.user, public_id)
    reports = list(selectors.reports_of(association))
    year = timezone.localdate().year
    return render(
        request,
        "participation/association.html",
        {
            "association": association,
            "reports": reports,
            "report_due": all(r.year != year for r in reports),
            "year": year,
            "activities": association.activities.select_related(
                "kind", "neighbourhood"
            )[:50],
        },
    )


@representative_view
def association_edit(request, public_id):
    association = association_for(request.user, public_id)
    form = AssociationEditForm(request.POST or None, instance=association)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(association_url(association))
    return _render_form(request, form, _("Edit details"), association=association)


def association_url(association):
    return reverse("participation:association", args=[association.public_id])


@representative_view
def report_new(request, public_id):
    association = association_for(request.user, public_id)
    initial = {"year": request.GET.get("year") or timezone.localdate().year}
    form = CompositionReportForm(
        request.POST or None, association=association, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.composition_report_save(
            association=association,
            year=form.cleaned_data["year"],
            counts=form.counts(),
            version=None,
            user=request.user,
        )
        messages.success(request, _("The report is saved."))
        return redirect(association_url(association))
    return _render_report(request, association, form, report=None)


@representative_view
def report_edit(request, public_id, year):
    association = association_for(request.user, public_id)
    report = get_object_or_404(CompositionReport, association=association, year=year)
    initial = {**report.counts(), "year": year, "version": report.version}
    form = CompositionReportForm(
        request.POST or None, association=association, fixed_year=year, initial=initial
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.composition_report_save(
                association=association,
                year=year,
                counts=form.counts(),
                version=form.cleaned_data["version"],
                user=request.user,
            )
        except services.ReportConflict as exc:
            conflict = exc.report
        else:
            messages.success(request, _("The report is saved."))
            return redirect(association_url(association))
    if conflict is not None:
        report = conflict
        # The person's figures stay in the form; the hidden version moves on,
        # so saving again is a deliberate choice made after seeing theirs.
        data = request.POST.copy()
        data["version"] = str(conflict.version)
        form = CompositionReportForm(
            data, association=association, fixed_year=year, initial=initial
        )
        form.is_valid()
        form.add_error(
            None,
            _(
                "Someone else saved this report while you were editing it. "
                "Nothing of yours was saved. Their figures are shown beside each "
                "box; check them and save again to keep yours."
            ),
        )
    return _render_report(
        request,
        association,
        form,
        report=report,
        conflict=conflict,
        status=HTTPStatus.CONFLICT if conflict else HTTPStatus.OK,
    )


@representative_view
def activity_new(request, public_id):
    association = association_for(request.user, public_id)
    return _activity_form(request, association, activity=None)


@representative_view
def activity_edit(request, public_id, pk):
    association = association_for(request.user, public_id)
    activity = get_object_or_404(association.activities, pk=pk)
    return _activity_form(request, association, activity=activity)


@login_required
@never_cache
@require_POST
def activity_delete(request, public_id, pk):
    association = association_for(request.user, public_id)
    activity = get_object_or_404(association.activities, pk=pk)
    services.activity_delete(association=association, activity=activity)
    messages.success(request, _("The activity is deleted."))
    return redirect(association_url(association))


@representative_view
def activity_import(request, public_id):
    association = association_for(request.user, public_id)
    form = ActivityImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        rows, problems = form.parse()
        if rows:
            services.activities_import(
                association=association, user=request.user, rows=rows
            )
            messages.success(
                request,
                _("%(count)s activities were imported.") % {"count": len(rows)},
            )
            return redirect(association_url(association))
    return render(
        request,
        "participation/activity_import.html",
        {
            "association": association,
            "form": form,
            "problems": problems,
            "columns": CSV_COLUMNS,
            "kinds": ActivityKind.objects.all(),
            "neighbourhoods": Neighbourhood.objects.all(),
        },
    )


def _activity_form(request, association, *, activity):
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        services.activity_save(
            association=association,
            user=request.user,
            fields=form.activity_fields(),
            activity=activity,
        )
        messages.success(request, _("The activity is saved."))
        return redirect(association_url(association))
    title = _("Edit activity") if activity else _("Record an activity")
    return _render_form(
        request, form, title, association=association, activity=activity
    )


def _render_form(request, form, title, **context):
    return render(
        request,
        "participation/form.html",
        {"form": form, "title": title, **context},
    )


def _render_report(request, association, form, *, report, conflict=None, status=200):
    return render(
        request,
        "participation/report_form.html",
        {
            "association": association,
            "form": form,
            "report": report,
            "conflict": conflict,
            "age_labels": AGE_LABELS,
            "gender_labels": GENDER_LABELS,
            "revisions": report.revisions.select_related("changed_by")[:20]
            if report and report.pk
            else [],
        },
        status=status,
    )
