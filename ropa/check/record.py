"""Check one read workbook: the record rules, then the cross-check against its notices."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ropa.check.cross import cross_check, names_policy
from ropa.check.engine import in_sheet_order, run
from ropa.check.rule import Rule
from ropa.check.rules import record
from ropa.check.views.record import RecordView
from ropa.model.findings import Finding
from ropa.read.config import Config
from ropa.read.foreign import ForeignLayout
from ropa.read.workbook import Workbook


def check_record(
    workbook: Workbook,
    config: Config,
    rules: Sequence[Rule] | None = None,
    foreign: ForeignLayout | None = None,
) -> list[Finding]:
    """Every enabled record rule over one workbook, as findings in sheet order, worded in
    ``config.lang`` or else the language of the workbook's headings."""
    chosen = rules if rules is not None else record.RULES
    view = RecordView(workbook, config, foreign)
    lang = config.lang or workbook.language
    return in_sheet_order(run(view, chosen, config, lang), workbook.sheet_order)


def check_read_workbook(
    workbook: Workbook,
    config: Config,
    policies: Sequence[str | Path] = (),
    foreign: ForeignLayout | None = None,
) -> list[Finding]:
    """The record rules and, when the workbook has notices, the cross-check; in sheet order.

    The notices are ``policies`` (files or folders; they speak for every entity) and the files
    the Organisation sheet names in its privacy-policy column (relative to the workbook).
    Raises ``PolicyReadError`` when a notice cannot be read.
    """
    findings = check_record(workbook, config, foreign=foreign)
    if policies or names_policy(workbook):
        crossed = cross_check(workbook, config, policies)
        if crossed:
            findings = in_sheet_order(findings + crossed, workbook.sheet_order)
    return findings
