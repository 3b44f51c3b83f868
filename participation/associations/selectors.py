"""Reads of the participation area for the representatives' pages."""

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet

from participation.associations.models import Activity, Association, CompositionReport


def reports_due(
    associations: Iterable[Association], *, today: datetime.date
) -> list[Association]:
    """The associations that have not filed this year's composition report."""
    associations = list(associations)
    filed = set(
        CompositionReport.objects.filter(
            association__in=associations, year=today.year
        ).values_list("association_id", flat=True)
    )
    return [a for a in associations if a.pk not in filed]


def recent_activities(associations: Iterable[Association], *, limit: int = 10):
    return list(
        Activity.objects.filter(association__in=list(associations))
        .select_related("association", "kind", "neighbourhood")
        .order_by("-date", "-id")[:limit]
    )


def reports_of(association: Association) -> QuerySet[CompositionReport]:
    return association.reports.prefetch_related("revisions__changed_by")
