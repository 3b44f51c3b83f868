"""The demo's official statistics come in as Statistics Denmark gives them
(issue 17, item 10): Tables 1-3 as JSON-stat and FOLK1E as a PX file, made
by cms/demo/statbank_files.py, with the same figures as before."""

import pandas as pd

from cms.demo import statbank_files
from participation.council.folk1e import parse_folk1e, synthetic_folk1e
from participation.council.indicators import (
    parse_statistics_csv,
    parse_statistics_file,
)
from participation.council.statbank import (
    StatisticsMapping,
    population_frame,
    read_statbank,
)


def test_the_demo_files_are_made_by_their_code(tmp_path):
    written = statbank_files.write_files(tmp_path)
    for path in written:
        assert path.read_bytes() == (statbank_files.DATA / path.name).read_bytes()


def test_the_demo_tables_import_the_same_figures_as_the_csv():
    before = parse_statistics_csv(statbank_files.STATISTICS_SOURCE.read_bytes())
    after = []
    for number, path in statbank_files.STATISTICS_FILES.items():
        mapping = StatisticsMapping(**statbank_files.IMPORT_OPTIONS[number])
        parsed = parse_statistics_file(path.read_bytes(), mapping=mapping)
        assert not parsed.problems and not parsed.skipped
        assert parsed.source == before.source
        after += parsed.rows
    assert len(after) == len(before.rows) == 35
    figures = {row.key: row.value for row in before.rows}
    assert {row.key: row.value for row in after} == figures


def test_the_demo_population_is_the_synthetic_folk1e_to_the_person():
    table = read_statbank(statbank_files.POPULATION_FILE.read_bytes())
    assert table.format == "px" and table.synthetic
    expected = parse_folk1e(synthetic_folk1e(**statbank_files.POPULATION))
    pd.testing.assert_frame_equal(population_frame(table), expected)
    assert int(expected["count"].sum()) == 222_571
