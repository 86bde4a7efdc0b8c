"""XC114, XC115: retention periods in the record against the notice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who
from ropa.check.rules.record.common import has_content
from ropa.check.views.cross import CrossView
from ropa.check.views.record import fold
from ropa.check.vocabulary import purpose_keys, purpose_keys_of
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg
from ropa.model.triggers import same_clock
from ropa.read.notice.entities import map_data_category
from ropa.read.workbook import Row

#: Two periods agree when they differ by at most this share of the longer one (or 7 days):
#: "24 months" and "2 years" are the same period.
PERIOD_TOLERANCE = 0.05


# Category keys too broad to decide a retention period by (every activity has them).
_BROAD_CATEGORIES = {"identity", "contact_details", "account", "communications", "usage_data"}


def _retention_keys(cx: CrossView, activity: Row, row: Row) -> set[str]:

    text = row.text("data_category")
    keys = purpose_keys(text) | {
        key for key in map_data_category(text) if key not in _BROAD_CATEGORIES
    }
    if not keys:
        names = [activity.text("name"), *(p.text("purpose") for p in cx.purposes_of(activity))]
        keys = purpose_keys_of(names)
    return keys


def _agree(a: int, b: int) -> bool:
    return abs(a - b) <= max(7, PERIOD_TOLERANCE * max(a, b))


@rule("XC114", "retention-contradicts-notice", Severity.WARNING, "Art. 13(2)(a)")
def retention_contradicts_notice(cx: CrossView) -> Iterator[Problem]:
    """The notice states a retention period that differs from the record's.

    A period in the notice ("order data is kept for three years") is compared with the
    record's periods only when both name the same purpose or kind of data (matched in five
    languages; broad kinds such as names and contact details do not count) and when no
    record row for that purpose or kind agrees. Periods are compared in days with a small
    tolerance, so "24 months" and "2 years" agree. What starts the clock is compared too:
    "3 years after your last purchase" in the notice and "3 years" from "end of contract" in
    the record differ (the events are read in five languages,
    ``ropa/data/lexicon/retention_triggers.json``; an event ropa does not recognise on either
    side is not compared). The record's event is its Trigger cell, or the period's own words.

    Fix: correct the period (or the event it runs from) in the notice or in the record, so that
    both say the same.
    """
    rows: list[tuple[Row, Row, int, set[str]]] = []
    for activity in cx.external:
        for row in cx.ctx.retention_by_activity.get(fold(activity.text("activity_id")), []):
            row_days = _row_days(cx, row)
            if row_days is not None:
                rows.append((activity, row, row_days, _retention_keys(cx, activity, row)))
    if not rows:
        return
    reported: set[int] = set()
    for item in cx.entity("retention_periods") or []:
        period: dict[str, Any] = item.get("period") or {}
        days = period.get("days")
        if period.get("kind") != "period" or not days:
            continue
        text = str(item.get("text") or "")
        keys = purpose_keys(text) | {
            key for key in map_data_category(text) if key not in _BROAD_CATEGORIES
        }
        if not keys:
            continue
        candidates = [entry for entry in rows if entry[3] & keys]
        trigger = period.get("trigger")
        if not candidates or any(
            _agree(int(days), entry[2])
            and same_clock(trigger, _row_trigger(cx, entry[1])) is not False
            for entry in candidates
        ):
            continue
        line = int(item["line"])
        same_length = [entry for entry in candidates if _agree(int(days), entry[2])]
        if same_length:  # as long, but from another event
            activity, row, _, _ = same_length[0]
            if row.number in reported:
                continue
            reported.add(row.number)
            yield Problem(
                cx.at("retention", row, "trigger" if row.text("trigger") else "period"),
                msg(
                    "XC114.trigger_differs",
                    notice=cx.display,
                    line=line,
                    said=text,
                    category=row.text("data_category") or _who(activity),
                    activity=_who(activity),
                    period=row.text("period"),
                    trigger=_row_trigger(cx, row) or "",
                    notice_trigger=str(trigger),
                ),
                hint=msg("XC114.trigger_differs.hint"),
                related=cx.related(line, str(trigger)),
            )
            continue
        activity, row, _, _ = candidates[0]
        if row.number in reported:
            continue
        reported.add(row.number)
        yield Problem(
            cx.at("retention", row, "period"),
            msg(
                "XC114.differs",
                notice=cx.display,
                line=line,
                said=text,
                category=row.text("data_category") or _who(activity),
                activity=_who(activity),
                period=row.text("period"),
            ),
            hint=msg("XC114.differs.hint"),
            related=cx.related(line, text),
        )


def _row_trigger(cx: CrossView, row: Row) -> str | None:
    """What starts a record row's period: its trigger cell, else the period's own words
    ("3 years after the contract ends")."""
    if row.text("trigger"):
        return row.text("trigger")
    for parsed_row, period in cx.ctx.retention_periods:
        if parsed_row is row:
            return period.trigger
    return None


def _row_days(cx: CrossView, row: Row) -> int | None:
    for parsed_row, period in cx.ctx.retention_periods:
        if parsed_row is row:
            return period.days if period.days else None
    return None


@rule("XC115", "retention-not-in-notice", Severity.WARNING, "Art. 13(2)(a)")
def retention_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record has retention periods, but the notice says nothing about retention.

    The notice must give the period for which data is stored or the criteria for it
    (Art. 13(2)(a), 14(2)(a)). Reported once per notice, at the first retention row.

    Fix: add a section to the notice on how long each kind of data is kept, using the
    record's Retention sheet.
    """
    if cx.present("retention"):
        return
    for activity in cx.external:
        for row in cx.ctx.retention_by_activity.get(fold(activity.text("activity_id")), []):
            if has_content(row, "period"):
                yield Problem(
                    cx.at("retention", row, "period"),
                    msg(
                        "XC115.not_mentioned",
                        activity=_who(activity),
                        period=row.text("period"),
                        notice=cx.display,
                    ),
                    hint=msg("XC115.hint"),
                    related=cx.related(None),
                )
                return
