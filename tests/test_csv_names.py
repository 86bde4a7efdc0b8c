"""The csv export names its files in the report language and recognises an earlier export's."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ropa.api.export import export
from ropa.model.languages import RECORD_LANGUAGES
from ropa.write.csv_export import file_name
from ropa.write.labels import all_labels
from ropa.write.safety import ExportError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "workbooks" / "example-en.xlsx"
#: What a file name must not hold on Windows, macOS or Linux.
FORBIDDEN = set('<>:"/\\|?*')


def test_every_table_has_a_file_name_in_every_language() -> None:
    names = {key: texts for key, texts in all_labels().items() if key.startswith("csv_")}
    assert names
    for key, texts in names.items():
        assert set(texts) == set(RECORD_LANGUAGES), key
        for lang, text in texts.items():
            assert text and not FORBIDDEN & set(text) and text == text.strip(), (key, lang)
            assert unicodedata.normalize("NFC", text) == text, (key, lang)
    for lang in RECORD_LANGUAGES:  # no two tables share a file in one language
        assert len({texts[lang] for texts in names.values()}) == len(names), lang


@pytest.mark.parametrize(
    ("lang", "processors", "record"),
    [
        ("en", "processors.csv", "record_30_1.csv"),
        ("sv", "personuppgiftsbiträden.csv", "registerförteckning_30_1.csv"),
        ("nb", "databehandlere.csv", "protokoll_30_1.csv"),
        ("da", "databehandlere.csv", "fortegnelse_30_1.csv"),
        ("fi", "henkilötietojen_käsittelijät.csv", "seloste_30_1.csv"),
    ],
)
def test_files_are_named_in_the_report_language(
    tmp_path: Path, lang: str, processors: str, record: str
) -> None:
    written = {p.name for p in export([EXAMPLE], "csv", tmp_path / "csv", lang=lang)}
    assert {processors, record} <= written
    assert file_name("processors", lang) == processors


def test_a_new_export_replaces_an_earlier_one_in_another_language(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    export([EXAMPLE], "csv", folder, lang="sv")
    # macOS may store the names decomposed; they are still the earlier export's files.
    earlier = folder / "ändamål.csv"
    earlier.rename(folder / unicodedata.normalize("NFD", earlier.name))
    written = {p.name for p in export([EXAMPLE], "csv", folder, lang="fi", force=True)}
    assert {p.name for p in folder.iterdir()} == written
    assert "käyttötarkoitukset.csv" in written


def test_a_folder_with_other_files_is_still_refused(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "budget.xlsx").write_bytes(b"not ours")
    with pytest.raises(ExportError, match="holds other files"):
        export([EXAMPLE], "csv", folder, lang="sv", force=True)
