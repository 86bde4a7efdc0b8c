"""Check one read notice against Art. 13 and 14: detect what it discloses, run the notice rules.

Findings are worded in ``lang`` of the configuration (``ropa.toml``) or else in the notice's
own language: a DPO scanning a Swedish integritetspolicy reads Swedish findings.
"""

from __future__ import annotations

from ropa.check.engine import run
from ropa.check.report import PolicyScan
from ropa.check.rules import notice
from ropa.check.views.notice import NoticeView
from ropa.model.findings import Finding
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import SOURCE_LANGUAGE
from ropa.read.config import Config
from ropa.read.notice.document import PolicyDocument
from ropa.read.notice.facts import Detector, Extractor, NoticeFacts, notice_facts


def check_notice(facts: NoticeFacts, config: Config) -> list[Finding]:
    """Every enabled notice rule over one notice, as findings sorted by line, worded in
    :func:`findings_language`."""
    view = NoticeView(facts.document, facts.elements, facts.entities, today=config.today)
    findings = run(view, notice.RULES, config, findings_language(facts, config))
    findings.sort(key=lambda f: (f.location.line or 0, f.code))
    return findings


def message_language(notice_language: str) -> str:
    """The language findings about a notice in ``notice_language`` are worded in."""
    code = "nb" if notice_language == "nn" else notice_language
    return code if code in RECORD_LANGUAGES else SOURCE_LANGUAGE


def findings_language(facts: NoticeFacts, config: Config) -> str:
    """The configured language, or else the notice's own (bokmål for a nynorsk notice)."""
    return config.lang or message_language(facts.document.language)


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
    return PolicyScan(facts, check_notice(facts, config), findings_language(facts, config))
