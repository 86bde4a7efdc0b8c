"""What ``ropa import`` says: the layout and sheets it read, what it wrote, what it could not
read (with the cells), and the next command; on a terminal (rich) or as JSON."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ropa.read.importer import ImportResult
from ropa.read.importer.layouts import layouts

_WRITTEN = (
    "organisation",
    "activities",
    "purposes",
    "processors",
    "transfers",
    "retention",
    "processor_activities",
)


def summary_dict(result: ImportResult, output: str | None) -> dict[str, Any]:
    counts = result.counts()
    return {
        "output": output,
        "language": result.language,
        "sources": [
            {
                "file": s.file,
                "kind": s.kind,
                "layout": s.layout,
                "layout_title": s.layout_title,
                "why": s.reason,
                "encoding": s.encoding,
                "delimiter": s.delimiter,
                "sheets": [sheet.to_dict() for sheet in s.sheets],
                "sheets_copied_unchanged": s.skipped_sheets,
                "sheets_read_as_organisation": s.organisation_sheets,
                "organisation_block": {
                    "cells": s.organisation_cells,
                    "fields": s.organisation_block,
                },
            }
            for s in result.sources
        ],
        "rows_read": sum(sheet.rows_read for s in result.sources for sheet in s.sheets),
        "written": {key: counts.get(key, 0) for key in _WRITTEN},
        "columns_mapped": sum(len(sheet.mapped) for s in result.sources for sheet in s.sheets),
        "columns_kept_as_extras": sum(
            len(sheet.extras) for s in result.sources for sheet in s.sheets
        ),
        "extras_empty_in_source": sum(
            len(sheet.empty_extras) for s in result.sources for sheet in s.sheets
        ),
        "not_understood": [item.to_dict() for item in result.unread],
        "next": f"ropa check {output}" if output else None,
    }


def summary_json(result: ImportResult, output: str | None) -> str:
    return json.dumps(summary_dict(result, output), ensure_ascii=False, indent=2)


def render_import(
    result: ImportResult, output: str | None, console: Console, *, verbose: bool = True
) -> None:
    """The summary on a terminal; all text from the user's files is escaped."""
    for source in result.sources:
        console.print(
            f"[bold]{escape(source.file)}[/bold]: layout [cyan]{escape(source.layout)}[/cyan] "
            f"({escape(source.layout_title)})"
        )
        console.print(f"  why: {escape(source.reason)}")
        if source.encoding:
            console.print(
                f"  read as CSV: encoding {source.encoding}, delimiter {source.delimiter!r}"
            )
        for sheet in source.sheets:
            console.print(
                f"  sheet '{escape(sheet.sheet)}': "
                + (
                    f"read as a form (label | value), {sheet.rows_read} fiche(s), "
                    if sheet.form
                    else f"header row {sheet.header_row}, {sheet.rows_read} rows read, "
                )
                + f"{len(sheet.mapped)} columns mapped, "
                f"{len(sheet.extras)} kept as extra columns"
                + (
                    f" ({len(sheet.empty_extras)} of them empty in the source, kept as empty "
                    "columns to fill in)"
                    if sheet.empty_extras
                    else ""
                )
            )
            if verbose and sheet.mapped:
                table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
                table.add_column("  heading", overflow="fold")
                table.add_column("ropa field", overflow="fold")
                for heading, target, how in sheet.mapped:
                    note = "" if how == "layout" else f" ({how})"
                    table.add_row("  " + escape(heading), escape(target) + note)
                empty = set(sheet.empty_extras)
                for heading in sheet.extras:
                    what = (
                        "extra column, empty in the source" if heading in empty else "extra column"
                    )
                    table.add_row("  " + escape(heading), f"[dim]{what}[/dim]")
                console.print(table)
        for sheet in source.sheets:
            for what in sheet.set_aside:
                console.print(
                    f"  sheet '{escape(sheet.sheet)}' {escape(what)}: not read as a record, "
                    "kept in Organisation › Imported notes"
                )
        if source.organisation_block:
            console.print(
                f"  organisation block above the header (values in {source.organisation_cells}): "
                f"{', '.join(source.organisation_block)} → Organisation"
            )
        for name in source.organisation_sheets:
            console.print(
                f"  sheet '{escape(name)}': read into Organisation (the controller's block)"
            )
        for name in source.skipped_sheets:
            console.print(
                f"  sheet '{escape(name)}': not a register; copied unchanged into the record"
            )
    counts = result.counts()
    written = ", ".join(
        f"{counts[key]} {key.replace('_', ' ')}" for key in _WRITTEN if counts.get(key)
    )
    console.print(f"Wrote {escape(output or '-')}: {written or 'no rows'}.")
    if result.unread:
        console.print(
            f"[yellow]{len(result.unread)} value(s) kept as written, not understood:[/yellow]"
        )
        for item in result.unread:
            console.print(
                f"  {escape(item.file)} › {escape(item.sheet)} › {item.cell} "
                f"({escape(item.heading)}): '{escape(item.text)}': {escape(item.why)}"
            )
    if output:
        console.print(f"Next: [bold]ropa check {escape(output)}[/bold]")


def render_layouts(console: Console) -> None:
    table = Table(title="ropa import layouts", show_lines=False)
    table.add_column("layout")
    table.add_column("language")
    table.add_column("what", overflow="fold")
    for item in layouts():
        table.add_row(item.name, item.language, escape(item.title))
    console.print(table)
