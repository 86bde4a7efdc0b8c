"""Check one read notice against Art. 13 and 14: detect what it discloses, run the notice rules."""

from __future__ import annotations

from ropa.check.engine import run
from ropa.check.report import PolicyScan
from ropa.check.rules import notice
from ropa.check.views.notice import NoticeView
from ropa.model.findings import Finding
from ropa.read.config import Config
from ropa.read.notice.document import PolicyDocument
from ropa.read.notice.facts import Detector, Extractor, NoticeFacts, notice_facts


def check_notice(facts: NoticeFacts, config: Config) -> list[Finding]:
    """Every enabled notice rule over one notice, as findings sorted by line."""
    view = NoticeView(facts.document, facts.elements, facts.entities, today=config.today)
    findings = run(view, notice.RULES, config)
    findings.sort(key=lambda f: (f.location.line or 0, f.code))
    return findings


def scan_document(
    document: PolicyDocument,
    *,
    config: Config | None = None,
    detector: Detector | None = None,
    extractor: Extractor | None = None,
) -> PolicyScan:
    """Detect the elements and entities of a read notice and run the notice rules on it."""
    config = config or Config()
    facts = notice_facts(document, detector, extractor)
    return PolicyScan(facts, check_notice(facts, config))
