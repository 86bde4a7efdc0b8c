"""``ropa export`` and ``ropa diff``: thin commands over ``ropa.api``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.options import ForceOption, exit_code, fail, record_language
from ropa.cli.progress import progress_bar


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    pdf = "pdf"
    html = "html"
    json = "json"
    csv = "csv"
    md = "md"
    docx = "docx"


class Audience(str, Enum):
    authority = "authority"
    internal = "internal"


#: The --help panel of the options that replace the Document control sheet's values.
CONTROL_PANEL = "Document control (replaces the workbook's Document control sheet)"


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    xlsx = "xlsx"


def export_command(
    workbooks: Annotated[
        list[Path], typer.Argument(help="One or more workbooks; several make one group report.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The file to write (its name gives the format), a folder to write into, "
            "or for csv the folder of files.",
        ),
    ],
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="xlsx, pdf, html, json, csv, md or docx (default: from --output).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of the report: en, sv, nb, da or fi (default: the language of "
            "the workbook's headings).",
        ),
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option("--entity", help="Only this entity id and the activities it carries out."),
    ] = None,
    with_findings: Annotated[
        bool, typer.Option("--with-findings", help="Add the findings of 'ropa check'.")
    ] = False,
    audience: Annotated[
        Audience | None,
        typer.Option(
            "--audience",
            help="pdf, html and docx: 'authority' leaves out what is for the DPO alone (input "
            "files and hashes, notice paths, the ropa version, empty annexes); 'internal' "
            "keeps them and adds the findings. Default: authority for pdf and docx, "
            "internal for html.",
        ),
    ] = None,
    force: ForceOption = False,
    record_version: Annotated[
        str | None,
        typer.Option(
            "--record-version",
            metavar="VERSION",
            help="The record's version, e.g. 4.2.",
            rich_help_panel=CONTROL_PANEL,
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="draft, in-review, approved or superseded (or the drop-down word in sv, nb, "
            "da or fi).",
            rich_help_panel=CONTROL_PANEL,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="TEXT",
            help="Who keeps the record, e.g. 'Privacy office'.",
            rich_help_panel=CONTROL_PANEL,
        ),
    ] = None,
    approved_by: Annotated[
        str | None,
        typer.Option(
            "--approved-by",
            metavar="TEXT",
            help="Who approved this version.",
            rich_help_panel=CONTROL_PANEL,
        ),
    ] = None,
    approved_on: Annotated[
        str | None,
        typer.Option(
            "--approved-on",
            metavar="DATE",
            help="The date this version was approved (YYYY-MM-DD).",
            rich_help_panel=CONTROL_PANEL,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="The date the record describes (YYYY-MM-DD).",
            rich_help_panel=CONTROL_PANEL,
        ),
    ] = None,
    classification: Annotated[
        str | None,
        typer.Option(
            "--classification",
            metavar="LEVEL",
            help="public, internal, confidential or strictly-confidential.",
            rich_help_panel=CONTROL_PANEL,
        ),
    ] = None,
    case_number: Annotated[
        str | None,
        typer.Option(
            "--case-number",
            metavar="TEXT",
            help="The authority's case number (diarienummer, saksnummer, journalnummer, "
            "diaarinumero).",
            rich_help_panel=CONTROL_PANEL,
        ),
    ] = None,
    zone: Annotated[
        str | None,
        typer.Option(
            "--time-zone",
            envvar="ROPA_TIME_ZONE",
            metavar="ZONE",
            help="Show times in this IANA time zone, e.g. Europe/Stockholm (default: the "
            "computer's; also ROPA_TIME_ZONE).",
        ),
    ] = None,
) -> None:
    """Write the record as a report for the supervisory authority (Art. 30(4)).

    The cover and every footer show the record's version, status, owner, approval, as-of
    date, classification and case number from the workbook's Document control sheet; the
    --record-version ... --case-number options replace them for this report.
    """
    from ropa import api  # the library, loaded when the command runs (docs/architecture.md)

    if lang is not None:
        record_language(lang)
    control = {
        "record_version": record_version,
        "status": status,
        "owner": owner,
        "approved_by": approved_by,
        "approved_on": approved_on,
        "as_of": as_of,
        "classification": classification,
        "case_number": case_number,
    }
    try:
        with progress_bar("Writing the report") as progress:
            written = api.export(
                workbooks,
                output_format.value if output_format else None,
                output,
                lang=lang,
                entity=entity,
                with_findings=with_findings,
                force=force,
                audience=audience.value if audience else None,
                progress=progress,
                control=control,
                zone=zone,
                on_note=_note,
            )
    except api.USER_ERRORS as exc:
        fail(str(exc))
    from ropa.write.console import fails_check, wrote

    # The record's language as ropa check reads it words these lines, unless --lang says.
    errors, checked = (0, lang) if with_findings else _check_errors(workbooks)
    words = lang or checked or "en"
    typer.echo(wrote(written, output, words))
    if errors:
        typer.echo(fails_check(errors, workbooks, words), err=True)


def _note(text: str) -> None:
    typer.echo(text, err=True)  # already a note in the report's language


def _check_errors(workbooks: list[Path]) -> tuple[int, str | None]:
    """How many errors ``ropa check`` finds in the exported record, and the language it read
    the record in: a report for the authority of a record that fails says so, in one line."""
    from ropa import api

    try:
        report = api.check(workbooks)
    except api.USER_ERRORS:
        return 0, None  # the export read the workbooks; a configuration problem is check's
    return report.counts()["error"], report.lang


def diff_command(
    old: Annotated[Path, typer.Argument(help="The earlier version of the workbook.")],
    new: Annotated[Path, typer.Argument(help="The later version of the workbook.")],
    output_format: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json or xlsx (default: as the --output file's name says, else text).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file, or into this folder (needed for xlsx).",
        ),
    ] = None,
    changes_exit: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are differences, 0 when none."),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Show what changed between two versions of the record: added, removed, changed.

    Exits 0 whether or not anything changed, like 'git diff'; with --exit-code, exits 1
    when there are differences. Input problems exit 2.
    """
    from ropa import api  # the library, loaded when the command runs (docs/architecture.md)
    from ropa.write.console import render_diff
    from ropa.write.json_out import diff_json
    from ropa.write.targets import diff_target

    if output_format is DiffFormat.xlsx and output is None:
        fail("--format xlsx needs --output FILE")
    fmt = output_format.value if output_format is not None else None
    try:
        # Where api.diff will write: the name says the format, a folder gets <old>-vs-<new>.
        target = diff_target(output, fmt, old, new) if output is not None else None
        diff = api.diff(old, new, output=output, fmt=fmt, force=force)
    except api.USER_ERRORS as exc:
        fail(str(exc))
    if target is not None:
        typer.echo(f"Wrote {target[1]} diff {target[0]}.")
    elif output_format is DiffFormat.json:
        typer.echo(diff_json(diff))
    else:
        render_diff(diff)
    exit_code(changes_exit and diff.has_changes)
