"""Working days: weekends, Indonesian public holidays and cuti bersama, the 15:00 WITA cut-off."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from anrong.core import workdays
from anrong.core.workdays import add_working_days, is_working_day, working_days_between

WITA = ZoneInfo("Asia/Makassar")
UTC = dt.UTC


def wita(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WITA)


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=WITA)


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (dt.date(2026, 8, 14), True, "an ordinary Friday"),
        (dt.date(2026, 8, 15), False, "Saturday"),
        (dt.date(2026, 8, 16), False, "Sunday"),
        (dt.date(2026, 8, 17), False, "Independence Day, a Monday"),
        (dt.date(2026, 8, 18), True, "the Tuesday after"),
        (dt.date(2026, 3, 19), False, "Nyepi"),
        (dt.date(2026, 3, 20), False, "cuti bersama Idulfitri"),
        (dt.date(2026, 3, 23), False, "cuti bersama Idulfitri"),
        (dt.date(2026, 3, 24), False, "cuti bersama Idulfitri"),
        (dt.date(2026, 3, 25), True, "first working day after Lebaran"),
        (dt.date(2026, 5, 27), False, "Iduladha"),
        (dt.date(2026, 5, 31), False, "Waisak (a Sunday anyway)"),
        (dt.date(2026, 6, 1), False, "Hari Lahir Pancasila"),
        (dt.date(2026, 12, 24), False, "cuti bersama Natal"),
        (dt.date(2026, 12, 25), False, "Christmas"),
        (dt.date(2026, 12, 28), True, "a Monday between Christmas and New Year"),
        (dt.date(2027, 1, 1), False, "New Year 2027, a Friday"),
        (dt.date(2027, 1, 4), True, "first Monday of 2027"),
        (dt.date(2027, 3, 8), False, "Nyepi 2027"),
    ],
)
def test_is_working_day_follows_the_indonesian_calendar(day: dt.date, working: bool, why: str) -> None:
    assert is_working_day(day) is working, why


def test_holidays_come_with_a_name() -> None:
    assert workdays.holiday_name(dt.date(2026, 8, 17)) == "Independence Day"
    assert workdays.holiday_name(dt.date(2026, 8, 18)) is None


def test_a_utc_datetime_is_judged_by_its_date_in_wita() -> None:
    # given Sunday 16 August 2026, 16:30 UTC, which is Monday 17 August 00.30 WITA (a holiday)
    moment = dt.datetime(2026, 8, 16, 16, 30, tzinfo=UTC)
    # then it is not a working day, although in UTC it is still Sunday and the next day is Monday
    assert is_working_day(moment) is False
    # and Friday 14 August 15:59 UTC is Friday 23.59 WITA: a working day
    assert is_working_day(dt.datetime(2026, 8, 14, 15, 59, tzinfo=UTC)) is True
    # while Friday 14 August 16:00 UTC is already Saturday in Makassar
    assert is_working_day(dt.datetime(2026, 8, 14, 16, 0, tzinfo=UTC)) is False


@pytest.mark.parametrize(
    ("received", "days", "deadline_day"),
    [
        # before the cut-off on a working day: that day is working day 1
        (wita(2026, 8, 10, 9, 0), 1, dt.date(2026, 8, 10)),
        (wita(2026, 8, 10, 14, 59), 5, dt.date(2026, 8, 14)),
        # at or after 15:00 WITA: counting starts the next working day, across Independence Day
        (wita(2026, 8, 10, 15, 0), 5, dt.date(2026, 8, 18)),
        (wita(2026, 8, 10, 16, 0), 5, dt.date(2026, 8, 18)),
        # on a weekend: the next working day is day 1 (Monday 17 is a holiday)
        (wita(2026, 8, 15, 10, 0), 1, dt.date(2026, 8, 18)),
        # Lebaran 2026: Nyepi, cuti bersama and Idulfitri from 18 to 24 March
        (wita(2026, 3, 17, 10, 0), 2, dt.date(2026, 3, 25)),
        # Christmas and New Year
        (wita(2026, 12, 23, 11, 0), 3, dt.date(2026, 12, 29)),
        (wita(2026, 12, 31, 15, 30), 1, dt.date(2027, 1, 4)),
        (wita(2026, 12, 30, 8, 0), 3, dt.date(2027, 1, 4)),
        # a long deadline crossing Independence Day and the weekends
        (wita(2026, 8, 3, 9, 0), 14, dt.date(2026, 8, 21)),
    ],
)
def test_add_working_days_ends_at_the_end_of_the_nth_working_day(
    received: dt.datetime, days: int, deadline_day: dt.date
) -> None:
    deadline = add_working_days(received, days)
    assert deadline == end_of(deadline_day)
    assert deadline.tzinfo == WITA


def test_utc_input_crossing_midnight_wita_uses_the_wita_clock() -> None:
    # given Friday 14 August 2026, 17:00 UTC: already Saturday 01.00 WITA
    received = dt.datetime(2026, 8, 14, 17, 0, tzinfo=UTC)
    # then day 1 is Tuesday 18 August (weekend, then Independence Day)
    assert add_working_days(received, 1) == end_of(dt.date(2026, 8, 18))
    # and Monday 10 August 06:59 UTC is 14.59 WITA: before the cut-off, so the same day counts
    assert add_working_days(dt.datetime(2026, 8, 10, 6, 59, tzinfo=UTC), 1) == end_of(dt.date(2026, 8, 10))
    # while 07:00 UTC is 15.00 WITA: after the cut-off
    assert add_working_days(dt.datetime(2026, 8, 10, 7, 0, tzinfo=UTC), 1) == end_of(dt.date(2026, 8, 11))


def test_naive_datetimes_are_taken_as_wita() -> None:
    assert add_working_days(dt.datetime(2026, 8, 10, 14, 0), 1) == end_of(dt.date(2026, 8, 10))


def test_add_working_days_needs_at_least_one_day() -> None:
    with pytest.raises(ValueError):
        add_working_days(wita(2026, 8, 10, 9, 0), 0)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 8, 14), dt.date(2026, 8, 14), 0),
        (dt.date(2026, 8, 14), dt.date(2026, 8, 18), 1),  # Fri -> Tue over Independence Day
        (dt.date(2026, 8, 10), dt.date(2026, 8, 21), 8),
        (dt.date(2026, 3, 13), dt.date(2026, 3, 27), 5),  # Lebaran week and a half
        (dt.date(2026, 12, 23), dt.date(2027, 1, 4), 5),  # 28, 29, 30, 31 Dec and 4 Jan
        (dt.date(2026, 8, 18), dt.date(2026, 8, 14), -1),
    ],
)
def test_working_days_between(start: dt.date, end: dt.date, expected: int) -> None:
    assert working_days_between(start, end) == expected


def test_working_days_between_reads_datetimes_in_wita() -> None:
    # Friday 14 August 23:30 WITA given in UTC, to Tuesday 18 August 00:30 WITA given in UTC
    start = dt.datetime(2026, 8, 14, 15, 30, tzinfo=UTC)
    end = dt.datetime(2026, 8, 17, 16, 30, tzinfo=UTC)
    assert working_days_between(start, end) == 1


def test_extra_non_working_days_are_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a revised decree adds Wednesday 25 March 2026
    monkeypatch.setitem(workdays.EXTRA_NON_WORKING_DAYS, dt.date(2026, 3, 25), "Cuti bersama (revisi)")
    workdays._holidays_of.cache_clear()
    try:
        assert is_working_day(dt.date(2026, 3, 25)) is False
        assert add_working_days(wita(2026, 3, 17, 10, 0), 2) == end_of(dt.date(2026, 3, 26))
    finally:
        monkeypatch.undo()
        workdays._holidays_of.cache_clear()
    assert is_working_day(dt.date(2026, 3, 25)) is True
