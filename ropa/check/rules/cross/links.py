"""XC101, XC102: the Organisation sheet's links to the privacy notice."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import label
from ropa.check.views.cross import LinkView
from ropa.model.findings import Problem, Severity


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
                f"Entity '{label(link.row, 'entity_id')}' names its privacy notice by a web "
                f"address ({link.value}); ropa does not fetch pages, so the notice was not "
                "compared with the record.",
                hint="Save the page and pass it with --policy to cross-check it.",
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
                f"Entity '{label(link.row, 'entity_id')}' names the privacy notice "
                f"'{link.value}', which is outside the workbook's folder; it was not read.",
                hint="Put the notice beside the workbook, pass it with --policy, or set "
                "allow-notices-outside = true in the configuration.",
            )
        elif link.kind == "file" and not link.exists:
            yield Problem(
                links.ctx.at("organisation", link.row, "privacy_policy"),
                f"Entity '{label(link.row, 'entity_id')}' names the privacy notice "
                f"'{link.value}', but there is no such file beside the workbook.",
                hint="Correct the path (relative to the workbook) or pass the notice with "
                "--policy.",
            )
