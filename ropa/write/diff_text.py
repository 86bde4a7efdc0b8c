"""Moved to :mod:`ropa.write.console.diff` (and the texts of a change to
:mod:`ropa.write.changes`); these names stay until the CLI imports them from there."""

from __future__ import annotations

from ropa.write.cells import field_title, value_text
from ropa.write.changes import change_texts
from ropa.write.console.diff import render_diff

__all__ = ["change_texts", "field_title", "render_diff", "value_text"]
