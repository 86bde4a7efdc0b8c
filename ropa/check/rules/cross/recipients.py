"""XC109, XC110: the recipients and processors of the record against the notice."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _id
from ropa.check.rules.record.common import has_content
from ropa.check.views.cross import CrossView
from ropa.model.findings import Problem, Severity
from ropa.model.vendors import record_name_patterns
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
                f"Activity {_id(activity)} discloses data to recipients, but the notice "
                f"{cx.display} has no statement about recipients.",
                hint="Name the recipients or categories of recipients in the notice.",
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
            f"The notice {cx.display} names {vendor['name']} at line {line}, but the "
            "Processors sheet has no such recipient: the record is incomplete.",
            hint=f"Add {vendor['name']} to the Processors sheet, or remove it from the notice.",
            related=cx.related(line),
        )
