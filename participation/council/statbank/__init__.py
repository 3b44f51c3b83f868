"""Statistics Denmark's own table formats, read into one long DataFrame.

Staff download official figures from Statistikbanken (statistikbanken.dk)
or its API (api.statbank.dk) and import them unchanged (SPEC §3.3): as a
PC-Axis file (.px), as JSON-stat, or as the semicolon CSV the API writes.
``read_statbank`` tells the three apart by their content and returns a
``StatbankTable`` whose ``frame`` is long:

- one column per dimension, named by the dimension's id ("HERKOMST",
  "Tid"; for a PX file its VARIABLE-CODE or else its name, "herkomst"),
  holding the category labels ("Indvandrere");
- ``value`` (float; NaN where the figure is missing);
- ``status`` (str): the file's symbol for the cell, "" for none; ".." for a
  missing figure the file gives no symbol for.

Rows are in the file's order; for PX and JSON-stat that is every
combination of the categories, the last dimension changing fastest.

Two mappings onto what the project stores:

- ``population_frame``: FOLK1E in any of the formats, as the frame
  participation/council/folk1e.py's ``parse_folk1e`` gives for its CSV. Its
  label lookups (``folk1e.label_code``, ``folk1e.column_name``) decide what
  a label means, so every format means the same by "Mænd" or "Indvandrere".
- ``statistics_frame``: any table as rows of official statistics (table,
  indicator, breakdown, year, group, value), the dimensions named by a
  ``StatisticsMapping`` or detected: TID is the year, HERKOMST the group.

``px_bytes`` and ``jsonstat_text`` write the two formats (the demo's files,
tests).

Everything wrong with a file is collected, not only the first thing, and
raised as one ``StatbankError`` whose ``problems`` each have a stable
``code``, say what is wrong and where (the line and PX keyword, the place
in the JSON, the dimension and category, or the figure and its
categories), and render in the active language with ``render(gettext)``:
the English templates are marked for makemessages in errors.py, translated
where they are shown. Sizes are bounded before anything large is built
(``MAX_BYTES``, ``MAX_CELLS``, ``MAX_DIMENSIONS``, ``MAX_LABEL``).

The package: errors.py (the messages, ``StatbankError``), limits.py,
table.py (``Dimension``, ``StatbankTable``, ``cube_table``), px.py,
jsonstat.py and statbank_csv.py (a reader and, for the first two, a
writer each), detect.py (``detect_format``, ``read_statbank``) and
mapping.py (``statistics_frame``, ``population_frame``). This module
re-exports their public names.

Pure: standard library and pandas, and folk1e's lookups; no Django models
or settings.
"""

from participation.council.statbank.detect import (
    FORMATS,
    detect_format,
    read_statbank,
)
from participation.council.statbank.errors import (
    EXPECTED as EXPECTED,
)
from participation.council.statbank.errors import (
    MESSAGES,
    WHERE,
    StatbankError,
    StatbankProblem,
)
from participation.council.statbank.errors import (
    gettext_noop as gettext_noop,
)
from participation.council.statbank.jsonstat import jsonstat_text, read_jsonstat
from participation.council.statbank.limits import (
    MAX_BYTES,
    MAX_CELLS,
)
from participation.council.statbank.limits import (
    MAX_DIMENSIONS as MAX_DIMENSIONS,
)
from participation.council.statbank.limits import (
    MAX_LABEL as MAX_LABEL,
)
from participation.council.statbank.limits import (
    MAX_PROBLEMS as MAX_PROBLEMS,
)
from participation.council.statbank.mapping import (
    ALL_GROUP as ALL_GROUP,
)
from participation.council.statbank.mapping import (
    GROUP_CODES,
    StatisticsMapping,
    population_frame,
    statistics_frame,
)
from participation.council.statbank.mapping import (
    STATISTICS_COLUMNS as STATISTICS_COLUMNS,
)
from participation.council.statbank.px import px_bytes, read_px
from participation.council.statbank.statbank_csv import (
    is_statbank_csv,
    read_statbank_csv,
)
from participation.council.statbank.table import (
    MISSING as MISSING,
)
from participation.council.statbank.table import (
    RESERVED as RESERVED,
)
from participation.council.statbank.table import (
    Dimension,
    StatbankTable,
    cube_table,
)

__all__ = [
    "FORMATS",
    "GROUP_CODES",
    "MAX_BYTES",
    "MAX_CELLS",
    "MESSAGES",
    "WHERE",
    "Dimension",
    "StatbankError",
    "StatbankProblem",
    "StatbankTable",
    "StatisticsMapping",
    "cube_table",
    "detect_format",
    "is_statbank_csv",
    "jsonstat_text",
    "population_frame",
    "px_bytes",
    "read_jsonstat",
    "read_px",
    "read_statbank",
    "read_statbank_csv",
    "statistics_frame",
]
