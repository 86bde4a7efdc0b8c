"""Dates as they turn up in record cells: date objects, Excel serials and hand-typed text.

The reader hands over ``datetime`` objects for cells Excel formatted as dates, bare numbers
when the format was lost, and strings when someone typed "31.1.2024" into a text cell.
:func:`parse_date` turns any of these into a :class:`ParsedDate` and never raises.

Typed dates are read day-first, as they are written in the Nordic countries. A date is read
month-first (US) only when day-first is impossible, and ``ambiguous`` is set when both readings
are possible and differ.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from ropa.model.text import date_text

# Excel's 1900 date system: serial 1 is 1900-01-01. Excel also counts 1900-02-29, which never
# existed, as serial 60; from serial 61 on, the usual epoch 1899-12-30 gives the right date.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_EXCEL_EARLY_EPOCH = datetime.date(1899, 12, 31)
_EXCEL_PHANTOM_LEAP_DAY = 60
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31, the last date Excel can show

# Two-digit years up to this value are in the 2000s ("31.01.24"), later ones in the 1900s.
_TWO_DIGIT_PIVOT = 68

_TIME = r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?)?"
_ZONE = r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?"
_ISO = re.compile(rf"^(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_TIME}{_ZONE}$")
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_DAY_FIRST = re.compile(
    rf"^(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}}){_TIME}$"
)
_SERIAL = re.compile(r"^\d{1,7}(?:[.,]\d+)?$")


@dataclass(frozen=True)
class ParsedDate:
    """A date read from a cell, with the form it was written in.

    ``source_form`` is one of "date", "datetime", "excel-serial", "iso", "nordic", "us",
    "text-unparseable" or "empty".
    """

    value: datetime.date | None
    source_form: str
    ambiguous: bool = False


_EMPTY = ParsedDate(None, "empty")
_UNPARSEABLE = ParsedDate(None, "text-unparseable")


def parse_date(value: object) -> ParsedDate:
    """Read one cell value as a date. Never raises; unreadable input is "text-unparseable"."""
    try:
        return _parse(value)
    except Exception:  # odd cell objects (pandas NaT, custom types) must not stop a lint run
        return _UNPARSEABLE


def _parse(value: object) -> ParsedDate:
    if value is None:
        return _EMPTY
    # datetime is a subclass of date, so it has to be tested first.
    if isinstance(value, datetime.datetime):
        return ParsedDate(value.date(), "datetime")
    if isinstance(value, datetime.date):
        return ParsedDate(value, "date")
    if isinstance(value, bool):  # bool is an int, but True is not serial 1
        return _UNPARSEABLE
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return _EMPTY  # pandas reads an empty cell as NaN
        return _from_serial(value)
    if isinstance(value, str):
        return _from_text(value)
    return _UNPARSEABLE


def _from_serial(serial: float) -> ParsedDate:
    """An Excel serial in the 1900 date system; the fraction (time of day) is dropped."""
    if not math.isfinite(serial) or not 1 <= serial < _EXCEL_MAX_SERIAL + 1:
        return _UNPARSEABLE
    day = int(serial)
    if day == _EXCEL_PHANTOM_LEAP_DAY:
        return _UNPARSEABLE  # Excel's 1900-02-29 is not a real date
    epoch = _EXCEL_EPOCH if day > _EXCEL_PHANTOM_LEAP_DAY else _EXCEL_EARLY_EPOCH
    return ParsedDate(epoch + datetime.timedelta(days=day), "excel-serial")


def _from_text(text: str) -> ParsedDate:
    text = date_text(text)  # NFKC: full-width digits become ASCII
    if not text:
        return _EMPTY
    if _SERIAL.match(text):
        return _from_serial(float(text.replace(",", ".")))
    for pattern in (_ISO, _COMPACT):
        if match := pattern.match(text):
            return _build(int(match["y"]), int(match["m"]), int(match["d"]), "iso")
    if match := _DAY_FIRST.match(text):
        return _day_or_month_first(match)
    return _UNPARSEABLE


def _day_or_month_first(match: re.Match[str]) -> ParsedDate:
    """Day-first unless that is impossible; flag dates that read validly both ways."""
    first, second = int(match["a"]), int(match["b"])
    year = _full_year(match["y"])
    if first <= 12 < second:
        return _build(year, first, second, "us")
    # Dots are a Nordic/European habit the US does not share, so "03.04.2024" is not ambiguous.
    ambiguous = first <= 12 and second <= 12 and first != second and match["sep"] != "."
    return _build(year, second, first, "nordic", ambiguous)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= _TWO_DIGIT_PIVOT else 1900
    return year


def _build(year: int, month: int, day: int, form: str, ambiguous: bool = False) -> ParsedDate:
    """A ParsedDate if the parts make a real calendar date, else text-unparseable."""
    try:
        return ParsedDate(datetime.date(year, month, day), form, ambiguous)
    except ValueError:
        return _UNPARSEABLE


__all__ = ["ParsedDate", "parse_date"]
