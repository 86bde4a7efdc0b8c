"""XC109, XC110, XC120: the recipients and processors of the record against the notice."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who
from ropa.check.rules.record.common import has_content
from ropa.check.views.cross import CrossView
from ropa.check.views.record import fold
from ropa.model.findings import Problem, Severity
from ropa.model.messages import Param, joined, msg
from ropa.model.recipients import (
    INTERNAL,
    disclosing_categories,
    name_core,
    recipient_categories,
    recipient_kind,
)
from ropa.model.vendors import record_name_patterns, vendors
from ropa.read.workbook import Row


@rule("XC109", "recipients-not-in-notice", Severity.WARNING, "Art. 13(1)(e)")
def recipients_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record has recipients or processors, but the notice says nothing about recipients.

    The notice must name the recipients or categories of recipients (Art. 13(1)(e),
    14(1)(e)): processors such as IT and payment providers, and other recipients such as
    carriers and authorities. Reported once per notice, at the first activity with recipients.

    Fix: add a section to the notice on who receives the data (categories are enough, such
    as "IT service providers, payment providers, carriers, the tax authority").
    """
    if cx.present("recipients"):
        return
    for activity in cx.external:
        if cx.ctx.processors_of(activity) or has_content(activity, "recipients"):
            yield Problem(
                cx.at("activities", activity, "recipients"),
                msg("XC109.not_mentioned", activity=_who(activity), notice=cx.display),
                hint=msg("XC109.hint"),
                related=cx.related(None),
            )
            return


def _processor_text(row: Row) -> str:
    return " ".join(row.text(key) for key in ("processor_id", "name", "service"))


@rule("XC110", "notice-vendor-not-in-record", Severity.WARNING, "Art. 30(1)(d)")
def notice_vendor_not_in_record(cx: CrossView) -> Iterator[Problem]:
    """A service provider named in the notice is missing from the record's Processors sheet.

    When the notice tells people that, say, Mailchimp or Google Analytics receives their
    data, the record of processing must list that recipient (Art. 30(1)(d)); otherwise the
    record is incomplete. Vendors are recognised from ropa's vendor catalogue (names and
    aliases) and looked for, case-insensitively, in the name, id and service of every
    processor row.

    Fix: add the vendor to the Processors sheet (with its role, countries and DPA), or take
    it out of the notice if it is no longer used.
    """
    vendors = cx.entity("vendors") or []
    if not vendors:
        return
    patterns = record_name_patterns()
    texts = [_processor_text(row) for row in cx.ctx.rows("processors")]
    for vendor in vendors:
        pattern = patterns.get(vendor["name"])
        if pattern is None or any(pattern.search(text) for text in texts):
            continue
        line = int(vendor["line"])
        yield Problem(
            cx.header_location("processors", "name"),
            msg(
                "XC110.not_in_record",
                notice=cx.display,
                vendor=vendor["name"],
                line=line,
                sheet=cx.ctx.sheet_name("processors"),
            ),
            hint=msg("XC110.hint", vendor=vendor["name"], sheet=cx.ctx.sheet_name("processors")),
            related=cx.related(line, str(vendor["name"]).split(" (")[0]),
        )


@lru_cache(maxsize=4096)
def _catalogue_vendors(text: str) -> frozenset[str]:
    """The catalogue's vendors a processor's name and service name (cached: the same
    processors are looked up for every notice)."""
    return frozenset(v for v, pattern in record_name_patterns().items() if pattern.search(text))


def _recipients(cx: CrossView) -> Iterator[tuple[Row, str, str, set[str]]]:
    """(activity, how the record names the recipient, its text to classify, its vendor
    names) of every processor and recipient of the activities about outsiders, once each."""
    seen: set[str] = set()
    for activity in cx.external:
        processors = {fold(row.text("processor_id")): row for row in cx.ctx.processors_of(activity)}
        for item in activity.items("recipients"):
            key = fold(item)
            if not key or key in seen:
                continue
            seen.add(key)
            row = processors.get(key)
            if row is None:
                if recipient_kind(item) == INTERNAL:
                    continue
                name, text = item, item
            else:
                name = row.text("name") or item
                text = " ".join((name, row.text("service")))
            found = set(_catalogue_vendors(text))
            specific = {vendor for vendor in found if not vendor.endswith("(unspecified)")}
            yield activity, name, text, specific or found


@rule("XC120", "recipient-not-disclosed", Severity.WARNING, "Art. 13(1)(e), Art. 14(1)(e)")
def recipient_not_disclosed(cx: CrossView) -> Iterator[Problem]:
    """A processor or recipient of the record is neither named in the notice nor covered by a
    category of recipients it names.

    Art. 13(1)(e) and 14(1)(e) let a notice name "the recipients or categories of
    recipients". A recipient is disclosed when the notice names it (its name without the
    legal form, or any alias the vendor catalogue knows) or names its kind ("analytics
    providers", "betalningsleverantörer", "IT-leverandører", "maksupalveluiden tarjoajat").
    The kind comes from the vendor catalogue and from the name and service on the record
    (``ropa/data/lexicon/recipient_categories.json``); a broad category covers narrower
    kinds ("IT service providers" covers hosting and e-mail services, not analytics or
    advertising). Generic words ("processors", "partners") disclose no kind. Only the
    recipients of activities about people outside the organisation count; the controller's
    own departments are not recipients here. A notice with no statement on recipients at all
    is XC109. Reported once per recipient, at the first activity that uses it.

    Fix: name the recipient or its category in the notice's section on recipients (say
    "analytics providers in the USA", not "partners"), or correct the record.
    """
    if not cx.present("recipients"):
        return
    line = cx.evidence_line("recipients")
    named_vendors = {str(v["name"]) for v in cx.entity("vendors") or []}
    catalogue = vendors()
    for activity, name, text, found in _recipients(cx):
        core = fold(name_core(name))
        if len(core) >= 3 and core in cx.folded:
            continue
        if found & named_vendors:
            continue
        kinds = set(recipient_categories(text)) | {catalogue[v].category for v in found}
        disclosing = {other for kind in kinds for other in disclosing_categories(kind)}
        if disclosing & set(cx.recipient_category_lines):
            continue
        common: dict[str, Param] = {
            "activity": _who(activity),
            "name": name,
            "notice": cx.display,
            "where": cx.at_line(line),
        }
        labels = joined(msg(f"recipient_kind.{kind}") for kind in sorted(kinds))
        key = "XC120.not_disclosed" if kinds else "XC120.unknown_kind"
        yield Problem(
            cx.at("activities", activity, "recipients"),
            msg(key, **common, **({"kinds": labels} if kinds else {})),
            hint=msg(f"{key}.hint", name=name, **({"kinds": labels} if kinds else {})),
            related=cx.related(line),
        )
