"""T10: text a spreadsheet would run as a formula gets a leading apostrophe."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config.csvsafe import TRIGGERS, is_dangerous, neutralise

PAYLOADS = [
    '=HYPERLINK("http://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\0=1",
    "  =1+1",
    '"=1+1"',
    "'=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_t10_formula_payloads_get_an_apostrophe(payload):
    assert is_dangerous(payload)
    out = neutralise(payload)
    assert out.startswith("'")
    assert "\0" not in out


@pytest.mark.parametrize("value", ["Sport", "Aalborg Øst", "2023", "", "a=b", "ت=1"])
def test_plain_text_is_left_alone(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("value", [None, 3, -2, 0.5, -0.25])
def test_numbers_are_left_alone(value):
    assert neutralise(value) == value


@given(
    st.sampled_from(["", " ", "  ", '"', "'", " \"'"]),
    st.sampled_from(TRIGGERS),
    st.text(max_size=30),
)
def test_t10_property_every_prefix_and_payload(prefix, trigger, rest):
    out = neutralise(prefix + trigger + rest)
    assert out.startswith("'")
    assert "\0" not in out
