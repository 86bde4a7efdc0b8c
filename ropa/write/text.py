"""Moved to :mod:`ropa.write.console.findings`; these names stay until the CLI imports them
from there (``render_text`` is :func:`~ropa.write.console.findings.render_check`)."""

from __future__ import annotations

from ropa.write.console.findings import SEVERITY_STYLE, counts_line, summary_line
from ropa.write.console.findings import render_check as render_text

__all__ = ["SEVERITY_STYLE", "counts_line", "render_text", "summary_line"]
