"""XC101, XC102: the Organisation sheet's links to the privacy notice."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import row_label
from ropa.check.views.cross import LinkView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import msg


@rule(
    "XC101",
    "policy-online-only",
    Severity.INFO,
    "Art. 12(1), Art. 13, Art. 14",
)
def policy_online_only(links: LinkView) -> Iterator[Problem]:
    """The Organisation sheet names the privacy notice by a web address, which is not fetched.

    ropa checks a notice against the record only when it can read it; it never fetches web
    pages. The notice the address points to is therefore not compared with the record.
    Reported once per entity, and not when notices are given with ``--policy``.

    Fix: save the page (in the browser: Save page as, HTML) and pass it with
    ``ropa check WORKBOOK --policy saved-page.html``, or write the file's path relative to
    the workbook in the privacy-policy column.
    """
    if links.given:
        return
    for link in links.links:
        if link.kind == "url":
            yield Problem(
                links.ctx.at("organisation", link.row, "privacy_policy"),
                msg("XC101.online_only", entity=row_label(link.row, "entity_id"), url=link.value),
                hint=msg("XC101.hint"),
            )


@rule("XC102", "policy-file-missing", Severity.WARNING, "Art. 13, Art. 14")
def policy_file_missing(links: LinkView) -> Iterator[Problem]:
    """The privacy notice file the Organisation sheet names does not exist.

    A path in the privacy-policy column is read relative to the workbook's folder. When the
    file is not there, the notice cannot be compared with the record. A path that leads out
    of the workbook's folder (an absolute path, ``../``, a symbolic link) is not read either,
    so that a workbook cannot make ropa quote other files into its report, unless the
    notice is passed with ``--policy`` or the configuration says ``allow-notices-outside``.

    Fix: correct the path (relative to the workbook), put the notice file beside the
    workbook, or pass the notice with ``--policy``.
    """
    for link in links.links:
        if link.kind == "file" and link.outside:
            yield Problem(
                links.ctx.at("organisation", link.row, "privacy_policy"),
                msg("XC102.outside", entity=row_label(link.row, "entity_id"), path=link.value),
                hint=msg("XC102.outside.hint"),
            )
        elif link.kind == "file" and not link.exists:
            yield Problem(
                links.ctx.at("organisation", link.row, "privacy_policy"),
                msg("XC102.no_file", entity=row_label(link.row, "entity_id"), path=link.value),
                hint=msg("XC102.no_file.hint"),
            )
