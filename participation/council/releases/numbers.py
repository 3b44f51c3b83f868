"""A release's numbers as the attacker sets them up: every number of every
table a sum of inner cells (releases.linkage), with the equations that tie
the breakdowns together, for participation.stats.joint_audit. Used while a
release is made (releases.build), when two releases are compared
(releases.between) and by the audit of a made release.
"""

from __future__ import annotations

from django.conf import settings

from participation.council import catalogue
from participation.council.models import Indicator, Release
from participation.council.releases import linkage
from participation.council.releases.populations import COUNCIL, WAVE, Population


def links(population: Population, tables: dict, kinds: dict | None):
    """The numbers and equations of the release's tables (releases.linkage);
    ``kinds``: for reports, the kinds counted (ReportLinks.kinds_counted)."""
    numbers = []
    if population.kind == WAVE:
        links = linkage.WaveLinks(population.value)
        links.tables = {
            key: t for (scope, key), t in tables.items() if scope == COUNCIL
        }
        for (scope, key), table in tables.items():
            kind = key.split(":")[0]
            if kind == "survey":
                question, breakdown = links.survey_parts(key)
                cells = links.survey_cells(question, breakdown)
            elif kind == "themes":
                cells = links.theme_cells(key)
            else:
                indicator = Indicator.objects.select_related("question").get(
                    code=key.split(":")[1]
                )
                cells = links.indicator_cells(indicator)
            numbers += linkage.table_numbers(scope, table, cells)
        return linkage.consistent(numbers), links.equations()
    links = linkage.ReportLinks(population.value, kinds)
    links.tables = {key: t for (scope, key), t in tables.items() if scope == COUNCIL}
    for (scope, key), table in tables.items():
        kind, _sep, rest = key.partition(":")
        if kind == "participation":
            cells = links.participation_cells(key)
        elif kind == "representation":
            cells = links.representation_cells(rest)
        elif kind == "activities":
            cells = links.activity_cells(rest)
        else:
            cells = links.indicator_cells(Indicator.objects.get(code=rest))
        numbers += linkage.table_numbers(scope, table, cells)
    return linkage.consistent(numbers), []


def release_numbers(release: Release) -> tuple[list, list]:
    """The numbers and equations of a made release, set up from what it
    publishes as the attacker would (releases.linkage)."""
    population = Population.parse(release.population)
    tables = {
        (t.scope, t.key): catalogue.Table.from_data(t.data, settings.LANGUAGE_CODE)
        for t in release.tables.order_by("pk")
    }
    return links(population, tables, (release.audit or {}).get("kinds"))
