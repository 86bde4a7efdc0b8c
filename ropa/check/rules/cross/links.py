"""XC101, XC102: the Organisation sheet's links to the privacy notice; XC127: a notice given
with --policy that is for another company."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import row_label
from ropa.check.views.cross import CrossView, LinkView
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


#: The code of the one finding about a notice for another company (run alone on it).
FOREIGN_NOTICE = "XC127"


@rule(FOREIGN_NOTICE, "notice-for-another-entity", Severity.WARNING, "Art. 13(1)(a), Art. 14(1)(a)")
def notice_for_another_entity(cx: CrossView) -> Iterator[Problem]:
    """A notice given with ``--policy`` is for a company that is not an entity of the record.

    ``ropa check WORKBOOK --policy folder/`` matches each notice to the entities it names (by
    legal name, legal form aside, or registration number). A notice that names none of
    them but names a controller of its own (in its title or its lines on the controller)
    belongs to another company, or to an entity missing from the Organisation sheet: it is
    reported once and not compared, instead of one finding per purpose and kind of data.

    Fix: leave the other company's notice out of the folder, or add the entity to the
    Organisation sheet if the record should cover it.
    """
    if cx.foreign is None:
        return
    yield Problem(
        cx.header_location("organisation", "legal_name"),
        msg("XC127.foreign", notice=cx.display, company=cx.foreign),
        hint=msg("XC127.hint", company=cx.foreign),
        related=cx.related(None, cx.foreign),
    )
