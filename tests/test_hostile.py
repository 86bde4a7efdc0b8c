"""Broken and hostile files: a one-line reason and exit code 2, never a crash or a hang.

Every file here is built by the test itself: the corpus is code, not binary fixtures.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ropa.api.check import check_workbook
from ropa.cli.app import app
from ropa.read.config import Config, parse_config
from ropa.read.container import ContainerError, Limits, inspect
from tests.support import TODAY, base_rows, write_record

runner = CliRunner()

XXE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&xxe;</t></si></sst>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>"""


def _clean_workbook(tmp_path: Path, name: str = "record.xlsx") -> Path:
    return write_record(tmp_path / name, base_rows())


def _rewrite(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """Copy a zip, replacing (or adding) members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, replace.pop(item.filename, old.read(item.filename)))
        for name, data in replace.items():
            new.writestr(name, data)
    return target


def _assert_refused(path: Path, expected: str) -> None:
    before = path.read_bytes() if path.is_file() else None
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert expected in lines[0], lines[0]
    assert "Traceback" not in result.output
    if before is not None:
        assert path.read_bytes() == before


@pytest.mark.parametrize(("payload", "label"), [(XXE, "xxe"), (LAUGHS, "laughs")])
def test_xml_with_a_dtd_is_refused(tmp_path: Path, payload: bytes, label: str) -> None:
    path = _rewrite(
        _clean_workbook(tmp_path), tmp_path / f"{label}.xlsx", {"xl/sharedStrings.xml": payload}
    )
    _assert_refused(path, "declares an XML DTD")


def test_decompression_bomb_by_ratio(tmp_path: Path) -> None:
    path = _rewrite(
        _clean_workbook(tmp_path), tmp_path / "bomb.xlsx", {"xl/media/zeros.bin": bytes(8 << 20)}
    )
    with pytest.raises(ContainerError, match="decompression bomb"):
        inspect(path, Limits(max_compression_ratio=100))


def test_decompression_bomb_by_total_size(tmp_path: Path) -> None:
    path = _rewrite(
        _clean_workbook(tmp_path),
        tmp_path / "big.xlsx",
        {"xl/media/noise.bin": os.urandom(3 << 20)},
    )
    with pytest.raises(ContainerError, match="unpacks to 3 MB"):
        inspect(path, Limits(max_uncompressed_mb=2))


def test_limits_come_from_configuration(tmp_path: Path) -> None:
    path = _rewrite(
        _clean_workbook(tmp_path),
        tmp_path / "big.xlsx",
        {"xl/media/noise.bin": os.urandom(3 << 20)},
    )
    (tmp_path / "ropa.toml").write_text("max-uncompressed-mb = 2\n", encoding="utf-8")
    _assert_refused(path, "refusing a possible decompression bomb")
    assert parse_config({"max-compression-ratio": 50}).limits.max_compression_ratio == 50


def test_default_limits_accept_a_normal_workbook(tmp_path: Path) -> None:
    assert inspect(_clean_workbook(tmp_path)).kind == "xlsx"


def test_password_protected_workbook_says_so(tmp_path: Path) -> None:
    pytest.importorskip("msoffcrypto", reason="install the test extras: pip install '.[test]'")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _clean_workbook(tmp_path)
    encrypted = tmp_path / "secret.xlsx"
    with plain.open("rb") as source, encrypted.open("wb") as target:
        office = OOXMLFile(source)
        office.encrypt("hemligt", target)
    _assert_refused(encrypted, "protected with a password")


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("truncated.xlsx", lambda good: good[: len(good) // 2], "damaged or truncated"),
        ("not-a-zip.xlsx", lambda good: b"\x00\x01binary garbage" * 50, "is not a workbook"),
        ("empty.xlsx", lambda good: b"", "is empty"),
        ("page.xlsx", lambda good: b"<!DOCTYPE html><html><body>hi</body></html>", "web page"),
        ("data.csv", lambda good: "id;namn;grund\n1;Lön;avtal\n".encode(), "CSV text file"),
        ("random.xlsx", lambda good: b"PK\x03\x04" + bytes(200), "damaged or truncated"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, make, expected: str) -> None:  # type: ignore[no-untyped-def]
    good = _clean_workbook(tmp_path).read_bytes()
    path = tmp_path / name
    path.write_bytes(make(good))
    _assert_refused(path, expected)


def test_zip_without_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "nothing to see")
    _assert_refused(path, "zip file without a workbook")


def test_word_document_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "policy.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    _assert_refused(path, "Word document")


def test_binary_xlsb_is_named(tmp_path: Path) -> None:
    path = tmp_path / "record.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x00")
    _assert_refused(path, ".xlsb")


def test_xlsm_is_read_for_values_only(tmp_path: Path) -> None:
    path = tmp_path / "record.xlsm"
    shutil.copy(_clean_workbook(tmp_path), path)
    workbook, findings = check_workbook(path, Config(today=TODAY))
    assert findings == [] and len(workbook.rows("activities")) == 2


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("target", ["ods", "xls"])
def test_ods_and_legacy_xls_are_read(tmp_path: Path, target: str) -> None:
    source = _clean_workbook(tmp_path)
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    converted = tmp_path / f"record.{target}"
    workbook, findings = check_workbook(converted, Config(today=TODAY))
    assert len(workbook.rows("activities")) == 2
    assert [f.code for f in findings] == []


def test_messy_workbook_is_read_and_oddities_reported(tmp_path: Path) -> None:
    rows = base_rows()
    rows["activities"][0]["last_reviewed"] = "01.09.2026"  # Nordic date as text
    rows["activities"][1]["last_reviewed"] = 46000  # an Excel serial (2025-12-09)

    def mess(book) -> None:  # type: ignore[no-untyped-def]
        sheet = book["Activities"]
        sheet.row_dimensions[3].hidden = True
        sheet["D2"] = "=B2&C2"

    path = write_record(tmp_path / "messy.xlsx", rows, post=mess)
    workbook, findings = check_workbook(path, Config(today=TODAY))
    codes = sorted(f.code for f in findings)
    assert codes == ["RP115", "RP116"], [f.message for f in findings]
    assert len(workbook.rows("activities")) == 2


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=2048),
    prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]),
)
def test_random_bytes_never_crash(tmp_path: Path, data: bytes, prefix: bytes) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(prefix + data)
    before = path.read_bytes()
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert path.read_bytes() == before


def test_corrupt_zip_member_is_one_line(tmp_path: Path) -> None:
    good = _clean_workbook(tmp_path).read_bytes()
    damaged = bytearray(good)
    index = good.find(b"xl/worksheets/sheet2.xml")
    damaged[index + 200 : index + 260] = bytes(60)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(damaged))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
    assert io.BytesIO(path.read_bytes()).getvalue() == bytes(damaged)
