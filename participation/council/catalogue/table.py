"""The council catalogue's table: what every page, chart, file and API answer
of the council shows (:class:`Table`, built only through disclosure control),
the labels shared by its tables, and the council's disclosure policy.

A table's labels are lazy: each is read in the language active when it is
shown (``str(label)``), so a table built once can be written down with its
labels in every language (:func:`tables_to_data`) and read back in one
(:meth:`Table.from_data`), without building it again per language."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.council.models import DisclosureSettings
from participation.stats.disclosure import TOTAL, Disclosed, Policy
from participation.stats.rounding import half_up
from surveys import messages
from surveys.origin import CountryGroup, Origin

#: The label of a group whose value is not known (no answer, "unknown").
NOT_KNOWN = _("Not known")

ORIGIN_LABELS = {**messages.ORIGIN_LABELS, Origin.UNKNOWN.value: NOT_KNOWN}
COUNTRY_GROUP_LABELS = {
    **messages.COUNTRY_GROUP_LABELS,
    CountryGroup.UNKNOWN.value: NOT_KNOWN,
}


SHARE, PERCENT, NUMBER, RATIO = "share", "percent", "number", "ratio"
#: A whole number of things that are not people (activities held).
COUNT = "count"

#: A label of a table: text, or a lazy text read in the active language.
Label = str | Promise


def _model_text(instance, attribute: str) -> str:
    value = getattr(instance, attribute)
    return str(value() if callable(value) else value)


#: ``model_text(question, "text")``: a model's text (a translated field, or a
#: method such as ``get_group_display``) read when shown, in the active
#: language. Module-level functions, so a lazy label can still be pickled.
model_text = lazy(_model_text, str)


def _interpolated(template: Label, params: dict) -> str:
    return str(template) % {
        name: str(value) if isinstance(value, Promise) else value
        for name, value in params.items()
    }


_interpolate = lazy(_interpolated, str)


def interpolate(template: Label, **params) -> str:
    """``template % params`` when shown: ``gettext(...) % {...}`` would fix
    the language when the table is built. Lazy params (labels) are read in
    the same language; numbers stay as they were computed."""
    return _interpolate(template, params)


#: Decimals of every statistic a page, chart, file or API answer shows, by
#: kind (Statistic.kind), rounded once, half up (participation/stats/
#: rounding.py), so all of them carry the same numbers (T08): a share (0-1)
#: to a tenth of a percentage point, a percentage and a mean to one decimal,
#: a ratio to two.
PLACES = {SHARE: 3, PERCENT: 1, NUMBER: 1, RATIO: 2, COUNT: 0}

#: The fewest associations or boards behind a published row (Statistics
#: Denmark's minimum of units): fewer would describe those units (T09).
MIN_UNITS = 3
POOLED = "__pooled__"


@dataclass(frozen=True)
class Statistic:
    """A figure of a whole row (share agreeing, mean ...), shown beside it."""

    code: str
    label: Label
    #: How to show it: SHARE (0-1, shown as a percentage), PERCENT (already
    #: 0-100), NUMBER (a mean, an effective sample size) or RATIO.
    kind: str


@dataclass
class Table:
    """A disclosed table and what is needed to show it or write it to a file.

    ``disclosed`` holds the counts; ``disclosed.row_values`` the row
    statistics named in ``statistics``. Nothing here is un-disclosed.
    """

    key: str
    title: Label
    row_heading: Label
    rows: list[tuple[str | int, Label]]  # (code, label), in display order
    columns: list[tuple[str, Label]]
    disclosed: Disclosed
    statistics: list[Statistic] = field(default_factory=list)
    notes: list[Label] = field(default_factory=list)
    empty: bool = False
    #: Indicator tables: the council's targets by year (policy, not data).
    targets: dict[int, float] = field(default_factory=dict)
    #: Whether the "All" row means something (not for years of an indicator).
    show_total: bool = True
    #: The counts before disclosure control, while a release is made: the
    #: joint audit works from the true values (participation/council/
    #: releases/build.py). Never shown, exported or frozen (``to_data``
    #: leaves it out; a table read from a release has None).
    truth: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    @property
    def k(self) -> int:
        return self.disclosed.policy.k

    def records(self) -> list[dict]:
        """One dict per row (the total row last): what the page shows and every
        export writes. Hidden numbers are None."""
        out = []
        codes = [code for code, _label in self.rows]
        labels = [label for _code, label in self.rows]
        if self.columns and self.show_total:
            codes.append(TOTAL)
            labels.append(gettext("All"))
        for code, label in zip(codes, labels, strict=True):
            record = {"code": code, "label": str(label), "cells": []}
            if code == TOTAL:
                cells = self.disclosed.column_totals
                total = self.disclosed.total
            else:
                cells = self.disclosed.counts.loc[code]
                total = self.disclosed.row_totals.loc[code]
            for column, _column_label in self.columns:
                value = cells.loc[column]
                record["cells"].append(None if pd.isna(value) else int(value))
            record["total"] = None if total is None or pd.isna(total) else int(total)
            if self.targets and code != TOTAL:
                record["target"] = self.targets.get(int(code))
            for statistic in self.statistics:
                value = self.disclosed.row_values[statistic.code].get(code, np.nan)
                record[statistic.code] = half_up(value, PLACES[statistic.kind])
            out.append(record)
        return out

    def label_texts(self) -> list[str]:
        """Every label in the active language, in a fixed order: the title,
        the row heading, the rows, the columns, the statistics, the notes."""
        return [
            str(self.title),
            str(self.row_heading),
            *(str(label) for _code, label in self.rows),
            *(str(label) for _code, label in self.columns),
            *(str(statistic.label) for statistic in self.statistics),
            *(str(note) for note in self.notes),
        ]

    def to_data(self, languages: Sequence[str]) -> dict:
        """The table as JSON-ready data, each label in every one of
        ``languages`` (see :func:`tables_to_data`)."""
        return tables_to_data([self], languages)[0]

    @classmethod
    def from_data(cls, data: dict, language: str) -> Table:
        """The table :meth:`to_data` wrote, its labels plain text in
        ``language`` (else the site's default language, else any)."""
        if data.get("version") != DATA_VERSION:
            raise ValueError(f"unknown table data version {data.get('version')!r}")

        def text(texts: dict[str, str]) -> str:
            for choice in (language, settings.LANGUAGE_CODE):
                if choice in texts:
                    return texts[choice]
            return next(iter(texts.values()), "")

        return cls(
            key=data["key"],
            title=text(data["title"]),
            row_heading=text(data["row_heading"]),
            rows=[(code, text(texts)) for code, texts in data["rows"]],
            columns=[(code, text(texts)) for code, texts in data["columns"]],
            disclosed=_disclosed_from_data(data["disclosed"]),
            statistics=[
                Statistic(s["code"], text(s["label"]), s["kind"])
                for s in data["statistics"]
            ],
            notes=[text(texts) for texts in data["notes"]],
            empty=data["empty"],
            targets={int(year): float(value) for year, value in data["targets"]},
            show_total=data["show_total"],
        )


#: The layout of :func:`tables_to_data`'s dicts; :meth:`Table.from_data`
#: refuses any other.
DATA_VERSION = 1


def tables_to_data(tables: Iterable[Table], languages: Sequence[str]) -> list[dict]:
    """Each table as a JSON-ready dict: its key, its disclosed numbers (null
    where hidden) and every label as ``{language: text}`` for ``languages``.
    The labels are read under one ``translation.override`` per language for
    all the tables together (a release freezes hundreds at once). What
    disclosure control keeps for staff (``Disclosed.reasons`` and the
    ``*_reasons``) is never written: the data is published as it is."""
    tables = list(tables)
    languages = list(dict.fromkeys(languages))
    if not languages:
        raise ValueError("a table's data needs at least one language")
    texts: list[dict[str, list[str]]] = [{} for _table in tables]
    for language in languages:
        with translation.override(language):
            for table, by_language in zip(tables, texts, strict=True):
                by_language[language] = table.label_texts()
    return [
        _table_data(table, by_language, languages)
        for table, by_language in zip(tables, texts, strict=True)
    ]


def _table_data(
    table: Table, by_language: dict[str, list[str]], languages: list[str]
) -> dict:
    # One {language: text} per label, in Table.label_texts() order.
    labels = (
        dict(zip(languages, texts, strict=True))
        for texts in zip(*(by_language[lang] for lang in languages), strict=True)
    )
    return {
        "version": DATA_VERSION,
        "key": table.key,
        "title": next(labels),
        "row_heading": next(labels),
        "rows": [[_code(code), next(labels)] for code, _label in table.rows],
        "columns": [[_code(code), next(labels)] for code, _label in table.columns],
        "statistics": [
            {"code": s.code, "kind": s.kind, "label": next(labels)}
            for s in table.statistics
        ],
        "notes": [next(labels) for _note in table.notes],
        "empty": bool(table.empty),
        "show_total": bool(table.show_total),
        "targets": [
            [int(year), float(value)] for year, value in sorted(table.targets.items())
        ],
        "disclosed": _disclosed_data(table.disclosed),
    }


def policy(*, public: bool = False, settings=None) -> Policy:
    """The disclosure thresholds staff set (participation.DisclosureSettings),
    or those ``settings`` were made under (anything with ``k``, ``public_k``
    and ``uniform_min``: a Release)."""

    current = settings if settings is not None else DisclosureSettings.load()
    k = current.public_k if public else current.k
    return Policy(k=k, uniform_min=max(current.uniform_min, k))


# --------------------------------------------------------------------------
# A Disclosed as data: only what may be published


def _code(code) -> str | int:
    """A row or column code as JSON keeps it: text, or a whole number (a
    year), with numpy's scalars made plain."""
    if isinstance(code, np.generic):
        code = code.item()
    if isinstance(code, bool) or not isinstance(code, str | int):
        raise TypeError(f"a table code must be text or a whole number: {code!r}")
    return code


def _count(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _number(value) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


def _disclosed_data(disclosed: Disclosed) -> dict:
    counts = disclosed.counts
    return {
        "index": [_code(code) for code in counts.index],
        "columns": [_code(code) for code in counts.columns],
        "counts": [
            [_count(value) for value in row]
            for row in counts.to_numpy(dtype=object, na_value=None)
        ],
        "row_totals": [_count(value) for value in disclosed.row_totals],
        "column_totals": [_count(value) for value in disclosed.column_totals],
        "total": _count(disclosed.total),
        "values": {
            name: {
                "index": [_code(code) for code in frame.index],
                "columns": [_code(code) for code in frame.columns],
                "data": [
                    [_number(value) for value in row]
                    for row in frame.to_numpy(dtype=float, na_value=np.nan)
                ],
            }
            for name, frame in disclosed.values.items()
        },
        "row_values": {
            name: {
                "index": [_code(code) for code in series.index],
                "data": [
                    _number(value)
                    for value in series.to_numpy(dtype=float, na_value=np.nan)
                ],
            }
            for name, series in disclosed.row_values.items()
        },
        "policy": {
            "k": disclosed.policy.k,
            "uniform_min": disclosed.policy.uniform_min,
        },
    }


def _floats(data: list, shape: tuple[int, ...]) -> np.ndarray:
    return np.array(data, dtype=float).reshape(shape)


def _disclosed_from_data(data: dict) -> Disclosed:
    """A Disclosed with the shapes and dtypes ``disclose`` (or, for a table
    without columns, ``published``) gives, holding the published numbers
    only: the reasons are unknown (None), as they are to any reader."""
    index = pd.Index(data["index"], dtype=object)
    columns = pd.Index(data["columns"], dtype=object)
    shape = (len(index), len(columns))
    cells = np.array(data["counts"], dtype=object).reshape(shape)
    counts = pd.DataFrame(cells, index=index, columns=columns).astype("Int64")
    # published() gives a table without columns a column index of its own.
    by_column = columns if len(columns) else None
    return Disclosed(
        counts=counts,
        hidden=counts.isna(),
        reasons=pd.DataFrame(
            np.full(shape, None, dtype=object), index=index, columns=columns
        ),
        row_totals=pd.Series(
            pd.array(data["row_totals"], dtype="Int64"), index=index, name=TOTAL
        ),
        column_totals=pd.Series(
            pd.array(data["column_totals"], dtype="Int64"), index=by_column, name=TOTAL
        ),
        total=data["total"],
        # Labels inferred from the list, as disclose() reindexes its values.
        values={
            name: pd.DataFrame(
                _floats(frame["data"], (len(frame["index"]), len(frame["columns"]))),
                index=pd.Index(frame["index"]),
                columns=pd.Index(frame["columns"]),
            )
            for name, frame in data["values"].items()
        },
        policy=Policy(k=data["policy"]["k"], uniform_min=data["policy"]["uniform_min"]),
        row_total_reasons=pd.Series(None, index=index, dtype=object),
        column_total_reasons=pd.Series(None, index=by_column, dtype=object),
        total_reason=None,
        row_values={
            name: pd.Series(
                _floats(series["data"], (len(series["index"]),)),
                index=pd.Index(series["index"], dtype=object),
                name=name,
            )
            for name, series in data["row_values"].items()
        },
    )
