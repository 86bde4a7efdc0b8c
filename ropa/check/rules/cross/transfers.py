"""XC111 to XC113: transfers outside the EU/EEA in the record against the notice."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.cross.common import _who
from ropa.check.views.cross import CrossView
from ropa.check.views.record import fold
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg
from ropa.read.workbook import Row


def _transfers(cx: CrossView) -> list[tuple[Row, Row]]:
    out = []
    for activity in cx.external:
        for transfer in cx.ctx.transfers_by_activity.get(fold(activity.text("activity_id")), []):
            out.append((activity, transfer))
    return out


@rule("XC111", "transfer-not-in-notice", Severity.WARNING, "Art. 13(1)(f)")
def transfer_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The record has transfers outside the EU/EEA, but the notice says nothing about them.

    The notice must say that data is transferred to a third country (Art. 13(1)(f),
    14(1)(f)). Reported once per notice, at the first transfer row.

    Fix: add a section to the notice on transfers outside the EU/EEA: where, and on which
    safeguard (adequacy decision, standard contractual clauses, ...).
    """
    if cx.present("third_country_transfer") or cx.statement("no_third_country_transfer"):
        return
    for activity, transfer in _transfers(cx):
        yield Problem(
            cx.at("transfers", transfer, "country"),
            msg(
                "XC111.not_mentioned",
                activity=_who(activity),
                country=transfer.text("country"),
                notice=cx.display,
            ),
            hint=msg("XC111.hint"),
            related=cx.related(None),
        )
        return


@rule("XC112", "notice-denies-transfers", Severity.ERROR, "Art. 13(1)(f), Art. 5(1)(a)")
def notice_denies_transfers(cx: CrossView) -> Iterator[Problem]:
    """The notice says data stays in the EU/EEA, but the record has third-country transfers.

    A statement such as "we do not transfer your data outside the EU/EEA" contradicts a
    record with rows on the Transfers sheet for the same activities. Reported once per
    notice, at the first transfer row.

    Fix: correct the notice (name the countries and the safeguards), or correct the record
    if the transfer has ended.
    """
    statement = cx.statement("no_third_country_transfer")
    if not statement:
        return
    for activity, transfer in _transfers(cx):
        line = int(statement["line"])
        yield Problem(
            cx.at("transfers", transfer, "country"),
            msg(
                "XC112.contradiction",
                notice=cx.display,
                line=line,
                activity=_who(activity),
                country=transfer.text("country"),
            ),
            hint=msg("cross.same_story.hint"),
            related=cx.stated("no_third_country_transfer", line),
        )
        return


@rule(
    "XC113",
    "transfer-safeguard-not-in-notice",
    Severity.WARNING,
    "Art. 13(1)(f), Art. 46",
)
def transfer_safeguard_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The notice mentions transfers but not the safeguard the record relies on.

    For a transfer to a third country the notice must refer to the adequacy decision or the
    appropriate safeguards (standard contractual clauses, binding corporate rules, the
    EU-US Data Privacy Framework) and how to get a copy (Art. 13(1)(f)).

    Fix: name the safeguard of each transfer in the notice.
    """
    if not cx.present("third_country_transfer") or cx.present("transfer_safeguards"):
        return
    if cx.statement("no_third_country_transfer"):
        return
    line = cx.evidence_line("third_country_transfer")
    for activity, transfer in _transfers(cx):
        yield Problem(
            cx.at("transfers", transfer, "mechanism"),
            msg(
                "XC113.no_safeguard",
                activity=_who(activity),
                country=transfer.text("country"),
                mechanism=transfer.text("mechanism"),
                notice=cx.display,
                where=cx.at_line(line),
            ),
            hint=msg("XC113.hint"),
            related=cx.related(line),
        )
        return
