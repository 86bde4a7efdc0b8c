"""Dates from cells: date objects, Excel serials and typed text."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ropa.model.dates import ParsedDate, parse_date

JAN31 = datetime.date(2024, 1, 31)


@pytest.mark.parametrize(
    ("value", "expected", "form"),
    [
        (JAN31, JAN31, "date"),
        (datetime.datetime(2024, 1, 31, 10, 30), JAN31, "datetime"),
        (45322, JAN31, "excel-serial"),
        (45322.0, JAN31, "excel-serial"),
        (45322.75, JAN31, "excel-serial"),  # the time of day is dropped
        ("45322", JAN31, "excel-serial"),
        ("45322,5", JAN31, "excel-serial"),
        (1, datetime.date(1900, 1, 1), "excel-serial"),
        (59, datetime.date(1900, 2, 28), "excel-serial"),
        (61, datetime.date(1900, 3, 1), "excel-serial"),
        (2958465, datetime.date(9999, 12, 31), "excel-serial"),
        ("2024-01-31", JAN31, "iso"),
        ("2024-01-31 00:00:00", JAN31, "iso"),
        ("2024-01-31T10:00", JAN31, "iso"),
        ("2024-01-31T10:00:00Z", JAN31, "iso"),
        ("2024-1-31", JAN31, "iso"),
        ("20240131", JAN31, "iso"),
        ("31.01.2024", JAN31, "nordic"),
        ("31.1.2024", JAN31, "nordic"),
        ("31/1/2024", JAN31, "nordic"),
        ("31-01-2024", JAN31, "nordic"),
        ("31.01.24", JAN31, "nordic"),
        ("31.01.2024 10:30", JAN31, "nordic"),
        ("31.01.2024.", JAN31, "nordic"),
        ("\u00a031.01.2024 ", JAN31, "nordic"),
        ("01/31/2024", JAN31, "us"),
        ("1/31/24", JAN31, "us"),
        ("31.12.99", datetime.date(1999, 12, 31), "nordic"),
    ],
)
def test_readable_dates(value: object, expected: datetime.date, form: str) -> None:
    parsed = parse_date(value)
    assert parsed == ParsedDate(expected, form, ambiguous=False)


@pytest.mark.parametrize(
    ("text", "expected", "ambiguous"),
    [
        ("03/04/2024", datetime.date(2024, 4, 3), True),
        ("03-04-2024", datetime.date(2024, 4, 3), True),
        ("04/04/2024", datetime.date(2024, 4, 4), False),  # same either way
        ("03.04.2024", datetime.date(2024, 4, 3), False),  # dots are day-first by convention
        ("13/04/2024", datetime.date(2024, 4, 13), False),
    ],
)
def test_day_first_and_ambiguity(text: str, expected: datetime.date, ambiguous: bool) -> None:
    parsed = parse_date(text)
    assert (parsed.value, parsed.source_form, parsed.ambiguous) == (expected, "nordic", ambiguous)


@pytest.mark.parametrize("value", [None, "", "   ", "\u00a0", float("nan")])
def test_empty(value: object) -> None:
    assert parse_date(value) == ParsedDate(None, "empty")


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-30",
        "31.02.2024",
        "13/13/2024",
        "29.02.2023",
        "hello",
        "31 January 2024",
        60,  # Excel's 1900-02-29, which never existed
        0,
        -1,
        2958466,
        float("inf"),
        True,
        ["2024-01-31"],
        object(),
    ],
)
def test_unparseable(value: object) -> None:
    assert parse_date(value) == ParsedDate(None, "text-unparseable")


def test_leap_day_in_a_leap_year() -> None:
    assert parse_date("29.02.2024").value == datetime.date(2024, 2, 29)


_FORMS = {"date", "datetime", "excel-serial", "iso", "nordic", "us", "text-unparseable", "empty"}


@given(
    st.one_of(
        st.none(),
        st.text(max_size=40),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.dates(),
        st.datetimes(),
        st.from_regex(r"\A\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\Z"),
    )
)
def test_never_raises(value: object) -> None:
    parsed = parse_date(value)
    assert parsed.source_form in _FORMS
    assert (parsed.value is None) == (parsed.source_form in {"text-unparseable", "empty"})
    if parsed.ambiguous:
        assert parsed.value is not None and parsed.source_form == "nordic"
