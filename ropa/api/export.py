"""``ropa export``: read the workbooks, check them when asked, consolidate, write the report.

This is the only part of the export that opens user files: it reads each workbook (and with
``with_findings`` checks it, with the configuration found beside it), hashes it for the
report's cover, consolidates the records (``ropa.read.group``) and hands the group record to
the writer of the format (``ropa.write.WRITERS``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ropa.api.check import check_workbook
from ropa.model.control import InvalidControlValue, UnknownTimeZone, local, time_zone
from ropa.model.findings import Finding
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import msg
from ropa.model.schema import record_schema
from ropa.model.version import __version__
from ropa.read.discovery import workbook_files
from ropa.read.group import GroupRecord, Record, SourceFile, UnknownEntity, group_record
from ropa.read.record import record_from_workbook
from ropa.read.workbook import read_workbook
from ropa.write import DEFAULT_AUDIENCE, FOLDER_FORMATS, PAGE_FORMATS, REQUIRES, WRITERS
from ropa.write.control_text import control_value
from ropa.write.document import AUDIENCES, Progress
from ropa.write.frames import group_frames
from ropa.write.safety import ExportError, check_output, check_output_folder
from ropa.write.targets import export_target

if TYPE_CHECKING:
    import pandas as pd


def source_file(path: str | Path, zone: dt.tzinfo | None = None) -> SourceFile:
    """Hash and date one input file (its time in ``zone``, by default the machine's)."""
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    modified = local(dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc), zone)
    return SourceFile(str(path), path.name, digest, modified.isoformat(timespec="seconds"))


def build_group_record(
    paths: Sequence[str | Path],
    *,
    lang: str | None = None,
    entity: str | None = None,
    with_findings: bool = False,
    control: Mapping[str, str | None] | None = None,
    zone: str | None = None,
) -> GroupRecord:
    """Read, check (when asked) and consolidate the workbooks into one group record.

    ``control`` holds document-control values (``status="approved"``, ``as_of=...``) that
    replace the workbooks' Document control sheet; ``zone`` is the IANA time zone the
    report's times are shown in (default: the machine's).

    Raises ``ropa.read.workbook.WorkbookError`` for an unreadable input and
    :class:`~ropa.write.safety.ExportError` for an unknown ``entity``, time zone or
    document-control value.
    """
    try:
        tz = time_zone(zone)
    except UnknownTimeZone as exc:
        raise ExportError(str(exc)) from exc
    records: list[Record] = []
    languages: list[str] = []
    findings: list[Finding] = []
    sources: list[SourceFile] = []
    for path in paths:
        if with_findings:
            # The findings speak the report's language: the one asked for, else the first
            # workbook's (the report's own default).
            wording = lang or (languages[0] if languages else None)
            workbook, found = check_workbook(path, display=str(path), lang=wording)
            findings.extend(found)
        else:
            workbook = read_workbook(path, str(path))
        records.append(record_from_workbook(workbook))
        languages.append(workbook.language)
        sources.append(source_file(path, tz))
    try:
        group = group_record(
            records,
            sources,
            generated=local(dt.datetime.now(dt.timezone.utc), tz),
            version=__version__,
            findings=findings,
            # Without a language, the report speaks the first workbook's (its headings').
            lang=lang or (languages[0] if languages else "en"),
            entity=entity,
            with_findings=with_findings,
        )
        group.control = group.control.with_overrides(control or {})
    except UnknownEntity as exc:
        raise ExportError(str(exc)) from exc
    except InvalidControlValue as exc:
        raise ExportError(str(exc)) from exc
    return group


def _missing_library(fmt: str) -> str | None:
    """The first third-party library the writer of ``fmt`` needs that is not installed."""
    return next(
        (name for name in REQUIRES.get(fmt, ()) if not importlib.util.find_spec(name)), None
    )


def export(
    paths: Sequence[str | Path],
    fmt: str | None,
    output: str | Path,
    *,
    lang: str | None = None,
    entity: str | None = None,
    with_findings: bool = False,
    force: bool = False,
    audience: str | None = None,
    progress: Progress | None = None,
    control: Mapping[str, str | None] | None = None,
    zone: str | None = None,
    on_note: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write the report of ``paths`` in ``fmt`` to ``output``; returns the files written.

    Without ``fmt`` the format is the one ``output``'s name ends in; a name that contradicts
    ``fmt`` is an error, and an existing folder gets ``<first workbook>.<format>`` inside it.

    ``audience`` is for the page reports (pdf, html, docx): "authority" (the default for pdf
    and docx) leaves out the input files and their SHA-256, notice paths, the ropa version
    and empty annexes; "internal" (the default for html) keeps them and adds the findings.
    ``progress(done, total)`` is told how far a page report is. ``control`` replaces values
    of the workbooks' Document control sheet (keys as in
    :data:`ropa.model.control.CONTROL_FIELDS`); ``zone`` is the IANA time zone of the
    report's times (default: the machine's). ``on_note`` is told, in the report's language,
    when a report for the authority is made of a record whose status is not approved.

    Raises :class:`~ropa.write.safety.ExportError` (bad format, language, entity or output,
    or a missing library) and ``ropa.read.workbook.WorkbookError`` (an unreadable input),
    each with a one-line message.
    """
    if fmt is not None and fmt not in WRITERS:
        raise ExportError(f"unknown format '{fmt}': use one of {', '.join(WRITERS)}")
    if lang is not None and lang not in RECORD_LANGUAGES:
        raise ExportError(f"unknown language '{lang}': use one of {', '.join(RECORD_LANGUAGES)}")
    if audience is not None and audience not in AUDIENCES:
        raise ExportError(f"unknown audience '{audience}': use authority or internal")
    paths, _ = workbook_files(paths)  # folders give their workbooks; lock files are skipped
    if not paths:
        raise ExportError("no workbook given")
    output, fmt = export_target(Path(output), fmt, Path(paths[0]), FOLDER_FORMATS)
    if fmt in FOLDER_FORMATS:
        check_output_folder(output, paths, force)
    else:
        check_output(output, paths, force)
    missing = _missing_library(fmt)
    if missing:
        raise ExportError(f"the {fmt} export needs {missing}; install it first")
    if audience is not None and fmt not in PAGE_FORMATS:
        raise ExportError(f"--audience is for the pdf, html and docx reports, not {fmt}")
    with_findings = with_findings or audience == "internal"
    group = build_group_record(
        paths,
        lang=lang,
        entity=entity,
        with_findings=with_findings,
        control=control,
        zone=zone,
    )
    if fmt not in PAGE_FORMATS:
        return WRITERS[fmt](group, output)
    chosen = audience or DEFAULT_AUDIENCE[fmt]
    if on_note is not None and chosen == "authority" and not group.control.approved:
        on_note(not_approved_note(group))
    return WRITERS[fmt](group, output, audience=chosen, progress=progress)


def not_approved_note(group: GroupRecord) -> str:
    """What to tell the DPO who sends the authority a record nobody has approved, as a note
    in the report's language ("Obs: ...")."""
    lang = group.lang
    sheet = record_schema().sheet("document")
    where = {"sheet": sheet.title(lang), "column": sheet.field("status").title(lang)}
    if group.control.status:
        status = control_value(group.control, "status", lang)
        text = msg("export.not_approved", status=status, **where).render(lang)
    else:
        text = msg("export.no_status", **where).render(lang)
    hint = msg("export.approve.hint").render(lang)
    return msg("export.note", text=f"{text} {hint}").render(lang)


def record_frames(
    paths: Sequence[str | Path], *, entity: str | None = None
) -> dict[str, pd.DataFrame]:
    """Every sheet of the (consolidated) record as a pandas DataFrame, keyed by sheet key.

    Several workbooks are consolidated as for ``ropa export``: a processor recorded in
    several of them is one row. ``entity`` keeps one legal entity and its activities.
    Raises ``ropa.read.workbook.WorkbookError`` for a workbook that cannot be read.
    """
    return group_frames(build_group_record(paths, entity=entity))


__all__ = ["ExportError", "build_group_record", "export", "record_frames", "source_file"]
