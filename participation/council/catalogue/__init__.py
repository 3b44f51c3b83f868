"""The council's fixed catalogue of tables (SPEC §4; docs/ARCHITECTURE.md).

Every table a council page, a printed report or an export shows is built
here, and every number in it has passed participation.stats.disclosure.disclose:
views and exports only format a :class:`Table` (T08: the page and the files
come from the same object, so they cannot differ). The database counts; the
weighting and the statistics run in pandas on what it returns.

The catalogue is fixed on purpose (differencing, T06): a question, a wave and
one breakdown from :data:`BREAKDOWNS`, nothing else. A table whose group is
smaller than k shows nothing.

The modules: ``table`` (the Table and the policy), ``survey``,
``participation``, ``themes``, ``indicators`` (the tables by subject) and
``keys`` (a table named by its key). This package re-exports their public
names: callers write ``catalogue.survey_table`` and ``catalogue.Table``.
"""

from participation.council.catalogue.activities import (  # noqa: F401
    ACTIVITY_TABLES,
    activity_frame,
    activity_table,
    activity_years,
    shown_kinds,
)
from participation.council.catalogue.indicators import (  # noqa: F401
    IndicatorSummary,
    indicator_summary,
    indicator_table,
    summary_of,
    unit_kind,
)
from participation.council.catalogue.keys import (  # noqa: F401
    catalogue_builder,
    table_for_key,
)
from participation.council.catalogue.participation import (  # noqa: F401
    PARTICIPATION_MEASURES,
    REPRESENTATION_SCOPES,
    participation_frame,
    participation_origin_table,
    participation_years,
    representation_table,
)
from participation.council.catalogue.survey import (  # noqa: F401
    BREAKDOWNS,
    EXPLORABLE_KINDS,
    Breakdown,
    explorer_questions,
    explorer_waves,
    population_label,
    population_margins,
    survey_key,
    survey_table,
)
from participation.council.catalogue.table import (  # noqa: F401
    COUNT,
    COUNTRY_GROUP_LABELS,
    MIN_UNITS,
    NOT_KNOWN,
    NUMBER,
    ORIGIN_LABELS,
    PERCENT,
    PLACES,
    POOLED,
    RATIO,
    SHARE,
    Statistic,
    Table,
    policy,
    tables_to_data,
)
from participation.council.catalogue.themes import (  # noqa: F401
    theme_table,
)
