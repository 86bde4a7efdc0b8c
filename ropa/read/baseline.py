"""A saved ``ropa check --format json`` report, read as a baseline of known findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ropa.read.config import ConfigError

#: A baseline larger than this is not a report ropa wrote (and would take long to read).
MAX_BASELINE_BYTES = 200 * 1024 * 1024


def load_baseline(path: Path) -> list[dict[str, Any]]:
    """The findings of a saved JSON report; ConfigError (one line) when it is not one."""
    try:
        if path.stat().st_size > MAX_BASELINE_BYTES:
            raise ConfigError(f"{path}: the baseline is larger than 200 MB")
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ConfigError(f"{path}: cannot read the baseline ({exc})") from exc
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        raise ConfigError(
            f"{path}: not a baseline; save one with 'ropa check ... --format json --output {path}'"
        )
    return findings
