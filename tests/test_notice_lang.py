"""Notice findings (PN) in the notice's language, or the language ropa.toml sets.

The notice rules name their messages by key (ropa/data/messages/<lang>/notice.json); a scan of
a Swedish integritetspolicy reports in Swedish, with the references cited the Swedish way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa import api
from ropa.check.notices import message_language

FIXTURES = Path(__file__).resolve().parent / "policy_fixtures"

#: Words of the English messages that must not survive in a translated one.
ENGLISH = re.compile(r"\b(?:The notice|does not|notice|Art\.|Say|Give|Name the)\b")

#: What each language calls the notice, as its authorities do.
NOTICE_WORD = {
    "sv": "Integritetspolicyn",
    "nb": "Personvernerklæringen",
    "da": "Privatlivspolitikken",
    "fi": "Tietosuojaseloste",
}


def _findings(path: Path) -> list[tuple[str, str, str, str]]:
    report = api.scan_notices([path])
    return [(f.code, f.message, f.hint or "", f.reference) for f in report.findings]


@pytest.mark.parametrize("lang", sorted(NOTICE_WORD))
def test_a_notice_is_reported_in_its_own_language(lang: str) -> None:
    found = _findings(FIXTURES / f"{lang}.txt")
    assert found, f"the {lang} fixture has no finding to show"
    for code, message, hint, reference in found:
        assert code.startswith("PN")
        assert NOTICE_WORD[lang] in message, message
        assert not ENGLISH.search(message + " " + hint), (message, hint)
        assert "Art." not in reference and "(1)" not in reference, reference


def test_a_nynorsk_notice_is_reported_in_bokmal() -> None:
    assert message_language("nn") == "nb"
    assert message_language("de") == "en"
    for _, message, _, reference in _findings(FIXTURES / "nn.txt"):
        assert message.startswith("Personvernerklæringen"), message
        assert reference.startswith("artikkel"), reference


def test_ropa_toml_sets_the_language_of_notice_findings(tmp_path: Path) -> None:
    notice = tmp_path / "integritetspolicy.txt"
    notice.write_text((FIXTURES / "sv.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "ropa.toml").write_text('lang = "en"\n', encoding="utf-8")
    found = _findings(notice)
    assert found
    assert all(message.startswith("The notice") for _, message, _, _ in found), found
    assert all(reference.startswith("Art.") for *_, reference in found), found


def test_rights_are_listed_in_the_language(tmp_path: Path) -> None:
    notice = tmp_path / "integritetspolicy.txt"
    notice.write_text(
        "Integritetspolicy för Exempel AB\n\n"
        "Exempel AB, Storgatan 1, 111 22 Stockholm, är personuppgiftsansvarig.\n"
        "Vi behandlar namn och e-postadress för att leverera din beställning.\n",
        encoding="utf-8",
    )
    (pn110,) = [f for f in _findings(notice) if f[0] == "PN110"]
    message = pn110[1]
    assert message.startswith("Integritetspolicyn nämner inte rätten till tillgång (artikel 15)")
    assert message.endswith("och rätten att göra invändningar (artikel 21).")
    assert pn110[3] == "artikel 13.2 b, artikel 14.2 c"


def test_a_foreign_authority_is_named_with_its_country_in_the_language(tmp_path: Path) -> None:
    notice = tmp_path / "integritetspolicy.txt"
    text = (FIXTURES / "sv.txt").read_text(encoding="utf-8")
    danish = "Datatilsynet i Danmark (datatilsynet.dk)"
    notice.write_text(text.replace("Integritetsskyddsmyndigheten (IMY)", danish), encoding="utf-8")
    found = [f for f in _findings(notice) if f[0] == "PN202"]
    assert found, _findings(notice)
    message = found[0][1]
    assert message.startswith("Integritetspolicyn är skriven på svenska men nämner")
    assert "tillsynsmyndigheten i Danmark" in message
