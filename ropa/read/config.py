"""Configuration: ``[tool.ropa]`` in a pyproject.toml, or a ropa.toml beside the workbook.

Example::

    [tool.ropa]
    review-interval-months = 12
    ignore = ["RP106"]
    select = ["RP"]              # code prefixes; default: every rule
    allow-notices-outside = false  # read notices the Organisation sheet names outside
                                   # the workbook's folder (default: only --policy ones)
    max-file-mb = 512            # safety caps on what a workbook may make ropa read
    max-uncompressed-mb = 2048
    max-compression-ratio = 1000
    max-cells = 20000000         # cells of a sheet's used range, from A1
    max-rows = 1048576           # rows of one sheet
    max-activities = 200000      # activities of one workbook
    lang = "sv"                  # the findings' language (default: the workbook's headings')
    [tool.ropa.severity]
    RP801 = "error"
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ropa.model.findings import Severity
from ropa.model.languages import RECORD_LANGUAGES
from ropa.read.container import Limits

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


class ConfigError(Exception):
    """The configuration file is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Settings that shape a check run."""

    review_interval_months: int = 12
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    source: Path | None = None
    limits: Limits = field(default_factory=Limits)
    allow_notices_outside: bool = False
    #: The language of the findings' messages; None: the language of the workbook's headings.
    lang: str | None = None

    def with_cli(
        self, select: list[str] | None, ignore: list[str] | None, lang: str | None = None
    ) -> Config:
        """Command-line --select replaces the file's selection; --ignore adds to it; --lang
        replaces the file's language."""
        return replace(
            self,
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore or ()),
            lang=lang or self.lang,
        )

    def enabled(self, code: str) -> bool:
        """Whether a rule runs: selected (by code or prefix) and not ignored."""
        if self.select and not any(code.startswith(prefix) for prefix in self.select):
            return False
        return not any(code.startswith(prefix) for prefix in self.ignore)


def find_config_file(workbook: Path) -> tuple[Path, dict[str, Any]] | None:
    """ropa.toml beside the workbook, else the nearest pyproject.toml with [tool.ropa]."""
    try:
        folder = workbook.resolve().parent
        beside = folder / "ropa.toml"
        if beside.is_file():
            return beside, _section(_load(beside), beside, whole=True)
        for parent in (folder, *folder.parents):
            candidate = parent / "pyproject.toml"
            if candidate.is_file():
                data = _load(candidate)
                if isinstance(data.get("tool"), dict) and "ropa" in data["tool"]:
                    return candidate, _section(data, candidate, whole=False)
    except OSError as exc:
        raise ConfigError(f"cannot look for a configuration beside {workbook} ({exc})") from exc
    return None


def _section(data: dict[str, Any], path: Path, *, whole: bool) -> dict[str, Any]:
    """``[tool.ropa]``, or (in a ropa.toml without it) the whole file; tables only."""
    tool = data.get("tool")
    if tool is None and whole:
        return data
    if not isinstance(tool, dict) or not isinstance(tool.get("ropa", {}), dict):
        raise ConfigError(f"{path}: 'tool.ropa' must be a table of settings")
    section: dict[str, Any] = tool.get("ropa", data if whole else {})
    return section


def _load(path: Path) -> dict[str, Any]:
    try:
        # utf-8-sig: Notepad used to save UTF-8 with a byte-order mark.
        text = path.read_bytes().decode("utf-8-sig")
        return tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the configuration is not UTF-8 text ({exc.reason})") from exc
    except RecursionError as exc:
        raise ConfigError(f"{path}: the configuration is nested too deeply") from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc})") from exc


def load_config(workbook: Path, explicit: Path | None = None) -> Config:
    """The configuration that applies to a workbook (defaults when there is none)."""
    if explicit is not None:
        return parse_config(_section(_load(explicit), explicit, whole=True), explicit)
    found = find_config_file(workbook)
    return parse_config(found[1], found[0]) if found else Config()


def _codes(value: Any, key: str, source: Path | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of rule codes")
    codes = tuple(v.strip().upper() for v in value)
    if "" in codes:
        # An empty prefix matches every code: in 'ignore' it would switch every rule off.
        raise ConfigError(f"{source}: '{key}' has an empty rule code")
    return codes


#: [tool.ropa] keys of the safety caps, and the Limits field each sets.
_LIMIT_KEYS = {
    "max-file-mb": "max_file_mb",
    "max-uncompressed-mb": "max_uncompressed_mb",
    "max-compression-ratio": "max_compression_ratio",
    "max-cells": "max_cells",
    "max-rows": "max_rows",
    "max-activities": "max_activities",
}


def _limits(data: dict[str, Any], source: Path | None) -> Limits:
    values: dict[str, int] = {}
    for key, attribute in _LIMIT_KEYS.items():
        if key in data:
            value = data[key]
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{source}: '{key}' must be a positive whole number")
            values[attribute] = value
    return Limits(**values)


def parse_config(data: dict[str, Any], source: Path | None = None) -> Config:
    """Build a Config from the [tool.ropa] table; unknown keys are an error (typos matter)."""
    known = {
        "review-interval-months",
        "select",
        "ignore",
        "severity",
        "allow-notices-outside",
        "lang",
        *_LIMIT_KEYS,
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"{source}: unknown setting '{unknown[0]}' (known: {', '.join(sorted(known))})"
        )
    months = data.get("review-interval-months", 12)
    if not isinstance(months, int) or isinstance(months, bool) or months <= 0:
        raise ConfigError(f"{source}: 'review-interval-months' must be a positive whole number")
    severities: dict[str, Severity] = {}
    table = data.get("severity", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: 'severity' must be a table of rule codes and severities")
    for code, level in table.items():
        try:
            severities[code.upper()] = Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(f"{source}: severity of {code}: {exc}") from exc
    outside = data.get("allow-notices-outside", False)
    if not isinstance(outside, bool):
        raise ConfigError(f"{source}: 'allow-notices-outside' must be true or false")
    lang = data.get("lang")
    if lang is not None and lang not in RECORD_LANGUAGES:
        raise ConfigError(f"{source}: 'lang' must be one of {', '.join(RECORD_LANGUAGES)}")
    return Config(
        allow_notices_outside=outside,
        limits=_limits(data, source),
        review_interval_months=months,
        select=_codes(data.get("select", []), "select", source),
        ignore=_codes(data.get("ignore", []), "ignore", source),
        severity=severities,
        source=source,
        lang=lang,
    )
