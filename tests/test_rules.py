"""Helpers of the record rules that need code to test.

Every rule's failing and passing cases are data: ``tests/rules/cases/*.toml``, run by
``tests/rules/test_cases.py``.
"""

from __future__ import annotations

import pytest

from ropa.check.rules.record.dpia import wp248_criteria
from ropa.read.workbook import Row


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jobbsøkere til butikkene", "vulnerable_subjects"),
        ("Jobansøgere", "vulnerable_subjects"),
        ("Työnhakijat", "vulnerable_subjects"),
        ("Tallentava kameravalvonta varastossa", "systematic_monitoring"),
    ],
)
def test_wp248_words_in_every_language(text: str, expected: str) -> None:
    assert expected in wp248_criteria(Row(2, {"data_subjects": text}, {}))


def test_supervisory_authority_is_not_systematic_monitoring() -> None:
    row = Row(
        2, {"description": "Ilmoitus tietosuojaviranomaiselle ja valvontaviranomaiselle."}, {}
    )
    assert "systematic_monitoring" not in wp248_criteria(row)
