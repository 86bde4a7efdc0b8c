"""ropa's Python API: check records, scan notices, export reports, compare versions.

Everything the ``ropa`` command does is one call here; the command only parses its arguments
and renders what these return::

    import ropa

    report = ropa.check(["record.xlsx"], policies=["privacy.md"])
    for finding in report.findings:
        print(finding.code, finding.severity.value, finding.location.describe(), finding.message)

    scans = ropa.scan_notices(["notices/"])
    ropa.export(["record.xlsx"], "pdf", "record.pdf", lang="sv")
    changes = ropa.diff("record-v1.xlsx", "record-v2.xlsx")
    frames = ropa.api.record_frames(["record.xlsx"])   # pandas DataFrames, one per sheet

Errors a user can cause (an unreadable workbook or notice, an invalid configuration file, an
output that cannot be written) raise one of :data:`USER_ERRORS`, each with a one-line message
naming the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ropa.api.check import check_paths
from ropa.api.export import export, record_frames
from ropa.api.importing import import_record, show_mapping
from ropa.api.notices import scan_paths
from ropa.check.diff import RecordDiff, diff_records
from ropa.check.registry import all_rules, nearest_codes
from ropa.check.registry import find_rules as registry_find_rules
from ropa.check.report import Report
from ropa.check.rule import Rule
from ropa.model.languages import RECORD_LANGUAGES, record_language
from ropa.read.config import Config, ConfigError, load_config
from ropa.read.notice.reading import DEFAULT_MAX_BYTES, PolicyReadError
from ropa.read.workbook import WorkbookError
from ropa.write.diffs import write_diff
from ropa.write.examples import example_for_language
from ropa.write.frames import findings_frame
from ropa.write.safety import ExportError, check_output
from ropa.write.targets import diff_target
from ropa.write.template import write_workbook

#: The exceptions a user's input or output can cause; each message is one line.
USER_ERRORS: tuple[type[Exception], ...] = (
    WorkbookError,
    ConfigError,
    PolicyReadError,
    ExportError,
)


def _config(first: str | Path, config: str | Path | Config | None) -> Config | None:
    if config is None or isinstance(config, Config):
        return config
    return load_config(Path(first), Path(config))


def check(
    paths: Iterable[str | Path],
    *,
    config: str | Path | Config | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    policies: Sequence[str | Path] = (),
    baseline: str | Path | None = None,
    lang: str | None = None,
) -> Report:
    """Check records of processing activities (``ropa check``).

    ``config`` is a configuration file (``ropa.toml`` or ``pyproject.toml``) or a
    :class:`~ropa.read.config.Config`; without it each workbook uses the file found beside it.
    ``select``/``ignore`` are rule codes or prefixes; ``policies`` are privacy notices (files
    or folders) to cross-check every workbook against; ``baseline`` a saved JSON report whose
    findings are not reported again. Folders give the workbooks in them; Excel's lock files are
    skipped (``report.notes``); a workbook that cannot be read is in ``report.errors`` while the
    others are checked, and its error is raised only when nothing could be read. ``lang``
    (en, sv, nb, da, fi) is the language of the findings' messages and hints; by default the
    configuration's ``lang``, else the language of each workbook's headings.
    """
    if lang is not None:
        record_language(lang)
    paths = [Path(path) for path in paths]
    base = _config(paths[0], config) if paths else None
    known = Path(baseline) if baseline is not None else None
    return check_paths(
        paths, base, list(select or []), list(ignore or []), policies, known, lang=lang
    )


def scan_notices(
    paths: Iterable[str | Path],
    *,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    config: str | Path | Config | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    jobs: int | None = None,
) -> Report:
    """Read published privacy notices and check them against Art. 13 and 14 (``policy scan``).

    The report's ``scans`` hold each notice's language, sections, elements with their evidence
    lines and entities; its ``findings`` what is missing. ``jobs`` worker processes scan many
    notices (default: one per CPU from 24 notices on); the order is the same either way.
    """
    paths = [Path(path) for path in paths]
    base = _config(paths[0], config) if paths else None
    return scan_paths(
        paths,
        language=language,
        max_bytes=max_bytes,
        config=base,
        select=list(select or []),
        ignore=list(ignore or []),
        jobs=jobs,
    )


def init_workbook(
    path: str | Path, *, lang: str = "en", example: bool = False, force: bool = False
) -> Path:
    """Write the template workbook (``ropa init``): drop-downs, guidance and an Instructions
    sheet in ``lang``; with ``example``, filled with the fictional Havsvik Nordic group."""
    path = Path(path)
    if lang not in RECORD_LANGUAGES:
        raise ExportError(f"unknown language '{lang}': use one of {', '.join(RECORD_LANGUAGES)}")
    if path.suffix.lower() != ".xlsx":
        raise ExportError(f"{path}: the template is an Excel workbook; give a name ending in .xlsx")
    check_output(path, [], force)
    write_workbook(path, lang, example_for_language(lang) if example else None)
    return path


def rules(family: str | None = None) -> list[Rule]:
    """Every rule (of one family: record, policy, cross or group), by code (``ropa rules``)."""
    return all_rules(family)


def find_rules(code_or_name: str) -> list[Rule]:
    """The rule with this code, or the rules with this name (``ropa explain``)."""
    return registry_find_rules(code_or_name)


def diff(
    old: str | Path,
    new: str | Path,
    *,
    output: str | Path | None = None,
    fmt: str | None = None,
    force: bool = False,
) -> RecordDiff:
    """What changed between two versions of a record: activities and rows added, removed,
    changed (``ropa diff``).

    With ``output`` the comparison is also written there as ``fmt`` (text, json or xlsx;
    None: as the file name says, text when it says nothing); an existing folder gets
    ``<old>-vs-<new>.<format>`` inside it. The output is checked before the workbooks are
    read, and never replaces an input.
    """
    target: Path | None = None
    if output is not None:
        target, fmt = diff_target(Path(output), fmt, Path(old), Path(new))
        check_output(target, [old, new], force)
    changes = diff_records(old, new)
    if target is not None:
        write_diff(changes, fmt or "text", target)
    return changes


__all__ = [
    "USER_ERRORS",
    "RecordDiff",
    "Report",
    "check",
    "diff",
    "export",
    "find_rules",
    "findings_frame",
    "import_record",
    "init_workbook",
    "nearest_codes",
    "record_frames",
    "rules",
    "scan_notices",
    "show_mapping",
]
