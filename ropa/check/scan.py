"""``ropa policy scan``: read notices, detect their disclosure elements, and check them.

A scan of one notice is a :class:`PolicyScan`: the document, the Art. 13/14 elements with the
lines that disclose them, the entities extracted (vendors, retention periods, lawful bases,
the supervisory authority, ...), and the findings of the ``policy`` rules. A run over several
notices is a :class:`ScanReport`, whose :meth:`ScanReport.to_dict` is the ``--format json``
document (schemas/policy.schema.json).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from ropa.check.engine import FAIL_ON
from ropa.check.registry import Rule, all_rules, run_rules_on
from ropa.check.views.notice import ElementLike, PolicyContext
from ropa.model.findings import Finding, Severity
from ropa.read.config import Config, load_config
from ropa.read.notice.document import PolicyDocument
from ropa.read.notice.reading import DEFAULT_MAX_BYTES, policy_files, read_policy

#: Finds the disclosure elements: ``detect_elements(lines, language)``.
Detector = Callable[[Sequence[str], str], Mapping[str, ElementLike]]
#: Extracts entities: ``extract_entities(lines, language)``.
Extractor = Callable[[Sequence[str], str], Mapping[str, Any]]

_POLICY_RULE_MODULE = "ropa.check.rules.notice.rules"


def policy_rules() -> list[Rule]:
    """Every registered ``policy`` rule, by code (importing this package's rules first)."""
    import importlib

    importlib.import_module(_POLICY_RULE_MODULE)
    return all_rules("policy")


def default_detector() -> Detector:
    from ropa.read.notice.elements import detect_elements

    return detect_elements


def default_extractor() -> Extractor:
    from ropa.read.notice.entities import extract_entities

    return extract_entities


def element_keys(elements: Mapping[str, ElementLike]) -> list[str]:
    """The element keys in their documented order (then any others, sorted)."""
    try:
        from ropa.read.notice.elements import ELEMENT_KEYS
    except ImportError:  # pragma: no cover - only while elements.py is being written
        ELEMENT_KEYS = ()
    known = [key for key in ELEMENT_KEYS if key in elements]
    return known + sorted(key for key in elements if key not in ELEMENT_KEYS)


def jsonable(value: Any) -> Any:
    """Entities as JSON values: dataclasses and mappings as objects, sequences as arrays."""
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(item) for item in value), key=str)
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@dataclass
class PolicyScan:
    """One notice: what it is, which elements it discloses where, and what is missing."""

    document: PolicyDocument
    elements: Mapping[str, ElementLike]
    entities: Mapping[str, Any]
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        """This notice's entry in the ``policies`` array of the JSON output."""
        doc = self.document
        return {
            "file": doc.path,
            "format": doc.format,
            "encoding": doc.encoding,
            "lines": len(doc.lines),
            "language": doc.language,
            "language_confidence": doc.language_confidence,
            "sections": [section.to_dict() for section in doc.sections],
            "elements": {
                key: {
                    "present": bool(self.elements[key].present),
                    "evidence": [
                        {"line": evidence.line, "text": evidence.text}
                        for evidence in self.elements[key].evidence
                    ],
                }
                for key in element_keys(self.elements)
            },
            "entities": jsonable(self.entities),
            "findings": [finding.to_dict() for finding in self.findings],
        }


@dataclass
class ScanReport:
    """The scans of a run, in the order the notices were given."""

    scans: list[PolicyScan] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [finding for scan in self.scans for finding in scan.findings]

    def counts(self) -> dict[str, int]:
        by_severity = Counter(f.severity for f in self.findings)
        return {severity.value: by_severity.get(severity, 0) for severity in Severity}

    def failed(self, fail_on: str = "error") -> bool:
        """Whether any finding is at or above the --fail-on threshold."""
        threshold = FAIL_ON[fail_on]
        if threshold is None:
            return False
        return any(f.severity.rank >= threshold.rank for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The --format json document (schemas/policy.schema.json)."""
        return {"policies": [scan.to_dict() for scan in self.scans]}


def run_policy_rules(
    context: PolicyContext, config: Config | None = None, rules: Sequence[Rule] | None = None
) -> list[Finding]:
    """Every enabled policy rule over one notice, as findings sorted by line."""
    config = config or Config()
    findings = run_rules_on(context, rules if rules is not None else policy_rules(), config)
    findings.sort(key=lambda f: (f.location.row or 0, f.code))
    return findings


def scan_document(
    document: PolicyDocument,
    *,
    config: Config | None = None,
    detector: Detector | None = None,
    extractor: Extractor | None = None,
) -> PolicyScan:
    """Detect the elements and entities of a read notice and run the policy rules on it."""
    config = config or Config()
    detect = detector or default_detector()
    extract = extractor or default_extractor()
    elements = detect(document.lines, document.language)
    entities = extract(document.lines, document.language)
    context = PolicyContext(document, elements, entities, today=config.today)
    return PolicyScan(document, elements, entities, run_policy_rules(context, config))


#: Below this many notices a run stays in one process (starting workers costs more).
PARALLEL_FROM = 24


def _auto_jobs(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8, count // (PARALLEL_FROM // 2)))


def _scan_one(path: Path, language: str | None, max_bytes: int, config: Config) -> PolicyScan:
    """One notice with the default detector and extractor (what a worker process runs)."""
    document = read_policy(path, language=language, max_bytes=max_bytes)
    return scan_document(document, config=config)


def scan_paths(
    paths: Iterable[str | Path],
    *,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    config: Config | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    detector: Detector | None = None,
    extractor: Extractor | None = None,
    jobs: int | None = None,
) -> ScanReport:
    """Read and scan every notice named (folders expanded, sorted).

    Each notice uses the configuration found beside it (``ropa.toml`` or a ``pyproject.toml``
    with ``[tool.ropa]``) unless ``config`` is given; ``select`` and ``ignore`` apply on top.
    Many notices are scanned by ``jobs`` worker processes (default: one per CPU, up to 8,
    from 24 notices on; 1 means in this process); the report is in the same order either way.
    A given detector or extractor always runs in this process.
    Raises ``PolicyReadError`` for the first notice (in order) that cannot be read and
    ``ConfigError`` for an invalid configuration file.
    """
    files = policy_files(paths)
    configs: dict[Path, Config] = {}
    settings: list[Config] = []
    for path in files:
        if config is None:
            if path.parent not in configs:
                configs[path.parent] = load_config(path)
            base = configs[path.parent]
        else:
            base = config
        settings.append(base.with_cli(select, ignore))
    workers = _auto_jobs(len(files)) if jobs is None or jobs < 1 else jobs
    report = ScanReport()
    if workers > 1 and detector is None and extractor is None:
        from concurrent.futures import ProcessPoolExecutor

        # The first notice here: it loads the lexicons and language models, which forked
        # workers then inherit instead of loading them each.
        report.scans.append(_scan_one(files[0], language, max_bytes, settings[0]))
        rest = files[1:]
        chunk = max(1, len(rest) // (workers * 4))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            report.scans.extend(
                pool.map(
                    _scan_one,
                    rest,
                    [language] * len(rest),
                    [max_bytes] * len(rest),
                    settings[1:],
                    chunksize=chunk,
                )
            )
        return report
    for path, settings_for_path in zip(files, settings, strict=True):
        document = read_policy(path, language=language, max_bytes=max_bytes)
        detector = detector or default_detector()
        extractor = extractor or default_extractor()
        report.scans.append(
            scan_document(
                document, config=settings_for_path, detector=detector, extractor=extractor
            )
        )
    return report
