from datetime import date

import pytest

from peerdesk.domain.periods import PERIODS, period


@pytest.mark.parametrize(
    ("key", "today", "expected"),
    [
        ("this_week", date(2026, 11, 25), (date(2026, 11, 23), date(2026, 11, 29))),
        ("last_week", date(2026, 11, 25), (date(2026, 11, 16), date(2026, 11, 22))),
        ("this_week", date(2027, 1, 1), (date(2026, 12, 28), date(2027, 1, 3))),
        ("last_week", date(2027, 1, 4), (date(2026, 12, 28), date(2027, 1, 3))),
        ("this_month", date(2026, 11, 25), (date(2026, 11, 1), date(2026, 11, 30))),
        ("this_month", date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
        ("last_month", date(2026, 11, 25), (date(2026, 10, 1), date(2026, 10, 31))),
        ("last_month", date(2027, 1, 15), (date(2026, 12, 1), date(2026, 12, 31))),
        ("last_month", date(2028, 3, 31), (date(2028, 2, 1), date(2028, 2, 29))),
        ("this_month", date(2026, 2, 1), (date(2026, 2, 1), date(2026, 2, 28))),
    ],
)
def test_periods(key, today, expected):
    assert period(key, today) == expected


def test_every_period_has_a_label_and_an_unknown_one_is_refused():
    assert list(PERIODS) == ["this_week", "last_week", "this_month", "last_month"]
    with pytest.raises(ValueError, match="unknown period"):
        period("next_year", date(2026, 1, 1))
