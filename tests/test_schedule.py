"""Delivery dates: month ends, anchors, 第N曜日, and properties over many dates."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from saleor_subscriptions.plans.schedule import delivery_dates, upcoming_deliveries
from saleor_subscriptions.plans.terms import Schedule

D = datetime.date


def dates(start, count=5, **schedule):
    return delivery_dates(Schedule.model_validate(schedule), start, count)


def test_every_month_on_the_31st_falls_back_in_short_months_and_returns():
    assert dates(D(2027, 1, 31), interval_unit="month") == [
        D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30), D(2027, 5, 31)
    ]
    assert dates(D(2028, 1, 31), 2, interval_unit="month") == [D(2028, 1, 31), D(2028, 2, 29)]  # leap year


def test_a_fixed_billing_day_starts_at_the_next_such_day():
    assert dates(D(2027, 3, 12), 3, interval_unit="month", anchor_day=10) == [D(2027, 4, 10), D(2027, 5, 10), D(2027, 6, 10)]
    assert dates(D(2027, 3, 8), 2, interval_unit="month", anchor_day=25) == [D(2027, 3, 25), D(2027, 4, 25)]
    assert dates(D(2027, 2, 3), 3, interval_unit="month", anchor_last_day=True) == [D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30)]


def test_the_second_tuesday_of_every_month():
    # 2027-01-12, 02-09, 03-09 are the second Tuesdays
    assert dates(D(2027, 1, 1), 3, interval_unit="month", anchor_weekday=1, anchor_week=2) == [
        D(2027, 1, 12), D(2027, 2, 9), D(2027, 3, 9)
    ]


def test_a_fifth_weekday_a_month_lacks_becomes_its_last():
    # Fridays: January 2027 has five, February 2027 four
    assert dates(D(2027, 1, 1), 2, interval_unit="month", anchor_weekday=4, anchor_week=5) == [D(2027, 1, 29), D(2027, 2, 26)]


def test_every_two_weeks_on_a_weekday_and_every_ten_days():
    assert dates(D(2027, 1, 1), 3, interval_unit="week", interval_count=2, anchor_weekday=0) == [
        D(2027, 1, 4), D(2027, 1, 18), D(2027, 2, 1)
    ]
    assert dates(D(2027, 12, 25), 3, interval_unit="day", interval_count=10) == [D(2027, 12, 25), D(2028, 1, 4), D(2028, 1, 14)]


@settings(max_examples=300, deadline=None)
@given(st.dates(D(2020, 1, 1), D(2040, 12, 31)), st.integers(1, 31), st.integers(1, 3))
def test_monthly_anchors_hold_in_every_month(start, day, every):
    result = dates(start, 24, interval_unit="month", interval_count=every, anchor_day=day)
    assert result[0] >= start
    for date in result:
        last = (date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
        assert date.day == min(day, last.day)
    months = [d.year * 12 + d.month for d in result]
    assert all(b - a == every for a, b in zip(months, months[1:]))  # never skips or doubles a month


@settings(max_examples=300, deadline=None)
@given(st.dates(D(2020, 1, 1), D(2040, 12, 31)), st.sampled_from(["day", "week"]), st.integers(1, 8))
def test_day_and_week_intervals_are_evenly_spaced(start, unit, every):
    result = dates(start, 10, interval_unit=unit, interval_count=every)
    step = every * (7 if unit == "week" else 1)
    assert result[0] == start
    assert {(b - a).days for a, b in zip(result, result[1:])} == {step}


def upcoming(ordered_on, count=3, trial_days=None, **schedule):
    return upcoming_deliveries(Schedule.model_validate(schedule), ordered_on, count, trial_days=trial_days)


def test_the_first_delivery_ships_with_the_order_and_the_anchor_takes_over_next_month():
    assert upcoming(D(2027, 1, 31), interval_unit="month") == [D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31)]
    assert upcoming(D(2027, 1, 12), interval_unit="month", anchor_day=25) == [D(2027, 1, 12), D(2027, 2, 25), D(2027, 3, 25)]
    assert upcoming(D(2027, 1, 6), interval_unit="week", anchor_weekday=4) == [D(2027, 1, 6), D(2027, 1, 15), D(2027, 1, 22)]


def test_a_free_days_trial_delays_the_second_delivery():
    assert upcoming(D(2027, 1, 10), trial_days=14, interval_unit="month") == [D(2027, 1, 10), D(2027, 1, 24), D(2027, 2, 24)]
