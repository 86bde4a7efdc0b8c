"""Run the cross-check: find the notices of a workbook, scan them, run the XC rules.

Notices come from two places: files given with ``--policy`` (they speak for every entity of
the workbook, unless the Organisation sheet names the same file for some entities) and the
Organisation sheet's privacy-policy cells, when they name a file relative to the workbook.
The cells are looked at first, cheaply; the policy code is loaded only when there is a notice
to read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ropa.check.registry import Problem, Rule, all_rules, finding_from
from ropa.check.views.cross import CrossContext, CrossProblem, LinkContext, PolicyLink
from ropa.check.views.record import Context
from ropa.model.findings import Finding
from ropa.read.config import Config
from ropa.read.workbook import Row, Workbook

#: File endings ``read_policy`` reads (kept in step with ropa.read.notice.reading.SUFFIXES).
NOTICE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx")
_URL_PREFIXES = ("http://", "https://", "www.")


def policy_links(workbook: Workbook) -> list[PolicyLink]:
    """The Organisation sheet's privacy-policy cells that name a URL or a notice file."""
    links: list[PolicyLink] = []
    folder = Path(workbook.path).parent
    for row in workbook.rows("organisation"):
        value = row.text("privacy_policy").strip()
        if not value:
            continue
        if value.lower().startswith(_URL_PREFIXES):
            links.append(PolicyLink(row, value, "url"))
        elif Path(value).suffix.lower() in NOTICE_SUFFIXES:
            path = Path(value)
            resolved = path if path.is_absolute() else folder / path
            links.append(PolicyLink(row, value, "file", str(resolved), resolved.is_file()))
    return links


def _finding(item: Rule, problem: Problem, config: Config) -> Finding:
    return finding_from(item, problem, config.severity)


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def cross_check(
    workbook: Workbook, config: Config, policies: Sequence[str | Path] = ()
) -> list[Finding]:
    """The XC findings of one workbook against its notices (none when it has none).

    Raises ``PolicyReadError`` when a notice cannot be read.
    """
    links = policy_links(workbook)
    if not links and not policies:
        return []
    from ropa.check.rules.cross import rules  # registers the XC rules

    cross = [r for r in all_rules("cross") if config.enabled(r.code)]
    if not cross:
        return []
    ctx = Context(workbook, config)
    findings: list[Finding] = []
    link_context = LinkContext(ctx, links, given=bool(policies))
    for item in cross:
        if item.code in rules.LINK_RULES:
            findings.extend(_finding(item, p, config) for p in item.function(link_context))

    # Which notice speaks for which entities.
    entities = workbook.rows("organisation")
    targets: dict[str, tuple[str, str, list[Row]]] = {}  # key -> (path, display, entities)
    for link in links:
        if link.kind == "file" and link.exists and link.path:
            targets.setdefault(_key(link.path), (link.path, link.value, []))[2].append(link.row)
    if policies:
        from ropa.read.notice.reading import policy_files

        for given in policy_files(policies):
            key = _key(given)
            if key not in targets:
                targets[key] = (str(given), str(given), list(entities))
    if not targets:
        return _sorted(workbook, findings)

    from ropa.check.scan import scan_document
    from ropa.read.notice.reading import read_policy

    notice_rules = [item for item in cross if item.code not in rules.LINK_RULES]
    for notice, display, speaks_for in targets.values():
        document = read_policy(notice, display=display)
        scan = scan_document(document, config=config)
        context = CrossContext(ctx, scan, display, speaks_for)
        for item in notice_rules:
            findings.extend(_finding(item, p, config) for p in item.function(context))
    return _sorted(workbook, _unique(findings))


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for finding in findings:
        key = (finding.code, finding.location.describe(), finding.message)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def _sorted(workbook: Workbook, findings: list[Finding]) -> list[Finding]:
    order = {name: position for position, name in enumerate(workbook.sheet_order)}
    return sorted(findings, key=lambda f: (order.get(f.location.sheet or "", -1), *f.sort_key()))


__all__ = ["NOTICE_SUFFIXES", "CrossProblem", "cross_check", "policy_links"]
