"""The record as a controlled document: its version, status, approval and classification.

A :class:`DocumentControl` holds what the workbook's Document control sheet says (one row;
several workbooks of a group each have their own), with the values given on the command
line of ``ropa export`` laid over it. Status and classification are vocabulary codes
(``document_status``, ``classification``) when ropa recognises them, otherwise the text as
written; dates are ISO dates when they can be read.

:func:`stamp` writes a moment as people read it: local time with its zone, never unmarked
UTC. :func:`time_zone` turns a zone name (``Europe/Stockholm``) into a zone, or raises
:class:`UnknownTimeZone` with a message that says what to write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ropa.model.dates import parse_date
from ropa.model.vocab import vocabulary

#: The document-control fields, in the order the reports show them.
CONTROL_FIELDS = (
    "record_version",
    "status",
    "owner",
    "approved_by",
    "approved_on",
    "as_of",
    "classification",
    "case_number",
)
#: Fields whose values are vocabulary codes, and their vocabulary.
CONTROL_VOCABULARIES = {"status": "document_status", "classification": "classification"}
#: Fields that hold dates.
CONTROL_DATES = ("approved_on", "as_of")
#: Statuses from least to most final; a group of workbooks is only as far as its least
#: final part (text ropa does not recognise counts as a draft).
STATUS_ORDER = ("superseded", "draft", "in_review", "approved")
#: Joins the different values that several workbooks give one field.
JOINER = " / "


class UnknownTimeZone(ValueError):
    """A time zone name that is not in the IANA database."""


class InvalidControlValue(ValueError):
    """A command-line value for a document-control field that ropa cannot read."""


@dataclass(frozen=True)
class DocumentControl:
    """What identifies this version of the record; every field may be empty."""

    record_version: str = ""
    status: str = ""
    owner: str = ""
    approved_by: str = ""
    approved_on: str = ""
    as_of: str = ""
    classification: str = ""
    case_number: str = ""

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in CONTROL_FIELDS)

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    def with_overrides(self, overrides: Mapping[str, str | None]) -> DocumentControl:
        """These values replacing the workbook's (``None`` keeps the workbook's value).

        Raises :class:`InvalidControlValue` for an unknown field, a status or classification
        ropa does not recognise, or a date it cannot read.
        """
        changes: dict[str, str] = {}
        for name, value in overrides.items():
            if value is None:
                continue
            if name not in CONTROL_FIELDS:
                raise InvalidControlValue(f"no document-control field '{name}'")
            changes[name] = _checked(name, value.strip())
        return replace(self, **changes)

    def to_dict(self) -> dict[str, str]:
        return {name: value for name, value in asdict(self).items() if value}


def _checked(name: str, value: str) -> str:
    if not value:
        return ""
    if name in CONTROL_VOCABULARIES:
        vocab = vocabulary(CONTROL_VOCABULARIES[name])
        term = vocab.match(value)
        if term is None:
            choices = ", ".join(t.code.replace("_", "-") for t in vocab.terms)
            raise InvalidControlValue(
                f"'{value}' is not a {name.replace('_', ' ')} ropa knows: use one of {choices} "
                "(or the drop-down word in any of the five languages)"
            )
        return term.code
    if name in CONTROL_DATES:
        parsed = parse_date(value).value
        if not isinstance(parsed, dt.date):
            raise InvalidControlValue(f"'{value}' is not a date: write it as YYYY-MM-DD")
        return parsed.isoformat()
    return value


def control_from_rows(rows: Iterable[Mapping[str, Any]]) -> DocumentControl:
    """The document control of a record from its Document control rows (one per workbook).

    One workbook: its first row. Several: a value they all share, the least final status,
    and for the other fields their different values joined.
    """
    values: dict[str, list[str]] = {name: [] for name in CONTROL_FIELDS}
    for row in rows:
        for name in CONTROL_FIELDS:
            text = _text(row.get(name))
            if text and text not in values[name]:
                values[name].append(text)
    merged = {name: JOINER.join(found) for name, found in values.items()}
    if len(values["status"]) > 1:
        merged["status"] = min(values["status"], key=_status_rank)
    return DocumentControl(**merged)


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else STATUS_ORDER.index("draft")


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


# --- time -----------------------------------------------------------------------------------


def time_zone(name: str | None) -> dt.tzinfo | None:
    """The zone called ``name`` (IANA, such as ``Europe/Oslo``); None or "" for the machine's."""
    if not name or not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimeZone(
            f"unknown time zone '{name}': use a name such as Europe/Stockholm, Europe/Oslo, "
            "Europe/Copenhagen, Europe/Helsinki or UTC"
        ) from exc


def local(moment: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """``moment`` in ``zone`` (by default the machine's zone), always timezone-aware."""
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def stamp(moment: dt.datetime) -> str:
    """``2026-12-02 09:15 CET``: the time with its zone's abbreviation, or ``UTC+05:30``."""
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    zone = aware.tzname() or ""
    if not zone or zone[0] in "+-" or (zone.startswith("UTC") and zone != "UTC"):
        offset = aware.utcoffset() or dt.timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{aware:%Y-%m-%d %H:%M} {zone}"
