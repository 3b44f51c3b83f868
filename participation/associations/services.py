"""Writes of the participation area: requests and approvals, composition
reports (with conflict detection and history) and activities.

Views validate input with the forms in participation/associations/forms.py and call one
function here; the model constraints hold even if a caller forgets.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from participation.associations.models import (
    COUNT_FIELDS,
    Activity,
    Association,
    CompositionReport,
    CompositionRevision,
    Representation,
    Status,
)


class ReportConflict(Exception):
    """The report was saved by someone else after this form was opened."""

    def __init__(self, report: CompositionReport):
        super().__init__(f"report {report.pk} is at version {report.version}")
        self.report = report


def association_request(*, user, note: str = "", **fields) -> Association:
    """A representative asks for a new association: it and the requester's
    representation wait for staff."""
    with transaction.atomic():
        association = Association(
            requested_by=user, request_note=note, status=Status.PENDING, **fields
        )
        association.full_clean()
        association.save()
        Representation.objects.create(
            user=user, association=association, note=note, status=Status.PENDING
        )
    return association


def representation_request(*, user, association: Association, note: str = ""):
    """A representative asks to join an existing association. Asking twice
    keeps the first request."""
    representation, _created = Representation.objects.get_or_create(
        user=user,
        association=association,
        defaults={"note": note, "status": Status.PENDING},
    )
    return representation


def association_decide(*, association: Association, approve: bool) -> None:
    """Staff approve or reject a requested association; the requester's own
    representation follows the association's fate."""
    status = Status.APPROVED if approve else Status.REJECTED
    with transaction.atomic():
        Association.objects.filter(pk=association.pk).update(status=status)
        association.status = status
        if association.requested_by_id:
            Representation.objects.filter(
                association=association,
                user_id=association.requested_by_id,
                status=Status.PENDING,
            ).update(status=status, decided_at=timezone.now())


def representation_decide(*, representation: Representation, approve: bool) -> None:
    representation.status = Status.APPROVED if approve else Status.REJECTED
    representation.decided_at = timezone.now()
    representation.save(update_fields=["status", "decided_at"])


def composition_report_save(
    *,
    association: Association,
    year: int,
    counts: dict[str, int],
    version: int | None,
    user,
) -> CompositionReport:
    """Create the year's report (``version`` None) or correct it in place.

    ``version`` is the version the person's form was made from: if someone
    saved in between, nothing is written and ReportConflict carries the
    report as it now stands (TESTPLAN T13). Every save leaves a revision
    naming who changed which counts."""
    counts = {name: int(counts.get(name, 0)) for name in ("board_size", *COUNT_FIELDS)}
    with transaction.atomic():
        report = (
            CompositionReport.objects.select_for_update()
            .filter(association=association, year=year)
            .first()
        )
        if report is None:
            if version is not None:
                # The form was for a report that has since been deleted.
                raise ReportConflict(
                    CompositionReport(association=association, year=year)
                )
            report = CompositionReport(association=association, year=year, **counts)
            report.full_clean()
            report.save()
            changes = {name: [None, value] for name, value in counts.items() if value}
        else:
            if version != report.version:
                raise ReportConflict(report)
            before = report.counts()
            changes = {
                name: [before[name], value]
                for name, value in counts.items()
                if before[name] != value
            }
            for name, value in counts.items():
                setattr(report, name, value)
            report.full_clean()
            # The version guard in the WHERE clause makes the check and the
            # write one statement, whatever the database's locking does.
            updated = CompositionReport.objects.filter(
                pk=report.pk, version=version
            ).update(version=F("version") + 1, updated_at=timezone.now(), **counts)
            if not updated:
                raise ReportConflict(CompositionReport.objects.get(pk=report.pk))
            report.refresh_from_db()
        CompositionRevision.objects.create(
            report=report, version=report.version, changed_by=user, changes=changes
        )
    return report


def _split_participants(fields: dict) -> dict:
    """Participants of unknown origin are those not counted in a known group."""
    known = sum(
        int(fields.get(name) or 0)
        for name in (
            "participants_danish",
            "participants_immigrant",
            "participants_descendant",
        )
    )
    return {**fields, "participants_unknown": int(fields["participants_total"]) - known}


def activity_save(
    *, association: Association, user, fields: dict, activity: Activity | None = None
) -> Activity:
    """Create an activity, or update ``activity`` (which must belong to
    ``association``) from validated form fields."""
    fields = _split_participants(fields)
    if activity is None:
        activity = Activity(association=association, created_by=user)
    elif activity.association_id != association.pk:
        raise ValueError("activity belongs to another association")
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean()
    activity.save()
    return activity


def activities_import(
    *, association: Association, user, rows: Iterable[dict]
) -> list[Activity]:
    """Store already validated CSV rows, all or none."""
    with transaction.atomic():
        return [
            activity_save(association=association, user=user, fields=fields)
            for fields in rows
        ]


def activity_delete(*, association: Association, activity: Activity) -> None:
    if activity.association_id != association.pk:
        raise ValueError("activity belongs to another association")
    activity.delete()
