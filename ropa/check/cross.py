"""Run the cross-check: find the notices of a workbook, scan them, run the XC rules.

Notices come from two places: files given with ``--policy`` (they speak for every entity of
the workbook, unless the Organisation sheet names the same file for some entities) and the
Organisation sheet's privacy-policy cells, when they name a file relative to the workbook.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from ropa.check.engine import run
from ropa.check.notices import scan_document
from ropa.check.report import PolicyScan
from ropa.check.rules import cross
from ropa.check.rules.cross.links import FOREIGN_NOTICE
from ropa.check.views.cross import CrossView, LinkView, PolicyLink
from ropa.check.views.record import RecordView, fold
from ropa.model.findings import Finding
from ropa.model.recipients import company_names, name_core
from ropa.read.config import Config
from ropa.read.notice.reading import SUFFIXES, policy_files, read_policy
from ropa.read.workbook import Row, Workbook

_URL_PREFIXES = ("http://", "https://", "www.")


def policy_links(
    workbook: Workbook, allow_outside: bool = True, allowed: frozenset[str] = frozenset()
) -> list[PolicyLink]:
    """The Organisation sheet's privacy-policy cells that name a URL or a notice file.

    Without ``allow_outside``, a file outside the workbook's folder (symbolic links
    followed) is marked ``outside`` and not read, unless its resolved path is in ``allowed``.
    """
    links: list[PolicyLink] = []
    folder = Path(workbook.path).parent
    home = folder.resolve()
    for row in workbook.rows("organisation"):
        value = row.text("privacy_policy").strip()
        if not value:
            continue
        if value.lower().startswith(_URL_PREFIXES):
            links.append(PolicyLink(row, value, "url"))
        elif Path(value).suffix.lower() in SUFFIXES:
            path = Path(value)
            resolved = path if path.is_absolute() else folder / path
            try:
                real = resolved.resolve()
                exists = resolved.is_file()
            except (OSError, RuntimeError):  # a symlink loop, a name too long
                links.append(PolicyLink(row, value, "file", str(resolved), False))
                continue
            if not (allow_outside or real.is_relative_to(home) or str(real) in allowed):
                links.append(PolicyLink(row, value, "file", str(resolved), exists, outside=True))
                continue
            links.append(PolicyLink(row, value, "file", str(resolved), exists))
    return links


def names_policy(workbook: Workbook) -> bool:
    """Whether any Organisation row fills in its privacy policy (a cheap look first)."""
    return any(row.has("privacy_policy") for row in workbook.rows("organisation"))


def _from_working_directory(path: str) -> str:
    """A notice named relative to the workbook, as a path that opens from where ropa runs
    (what messages quote and SARIF's related locations point to)."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return str(Path(path).resolve())


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def _targets(
    workbook: Workbook, links: list[PolicyLink], policies: Sequence[str | Path]
) -> dict[str, tuple[str, str, list[Row], bool]]:
    """Which notice speaks for which entities: key -> (path, display, entities, given with
    ``--policy``: then the entities are those the notice names, see :func:`speaks_for`)."""
    targets: dict[str, tuple[str, str, list[Row], bool]] = {}
    for link in links:
        if link.kind == "file" and link.exists and link.path and not link.outside:
            shown = _from_working_directory(link.path)
            targets.setdefault(_key(link.path), (link.path, shown, [], False))[2].append(link.row)
    if policies:
        entities = workbook.rows("organisation")
        for given in policy_files(policies):
            key = _key(given)
            if key not in targets:
                targets[key] = (str(given), str(given), list(entities), True)
    return targets


def _named_in(folded: str, digits: str, entity: Row) -> bool:
    name = fold(name_core(entity.text("legal_name")))
    number = re.sub(r"\D", "", entity.text("registration_number"))
    return (len(name) >= 3 and name in folded) or (len(number) >= 5 and number in digits)


def speaks_for(scan: PolicyScan, entities: list[Row]) -> tuple[list[Row], str | None]:
    """The entities a notice given with ``--policy`` speaks for, and the company it is for
    when that is none of them.

    A notice speaks for the entities whose controller lines name them (by legal name, legal
    form aside, or registration number), else for those it names anywhere, else for all. A
    notice that names none of them but names a controller of its own ("Ljusvik Energi AB"
    in its title or on its controller's lines) is for that company: it is not compared.
    """
    lines = scan.document.lines
    found = scan.elements.get("controller_identity")
    places = [int(e.line) for e in found.evidence] if found is not None and found.present else []
    title = next((n for n, text in enumerate(lines, 1) if text.strip()), 1)
    for chosen in ([lines[n - 1] for n in [title, *places] if 1 <= n <= len(lines)], lines):
        text = "\n".join(chosen)
        folded, digits = fold(text), re.sub(r"\D", "", text)
        named = [entity for entity in entities if _named_in(folded, digits, entity)]
        if named:
            return named, None
    for number in [title, *places]:
        if 1 <= number <= len(lines):
            for name in company_names(lines[number - 1]):
                return [], name
    return list(entities), None


def cross_check(
    workbook: Workbook, config: Config, policies: Sequence[str | Path] = ()
) -> list[Finding]:
    """The XC findings of one workbook against its notices (none when it has none), unsorted.

    Raises ``PolicyReadError`` when a notice cannot be read.
    """
    allowed = (
        frozenset(_key(given) for given in policy_files(policies)) if policies else frozenset()
    )
    links = policy_links(workbook, config.allow_notices_outside, allowed)
    if not links and not policies:
        return []
    if not any(config.enabled(item.code) for item in cross.RULES):
        return []
    record = RecordView(workbook, config)
    lang = config.lang or workbook.language
    findings = run(LinkView(record, links, given=bool(policies)), cross.RULES, config, lang)
    for notice, display, entities, given in _targets(workbook, links, policies).values():
        scan = scan_document(read_policy(notice, display=display), config=config)
        foreign = None
        if given:
            entities, foreign = speaks_for(scan, entities)
        crossed = CrossView(record, scan, display, entities, foreign=foreign)
        # A notice for another company is reported once, not compared rule by rule.
        rules = [r for r in cross.RULES if r.code == FOREIGN_NOTICE] if foreign else cross.RULES
        findings.extend(run(crossed, rules, config, lang))
    return _unique(findings)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for finding in findings:
        key = (finding.code, finding.location.describe(), finding.message)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out
