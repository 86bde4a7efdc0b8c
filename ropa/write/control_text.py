"""The record's document control in words, for the cover and the running footer of a report.

Field names are the Document control sheet's headers in the report's language (from the
schema); status and classification are their drop-down words; dates stay ISO dates, as the
rest of the report writes them. Nothing here is escaped or laid out.
"""

from __future__ import annotations

from collections.abc import Callable

from ropa.model.control import CONTROL_VOCABULARIES, DocumentControl
from ropa.model.schema import record_schema
from ropa.model.vocab import vocabulary

#: The fields of the first footer line (what identifies the version) and of the second
#: (who answers for it); the generation time ends the second line.
FOOTER_FIRST = ("record_version", "status", "classification", "case_number", "as_of")


def field_title(name: str, lang: str) -> str:
    """The Document control sheet's header of ``name`` in ``lang``."""
    return record_schema().sheet("document").field(name).title(lang)


def control_value(control: DocumentControl, name: str, lang: str) -> str:
    """One field's value in words: a status or classification as its drop-down label."""
    value = getattr(control, name)
    if value and name in CONTROL_VOCABULARIES:
        try:
            return vocabulary(CONTROL_VOCABULARIES[name]).label(value, lang)
        except (LookupError, ValueError):
            return value  # text ropa does not recognise is shown as written
    return value


def _approval(control: DocumentControl) -> str:
    who, when = control.approved_by, control.approved_on
    return f"{who} ({when})" if who and when else who or when


def control_facts(control: DocumentControl, lang: str) -> list[tuple[str, str]]:
    """(label, value) for each field the record fills in, in the cover's order."""
    facts: list[tuple[str, str]] = []
    for name in ("record_version", "status", "as_of", "classification", "case_number", "owner"):
        value = control_value(control, name, lang)
        if value:
            facts.append((field_title(name, lang), value))
    approval = _approval(control)
    if approval:
        facts.append((field_title("approved_by", lang), approval))
    return facts


def footer_lines(
    control: DocumentControl, generated: str, lang: str, word: Callable[[str], str]
) -> list[str]:
    """The running footer: the version's identity, then who answers for it and when made."""
    first = " \u00b7 ".join(
        f"{field_title(name, lang)}: {value}"
        for name in FOOTER_FIRST
        if (value := control_value(control, name, lang))
    )
    second = [
        f"{field_title(name, lang)}: {value}"
        for name, value in (("owner", control.owner), ("approved_by", _approval(control)))
        if value
    ]
    second.append(f"{word('generated')} {generated}")
    return [line for line in (first, " \u00b7 ".join(second)) if line]


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string in which every character but an ASCII letter or digit
    is a six-digit hex escape, so no workbook text can end the string or the style sheet
    (spaces too: CSS swallows a space after an escape)."""
    out = []
    for char in text:
        if char.isascii() and char.isalnum():
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return '"' + "".join(out) + '"'


#: Excel's limit on the length of a header or footer, codes included.
EXCEL_HEADER_LIMIT = 255


def excel_footer(lines: list[str], page: str) -> str:
    """An xlsx sheet's print footer: the sheet's name (``&A``) and the footer lines on the
    left, ``page`` on the right. A line that would take the footer past Excel's 255
    characters is left out (the cover sheet has every field)."""
    left, right = "&L&7 &A", f"&R&8 {page}"
    for line in lines:
        text = line.replace("&", "&&")  # a lone & starts an Excel code
        candidate = f"{left}{' · ' if left.endswith('&A') else chr(10)}{text}"
        if len(candidate) + len(right) > EXCEL_HEADER_LIMIT:
            break
        left = candidate
    return left + right
