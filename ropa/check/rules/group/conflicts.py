"""GR101 to GR105: where the workbooks of one group disagree, as ``ropa export`` reports it.

A group keeps one workbook per entity or department and sends the authority one consolidated
record: an activity id used twice, an entity described two ways or a processor with different
countries in different workbooks then reaches the authority as a contradiction. ``ropa check``
with several workbooks reports the same conflicts the report lists, so the DPO sees them first.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.views.group import GroupView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg


@rule("GR101", "activity-id-in-several-workbooks", Severity.WARNING, "Art. 30(1), Art. 5(2)")
def activity_id_in_several_workbooks(group: GroupView) -> Iterator[Problem]:
    """The same activity id is used in more than one workbook of the group.

    The consolidated record then holds two activities under one id, and a reader cannot
    tell which purposes, retention rows and transfers belong to which.

    Fix: give each activity an id that is unique across the group (a prefix per entity, such
    as SE-HR-01 and NO-HR-01), or keep a shared activity in one workbook only.
    """
    for conflict in group.of_kind("duplicate-activity-id"):
        yield group.problem(conflict, msg("GR101.hint"))


@rule("GR102", "entity-described-differently", Severity.WARNING, "Art. 30(1)(a)")
def entity_described_differently(group: GroupView) -> Iterator[Problem]:
    """An entity appears in several workbooks with different details (name, address, DPO...).

    The controller's identity and contact details must be the same wherever the record gives
    them; two versions mean at least one is wrong.

    Fix: correct the Organisation sheet of the workbook that is out of date.
    """
    for conflict in group.of_kind("duplicate-entity-id"):
        yield group.problem(conflict, msg("GR102.hint"))


@rule("GR103", "processor-countries-differ", Severity.WARNING, "Art. 30(1)(d), Art. 30(1)(e)")
def processor_countries_differ(group: GroupView) -> Iterator[Problem]:
    """A processor is recorded with different countries in different workbooks.

    Where a processor processes data decides whether there is a transfer to a third country;
    the consolidated report lists every country any workbook names, which may not be true.

    Fix: find out where the processor processes the data and record the same countries in
    every workbook.
    """
    for conflict in group.of_kind("processor-countries"):
        yield group.problem(conflict, msg("GR103.hint"))


@rule("GR104", "processor-dpa-date-differs", Severity.INFO, "Art. 28(3)")
def processor_dpa_date_differs(group: GroupView) -> Iterator[Problem]:
    """A processor's data processing agreement has different dates in different workbooks.

    One agreement may cover the whole group, or each entity may have its own; either way the
    record should say which agreement applies.

    Fix: record the date of the agreement that applies in each workbook, and say in the
    processor's notes whether it is a group agreement.
    """
    for conflict in group.of_kind("processor-dpa-date"):
        yield group.problem(conflict, msg("GR104.hint"))


@rule("GR105", "processor-details-differ", Severity.INFO, "Art. 30(1)(d)")
def processor_details_differ(group: GroupView) -> Iterator[Problem]:
    """A processor is described differently in different workbooks (service, role, contact...).

    Fix: describe the processor the same way in every workbook, or give the entities'
    different services different processor rows.
    """
    for conflict in group.of_kind("processor-details"):
        yield group.problem(conflict, msg("GR105.hint"))
