"""What reading a notice yields: the document, its Art. 13/14 elements and the entities in it.

:func:`notice_facts` runs the element detector and the entity extractor over a read
:class:`~ropa.read.notice.document.PolicyDocument`; the notice rules and the cross-check then
look at the resulting :class:`NoticeFacts`. A detector or extractor can be swapped (tests do),
as long as it returns objects shaped like :class:`ElementLike`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date
from enum import Enum
from typing import Any, Protocol

from ropa.read.notice.document import PolicyDocument
from ropa.read.notice.elements import ELEMENT_KEYS, detect_elements
from ropa.read.notice.entities import extract_entities


class EvidenceLike(Protocol):
    """A line that discloses an element (``ropa.read.notice.elements.Evidence``)."""

    @property
    def line(self) -> int: ...

    @property
    def text(self) -> str: ...


class ElementLike(Protocol):
    """Whether a notice discloses an element (``ropa.read.notice.elements.ElementResult``)."""

    @property
    def key(self) -> str: ...

    @property
    def present(self) -> bool: ...

    @property
    def evidence(self) -> Sequence[EvidenceLike]: ...


#: Finds the disclosure elements: ``detect_elements(lines, language)``.
Detector = Callable[[Sequence[str], str], Mapping[str, ElementLike]]
#: Extracts entities: ``extract_entities(lines, language)``.
Extractor = Callable[[Sequence[str], str], Mapping[str, Any]]


@dataclass
class NoticeFacts:
    """One read notice with the elements it discloses (and where) and the entities in it."""

    document: PolicyDocument
    elements: Mapping[str, ElementLike]
    entities: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The notice's entry in ``policy scan --format json``, without its findings."""
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
        }


def notice_facts(
    document: PolicyDocument,
    detector: Detector | None = None,
    extractor: Extractor | None = None,
) -> NoticeFacts:
    """Detect the elements and extract the entities of a read notice."""
    detect = detector or detect_elements
    extract = extractor or extract_entities
    return NoticeFacts(
        document,
        detect(document.lines, document.language),
        extract(document.lines, document.language),
    )


def element_keys(elements: Mapping[str, ElementLike]) -> list[str]:
    """The element keys in their documented order (then any others, sorted)."""
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
