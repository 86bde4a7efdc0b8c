"""Moved to :mod:`ropa.write.console.notices`; these names stay until the CLI imports them
from there (``render_report`` is :func:`~ropa.write.console.notices.render_scan`)."""

from __future__ import annotations

from ropa.write.console.notices import render_notice as render_scan
from ropa.write.console.notices import render_scan as render_report
from ropa.write.console.notices import summary_line

__all__ = ["render_report", "render_scan", "summary_line"]
