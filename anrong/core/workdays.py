"""Working days (hari kerja) in Makassar: Monday to Friday, except national public holidays and
the government's joint leave days (cuti bersama). Every time is read in WITA (Asia/Makassar);
inputs may be in any time zone, naive datetimes are taken to be WITA already.

Where the days come from
- Public holidays (hari libur nasional) and cuti bersama: the `holidays` package,
  `holidays.Indonesia` with its "public" and "government" categories. Its data follow the
  SKB 3 Menteri (the joint decree of the Minister of Religious Affairs, the Minister of Manpower
  and the Minister for Administrative and Bureaucratic Reform) issued each year; Islamic holidays
  of years without a decree yet are the package's estimates (marked "estimated").
- `EXTRA_NON_WORKING_DAYS`: days the package does not know, kept here. The government sometimes
  revises the decree during the year (a moved holiday, an added cuti bersama) before a package
  release catches up. To add one, put the date and the decree's name for it in the dict, e.g.
  `dt.date(2026, 3, 25): "Cuti bersama Idulfitri (SKB revisi)"`, with a test in
  anrong/core/tests/test_workdays.py; remove it again once `holidays` carries it.

The deadline rule (`add_working_days`)
- A submission counts from the day it is received if that day is a working day and it arrives
  before 15:00 WITA; arriving at 15:00 or later, or on a weekend or holiday, it counts from the
  next working day. That first counted day is working day 1.
- The deadline is the end of working day N: 23:59:59 WITA.
  Example: received Monday 10 August 2026 at 09.00 WITA, 5 working days: Mon 10 … Fri 14
  August, deadline Friday 14 August 2026, 23.59.59 WITA. Received at 16.00 the same Monday:
  Tue 11 … Fri 14, then Monday 17 August is Independence Day, so Tuesday 18 August 23.59.59.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

WITA = ZoneInfo("Asia/Makassar")
CUT_OFF = dt.time(15, 0)
END_OF_DAY = dt.time(23, 59, 59)

# Days off that `holidays.Indonesia` does not (yet) list. See the module docstring.
EXTRA_NON_WORKING_DAYS: dict[dt.date, str] = {}

# Safety net for the day-by-day loops: no service deadline is ten years of working days away.
_MAX_DAYS = 2600


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[dt.date, str]:
    calendar = holidays.Indonesia(years=year, categories=(holidays.PUBLIC, holidays.GOVERNMENT))
    found = dict(calendar.items())
    found.update({day: name for day, name in EXTRA_NON_WORKING_DAYS.items() if day.year == year})
    return found


def holiday_name(day: dt.date) -> str | None:
    """The name of the holiday or cuti bersama on `day` (in English, from the package), or None."""
    return _holidays_of(day.year).get(day)


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return to_wita(value).date()
    return value


def to_wita(value: dt.datetime) -> dt.datetime:
    """The same moment in WITA; a naive datetime is taken to be WITA already."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=WITA)
    return value.astimezone(WITA)


def is_working_day(day: dt.date | dt.datetime) -> bool:
    """Monday to Friday and neither a public holiday nor cuti bersama. A datetime is first put
    in WITA, so 2026-08-16 20:00 UTC (Monday 17 August, 04.00 WITA) is not a working day."""
    day = _as_date(day)
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    for _ in range(_MAX_DAYS):
        day += dt.timedelta(days=1)
        if is_working_day(day):
            return day
    raise ValueError("no working day found")  # pragma: no cover - the calendar always has one


def first_counted_day(received: dt.datetime) -> dt.date:
    """Working day 1 for something received at `received` (see the module docstring)."""
    local = to_wita(received)
    if is_working_day(local.date()) and local.time() < CUT_OFF:
        return local.date()
    return next_working_day(local.date())


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The deadline for something received at `start` with `days` working days to answer:
    23:59:59 WITA at the end of working day `days` (an aware datetime in WITA)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if days > _MAX_DAYS:
        raise ValueError(f"days must be at most {_MAX_DAYS}")
    day = first_counted_day(start)
    for _ in range(days - 1):
        day = next_working_day(day)
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=WITA)


def working_days_between(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> int:
    """How many working days lie after `start`'s date up to and including `end`'s date (dates
    in WITA). Friday to the next Monday is 1; the same day is 0; negative when `end` is before
    `start` (working_days_between(a, b) == -working_days_between(b, a))."""
    first, last = _as_date(start), _as_date(end)
    if last < first:
        return -working_days_between(last, first)
    if (last - first).days > _MAX_DAYS * 2:
        raise ValueError("the two dates are too far apart")
    count = 0
    day = first
    while day < last:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
