"""What ``ropa import`` says: the layout and sheets it read, what it wrote, what it could not
read (with the cells), and the next command; on a terminal (rich) or as JSON.

The words are in the language of the workbook written (``--lang``, else the sources'), from
``ropa/data/messages/<lang>/import.json``; what the sources say is shown as written.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ropa.model.messages import Text, msg, render
from ropa.model.schema import record_schema
from ropa.read.importer import ImportResult
from ropa.read.importer.builder import NOTES
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


def _say(key: str, lang: str, **params: Any) -> str:
    """A text of the import summary (``import.*``) in ``lang``."""
    return msg(f"import.{key}", **params).render(lang)


def _text(text: Text, lang: str) -> str:
    return str(render(text, lang))


def _title(layout: str, lang: str, fallback: str) -> str:
    """A layout's title in ``lang`` (the title read with the source when it is no layout)."""
    found = {item.name: item for item in layouts()}.get(layout)
    return found.title_in(lang) if found else fallback


def _sheet(key: str, lang: str) -> str:
    sheet = record_schema().sheet(key)
    return sheet.title(lang) if sheet else key.replace("_", " ")


def _field(title: str, lang: str) -> str:
    """An Organisation field the block above the header gave (by its English title), in
    ``lang``."""
    for spec in record_schema().sheet("organisation").fields:
        if spec.title("en") == title:
            return spec.title(lang)
    return title


def summary_dict(result: ImportResult, output: str | None) -> dict[str, Any]:
    lang = result.language
    counts = result.counts()
    return {
        "output": output,
        "language": result.language,
        "sources": [
            {
                "file": s.file,
                "kind": s.kind,
                "layout": s.layout,
                "layout_title": _title(s.layout, lang, s.layout_title),
                "why": _text(s.reason, lang),
                "encoding": s.encoding,
                "delimiter": s.delimiter,
                "sheets": [sheet.to_dict(lang) for sheet in s.sheets],
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
        "not_understood": [item.to_dict(lang) for item in result.unread],
        "next": f"ropa check {output}" if output else None,
    }


def summary_json(result: ImportResult, output: str | None) -> str:
    return json.dumps(summary_dict(result, output), ensure_ascii=False, indent=2)


def render_import(
    result: ImportResult, output: str | None, console: Console, *, verbose: bool = True
) -> None:
    """The summary on a terminal, in the written workbook's language; all text from the
    user's files is escaped."""
    lang = result.language
    organisation = _sheet("organisation", lang)
    for source in result.sources:
        title = _title(source.layout, lang, source.layout_title)
        said = _say("layout", lang, file=source.file, layout=source.layout, title=title)
        console.print(escape(said))
        console.print("  " + escape(_say("why", lang, reason=_text(source.reason, lang))))
        if source.encoding:
            console.print(
                "  "
                + escape(
                    _say("csv", lang, encoding=source.encoding, delimiter=repr(source.delimiter))
                )
            )
        for sheet in source.sheets:
            key = "columns.empty" if sheet.empty_extras else "columns"
            columns = _say(
                key,
                lang,
                mapped=len(sheet.mapped),
                extras=len(sheet.extras),
                empty=len(sheet.empty_extras),
            )
            said = (
                _say("sheet.form", lang, sheet=sheet.sheet, count=sheet.rows_read, columns=columns)
                if sheet.form
                else _say(
                    "sheet.table",
                    lang,
                    sheet=sheet.sheet,
                    row=sheet.header_row,
                    count=sheet.rows_read,
                    columns=columns,
                )
            )
            console.print("  " + escape(said))
            if verbose and sheet.mapped:
                table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
                table.add_column("  " + _say("heading", lang), overflow="fold")
                table.add_column(_say("field", lang), overflow="fold")
                for heading, target, how in sheet.mapped:
                    note = "" if how == "layout" else f" ({how})"
                    table.add_row("  " + escape(heading), escape(target) + note)
                empty = set(sheet.empty_extras)
                for heading in sheet.extras:
                    what = _say("extra.empty" if heading in empty else "extra", lang)
                    table.add_row("  " + escape(heading), f"[dim]{escape(what)}[/dim]")
                console.print(table)
        place = f"{organisation} › {NOTES}"
        for sheet in source.sheets:
            for aside in sheet.set_aside:
                text = _text(aside, lang)
                said = _say("set_aside", lang, sheet=sheet.sheet, what=text, place=place)
                console.print("  " + escape(said))
        if source.organisation_block:
            fields = ", ".join(_field(title, lang) for title in source.organisation_block)
            said = _say(
                "block", lang, cells=source.organisation_cells, fields=fields, sheet=organisation
            )
            console.print("  " + escape(said))
        for name in source.organisation_sheets:
            said = _say("block_sheet", lang, sheet=name, organisation=organisation)
            console.print("  " + escape(said))
        for name in source.skipped_sheets:
            console.print("  " + escape(_say("copied", lang, sheet=name)))
    counts = result.counts()
    written = (
        msg("list.comma")
        .render(lang)
        .join(
            _say("written", lang, sheet=_sheet(key, lang), count=counts[key])
            for key in _WRITTEN
            if counts.get(key)
        )
    )
    path = output or "-"
    if written:
        console.print(escape(_say("wrote", lang, path=path, written=written)))
    else:
        console.print(escape(_say("wrote.none", lang, path=path)))
    if result.unread:
        console.print(f"[yellow]{escape(_say('unread', lang, count=len(result.unread)))}[/yellow]")
        for item in result.unread:
            console.print(
                f"  {escape(item.file)} › {escape(item.sheet)} › {item.cell} "
                f"({escape(item.heading)}): '{escape(item.text)}': " + escape(_text(item.why, lang))
            )
    if output:
        console.print(escape(_say("next", lang, path=output)))


def render_layouts(console: Console) -> None:
    table = Table(title="ropa import layouts", show_lines=False)
    table.add_column("layout")
    table.add_column("language")
    table.add_column("what", overflow="fold")
    for item in layouts():
        table.add_row(item.name, item.language, escape(item.title))
    console.print(table)
