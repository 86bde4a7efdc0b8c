"""Everything ropa prints on a terminal, rendered with rich.

One function per command; each takes what the command computed and a rich ``Console``
(by default the terminal, as the command prints it):

* :func:`render_check`: the findings of ``ropa check``;
* :func:`render_scan`: the notices of ``ropa policy scan``;
* :func:`render_diff` and :func:`diff_text`: ``ropa diff``, on the terminal or as a file;
* :func:`render_rules` and :func:`render_explain`: ``ropa rules`` and ``ropa explain``;
* :func:`wrote`, :func:`wrote_template` and :func:`fails_check`: the one-line reports of
  ``ropa export`` and ``ropa init``, in the user's language.

The JSON of the same commands is in :mod:`ropa.write.json_out`.
"""

from __future__ import annotations

from ropa.write.console.diff import diff_text, render_diff
from ropa.write.console.findings import check_text, render_check
from ropa.write.console.notices import render_scan
from ropa.write.console.rules import render_explain, render_rules
from ropa.write.console.said import fails_check, wrote, wrote_template

__all__ = [
    "check_text",
    "diff_text",
    "fails_check",
    "render_check",
    "render_diff",
    "render_explain",
    "render_rules",
    "render_scan",
    "wrote",
    "wrote_template",
]
