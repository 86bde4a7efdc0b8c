"""Arbitrary bytes and arbitrary zip members fed to ``check``, ``import`` and ``policy scan``
under a memory cap: every run ends with exit 0 or 2 (``--fail-on never``), never with an
unhandled exception, "Aborted." or an allocation failure.

The examples run in a child pytest whose address space is capped (RLIMIT_AS), so that an
input that makes a reader allocate gigabytes fails the test instead of the machine.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ropa.cli.app import app

CHILD = "ROPA_FUZZ_CHILD"
MEMORY_CAP = 3 << 30  # bytes of address space for the child

_PREFIXES = [
    b"",
    b"PK\x03\x04",
    bytes.fromhex("D0CF11E0A1B11AE1"),
    b"%PDF-1.4\n",
    b"<html><body>",
    b"\xef\xbb\xbf# ",
]
_WORKBOOK_MEMBERS = [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "mimetype",
    "content.xml",
    "word/document.xml",
]
_WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Activities" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_CELL_REFS = st.sampled_from(["A1", "B2", "XFD1048576", "CV1048576", "A1048576", "AAAAAAAAAA2", ""])
_SHEET_XML = st.builds(
    lambda ref, value, hidden: (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1"{hidden}><c r="A1" t="inlineStr"><is><t>Activity ID</t></is></c>'
        f'</row><row><c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c><c><f>1</f></c></row>'
        "</sheetData></worksheet>"
    ),
    _CELL_REFS,
    st.text(alphabet="ab[]/\\<&", max_size=8).map(
        lambda t: t.replace("<", "&lt;").replace("&", "&amp;")
    ),
    st.sampled_from(["", ' hidden="1"', " hidden='true'"]),
)
_MEMBER_DATA = st.one_of(
    st.binary(max_size=300),
    _SHEET_XML.map(str.encode),
    st.sampled_from(
        [_WORKBOOK.encode(), _RELS.encode(), b"<a/>", b"<!DOCTYPE x [<!ENTITY e 'x'>]><a/>"]
    ),
)
_MEMBERS = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(_WORKBOOK_MEMBERS), st.text(min_size=1, max_size=12)),
        _MEMBER_DATA,
        st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
    ),
    max_size=8,
)
_SUFFIXES = st.sampled_from(
    [".xlsx", ".xls", ".ods", ".csv", ".docx", ".pdf", ".html", ".md", ".txt"]
)


def _zip(members: list[tuple[str, bytes, int]], corrupt: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        seen = set()
        for name, data, method in members:
            if name in seen:
                continue
            seen.add(name)
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    raw = bytearray(buffer.getvalue())
    if corrupt and raw:  # one flipped byte: damaged headers, sizes and deflate streams
        raw[corrupt % len(raw)] ^= 0xFF
    return bytes(raw)


def _run_all(path: Path, out: Path) -> None:
    runner = CliRunner()
    commands = [
        ["check", str(path), "--fail-on", "never"],
        ["import", str(path), "-o", str(out), "--force"],
        ["policy", "scan", str(path), "--fail-on", "never"],
    ]
    for argv in commands:
        result = runner.invoke(app, argv)
        if isinstance(result.exception, SystemExit) or result.exception is None:
            assert result.exit_code in (0, 2), (argv, result.output)
            assert "Aborted" not in result.output, (argv, result.output)
            assert "internal error" not in result.output, (argv, result.output)
        else:
            raise AssertionError((argv, result.output)) from result.exception


_SETTINGS = settings(
    max_examples=int(os.environ.get("ROPA_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.skipif(not os.environ.get(CHILD), reason="runs in the memory-capped child")
@_SETTINGS
@given(prefix=st.sampled_from(_PREFIXES), data=st.binary(max_size=2048), suffix=_SUFFIXES)
def test_arbitrary_bytes(tmp_path: Path, prefix: bytes, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(prefix + data)
    _run_all(path, tmp_path / "out.xlsx")


@pytest.mark.skipif(not os.environ.get(CHILD), reason="runs in the memory-capped child")
@_SETTINGS
@given(members=_MEMBERS, corrupt=st.integers(0, 4096), suffix=_SUFFIXES)
def test_arbitrary_zip_members(
    tmp_path: Path, members: list[tuple[str, bytes, int]], corrupt: int, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(_zip(members, corrupt))
    _run_all(path, tmp_path / "out.xlsx")


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is Linux's")
@pytest.mark.skipif(bool(os.environ.get(CHILD)), reason="this is the child")
def test_fuzz_under_a_memory_cap() -> None:
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", __file__],
        env={**os.environ, CHILD: "1"},
        preexec_fn=cap,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout, result.stdout[-2000:]
