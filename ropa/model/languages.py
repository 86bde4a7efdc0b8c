"""The languages ropa speaks: the one list, their names and the codes people type for them.

A record (its headings, guidance and reports) is in one of :data:`RECORD_LANGUAGES`; notices
are read in those and in Norwegian nynorsk (:data:`NOTICE_LANGUAGES`).
"""

from __future__ import annotations

#: Languages of the workbook, the template, messages and reports (ISO 639-1).
RECORD_LANGUAGES: tuple[str, ...] = ("en", "sv", "nb", "da", "fi")

#: Languages notices are read in: the record's and Norwegian nynorsk.
NOTICE_LANGUAGES: tuple[str, ...] = ("en", "sv", "nb", "nn", "da", "fi")

#: Names in English, for messages and --help.
ENGLISH_NAMES = {
    "sv": "Swedish",
    "nb": "Norwegian bokmål",
    "nn": "Norwegian nynorsk",
    "da": "Danish",
    "fi": "Finnish",
    "en": "English",
}

#: Other codes people and libraries use for the same languages.
ALIASES = {
    "no": "nb",
    "nob": "nb",
    "nno": "nn",
    "swe": "sv",
    "dan": "da",
    "fin": "fi",
    "eng": "en",
}


def canonical(code: str | None) -> str:
    """``"NO"``, ``"nob"`` or ``"nb-NO"`` as ``"nb"``; other text lower-cased, unchanged."""
    text = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return ALIASES.get(text, text)


def notice_language(text: str) -> str:
    """A --lang value for notices as one of :data:`NOTICE_LANGUAGES`; ValueError otherwise."""
    code = ALIASES.get(text.strip().lower(), text.strip().lower())
    if code not in NOTICE_LANGUAGES:
        raise ValueError(f"unknown language {text!r}: use one of {', '.join(NOTICE_LANGUAGES)}")
    return code


def record_language(text: str) -> str:
    """A --lang value for records and reports as one of :data:`RECORD_LANGUAGES`."""
    if text not in RECORD_LANGUAGES:
        raise ValueError(f"unknown language '{text}': use one of {', '.join(RECORD_LANGUAGES)}")
    return text
