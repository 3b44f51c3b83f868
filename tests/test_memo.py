"""config/memo.py: the council overview's summaries are computed once
per revision, language and threshold for a short while, and a staff edit
makes every process compute them again."""

import pytest
from django.test import override_settings

from config import memo
from tests.participation.factories import IndicatorFactory, IndicatorTargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_memo():
    memo._memo.clear()
    yield
    memo._memo.clear()


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


@override_settings(COUNCIL_MEMO_SECONDS=60)
def test_computed_once_per_key_and_revision():
    calls, compute = counter()
    assert memo.memoised("x", ("da", 5), compute) == 1
    assert memo.memoised("x", ("da", 5), compute) == 1
    assert memo.memoised("x", ("ar", 5), compute) == 2
    memo.bump()
    assert memo.memoised("x", ("da", 5), compute) == 3
    assert len(calls) == 3


@override_settings(COUNCIL_MEMO_SECONDS=60)
def test_a_staff_edit_bumps_the_revision():
    before = memo.revision()
    indicator = IndicatorFactory()
    after_indicator = memo.revision()
    IndicatorTargetFactory(indicator=indicator)
    assert before != after_indicator != memo.revision()


@override_settings(COUNCIL_MEMO_SECONDS=60)
def test_an_old_entry_is_not_used(monkeypatch):
    calls, compute = counter()
    clock = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    memo.memoised("x", (), compute)
    clock[0] += 61
    memo.memoised("x", (), compute)
    assert len(calls) == 2


def test_zero_seconds_turns_it_off():
    calls, compute = counter()
    memo.memoised("x", (), compute)
    memo.memoised("x", (), compute)
    assert len(calls) == 2


@override_settings(COUNCIL_MEMO_SECONDS=60)
def test_a_value_keep_refuses_is_computed_again():
    """The council overview is memoised only once every indicator's table is
    ready: an incomplete value is shown, not kept."""
    calls, compute = counter()
    assert memo.memoised("keep", (), compute, keep=lambda n: n >= 2) == 1
    assert memo.memoised("keep", (), compute, keep=lambda n: n >= 2) == 2
    assert memo.memoised("keep", (), compute, keep=lambda n: n >= 2) == 2
    assert len(calls) == 2
