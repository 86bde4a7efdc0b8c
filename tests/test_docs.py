"""The generated reference docs are current: regenerate with `python -m tools.gen_docs`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.check.registry import all_rules
from tools.gen_docs import DOCUMENTS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_generated_docs_are_up_to_date(name: str) -> None:
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == DOCUMENTS[name]() + "\n", (
        f"docs/{name} is stale: run python -m tools.gen_docs"
    )


def test_every_rule_documents_its_fix() -> None:
    for item in all_rules():
        assert "Fix:" in item.doc, f"{item.code} does not say how to fix it"
        assert len(item.summary) < 200, item.code
