"""Reading privacy notices: formats, encodings, folders, limits, and language detection."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from ropa.read.notice.decode import decode_text
from ropa.read.notice.language import detect_language, language_code
from ropa.read.notice.reading import PolicyReadError, policy_files, read_policy
from ropa.read.notice.sections import text_sections

FIXTURES = Path(__file__).parent / "policy_fixtures"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
NORDIC = "Blåbär, smörgås och ö. Ære være søster og bror på øen. ÅÄÖÆØ"


# --- plain text and Markdown ------------------------------------------------------------


def test_txt_lines_are_the_files_lines(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(b"Title\r\n\r\nFirst paragraph.\rSecond\n")
    doc = read_policy(path, language="en")
    assert doc.lines == ["Title", "", "First paragraph.", "Second"]
    assert doc.format == "txt" and doc.encoding == "utf-8"
    assert doc.text == "Title\n\nFirst paragraph.\nSecond"


def test_txt_fixture_sections() -> None:
    doc = read_policy(FIXTURES / "sv.txt")
    raw = (FIXTURES / "sv.txt").read_text(encoding="utf-8").splitlines()
    assert doc.lines == raw
    titles = {section.line: (section.title, section.level) for section in doc.sections}
    assert titles[1][1] == 1 and titles[1][0].startswith("Integritetspolicy")
    assert titles[5] == ("1. Personuppgiftsansvarig", 2)
    assert all(doc.lines[s.line - 1].strip() == s.title for s in doc.sections)


def test_plain_text_heading_rules() -> None:
    lines = [
        "PRIVACY NOTICE",
        "",
        "Who we are",
        "We are a small company that sells lanterns to people in the north of Europe.",
        "",
        "3.1 Storage",
        "We keep data for two years after the last order, then delete it.",
        "- a list item",
        "This is a sentence that ends with a full stop.",
    ]
    found = [(s.line, s.title, s.level) for s in text_sections(lines)]
    assert found == [(1, "PRIVACY NOTICE", 1), (3, "Who we are", 2), (6, "3.1 Storage", 3)]


def test_markdown_headings(tmp_path: Path) -> None:
    path = tmp_path / "notice.md"
    path.write_text(
        "# Privacy notice\n\nIntro text here.\n\n## Your rights ##\n\nText.\n\n"
        "Retention\n---------\n\n```\n# not a heading\n```\n",
        encoding="utf-8",
    )
    doc = read_policy(path, language="en")
    assert [(s.line, s.title, s.level) for s in doc.sections] == [
        (1, "Privacy notice", 1),
        (5, "Your rights", 2),
        (9, "Retention", 2),
    ]
    assert doc.format == "md"


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("cp1252", None),
        ("latin-1", None),
    ],
)
def test_encodings_keep_nordic_letters(tmp_path: Path, encoding: str, expected: str | None) -> None:
    text = (FIXTURES / "da.txt").read_text(encoding="utf-8") + NORDIC + "\n"
    path = tmp_path / f"notice-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_policy(path)
    assert doc.lines[-1] == NORDIC
    assert doc.lines[0] == "Privatlivspolitik for Lysebo Møbler ApS"
    assert doc.language == "da"
    if expected:
        assert doc.encoding == expected
    else:
        assert doc.encoding in ("cp1252", "iso8859-1", "iso8859-15", "latin-1")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_short_nordic_text_in_single_byte_encodings(encoding: str) -> None:
    for text in ("å ä ö æ ø", NORDIC, "Tietosuojaseloste: säilytämme tietoja."):
        decoded, _ = decode_text(text.encode(encoding))
        assert decoded == text


def test_cp1252_quotes_and_euro() -> None:
    text = "\u201cQuoted\u201d \u2013 10 \u20ac \u2013 smörgåsbord"
    assert decode_text(text.encode("cp1252"))[0] == text


def test_utf16_without_bom() -> None:
    text = "Integritetspolicy för Norrsken AB\n"
    assert decode_text(text.encode("utf-16-le"))[0] == text


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Site</title><style>p { color: red }</style>
<script>var tracking = "SCRIPTTEXT";</script></head>
<body>
<header class="site-header"><a href="/">HEADERTEXT</a></header>
<nav><ul><li>NAVTEXT</li></ul></nav>
<div id="cookie-banner"><p>BANNERTEXT We use cookies.</p><button>Accept</button></div>
<div class="consent-dialog" aria-label="GDPR consent"><p>CONSENTTEXT</p></div>
<main>
<article>
<header><h1>Privacy notice</h1></header>
<p>We are <b>Northwind</b>
   Lanterns Ltd.<br>Harbour Road 14</p>
<h2>Your rights</h2>
<ul><li>Access</li><li>Erasure<ul><li>Nested item</li></ul></li></ul>
<section id="cookies"><h2>Cookies</h2><p>Our site uses cookies for the basket.</p></section>
<table><tr><th>Data</th><th>Period</th></tr><tr><td>Orders</td><td>7 years</td></tr></table>
<noscript>NOSCRIPTTEXT</noscript>
<form><label>FORMTEXT</label><input name="q"></form>
<!-- COMMENTTEXT -->
</article>
</main>
<footer>FOOTERTEXT</footer>
</body></html>
"""


def test_html_keeps_content_and_drops_chrome(tmp_path: Path) -> None:
    path = tmp_path / "notice.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_policy(path, language="en")
    text = doc.text
    for gone in ("SCRIPT", "HEADER", "NAV", "BANNER", "CONSENT", "NOSCRIPT", "FORM", "COMMENT"):
        assert f"{gone}TEXT" not in text, gone
    assert "FOOTERTEXT" not in text
    assert "color: red" not in text and "Site" not in text
    assert doc.lines[:3] == ["Privacy notice", "We are Northwind Lanterns Ltd.", "Harbour Road 14"]
    assert "- Access" in doc.lines
    assert "- Erasure" in doc.lines
    assert "  - Nested item" in doc.lines
    assert "Our site uses cookies for the basket." in doc.lines  # a section, not a banner
    assert "Data | Period" in doc.lines and "Orders | 7 years" in doc.lines
    sections = [(s.title, s.level) for s in doc.sections]
    assert sections == [("Privacy notice", 1), ("Your rights", 2), ("Cookies", 2)]
    assert all(doc.lines[s.line - 1] == s.title for s in doc.sections)
    assert doc.format == "html"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>Unclosed <b>bold <i>italic<p>Next</div></span></body>",
        "<p>Text</p><<<>>><table><tr><td>cell<td>cell2</table></tr>",
        "<div>" * 5000 + "Deep text" + "</div>" * 10,
        "<html><body><h2>Heading<p>text without closing tags",
        "\x00\x01<p>binaryish</p>",
    ],
)
def test_malformed_html_does_not_crash(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "broken.htm"
    path.write_text(markup, encoding="utf-8")
    try:
        doc = read_policy(path, language="en")
    except PolicyReadError as exc:  # refusing cleanly is fine; crashing is not
        assert str(exc).startswith(str(path))
    else:
        assert doc.lines


def test_html_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    markup = '<html><head><meta charset="iso-8859-1"></head><body><p>Blåbär på ön, søster</p>'
    path.write_bytes(markup.encode("latin-1"))
    assert read_policy(path, language="sv").lines == ["Blåbär på ön, søster"]


# --- PDF ------------------------------------------------------------------------------------


def _pdf_with_text(path: Path, lines: list[str]) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 makes the test PDFs")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    lines = (FIXTURES / "sv.txt").read_text(encoding="utf-8").splitlines()[:6]
    lines = [line[:90] for line in lines if line.strip()]
    _pdf_with_text(path, lines)
    doc = read_policy(path)
    assert doc.format == "pdf" and doc.encoding is None
    assert doc.lines[0] == "Integritetspolicy för Norrsken Bokhandel AB"
    assert any("Umeå" in line for line in doc.lines)
    assert doc.language == "sv"


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(
        PolicyReadError, match="has no text layer \\(a scanned image\\?\\); OCR it first"
    ):
        read_policy(path)


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really a pdf")
    with pytest.raises(PolicyReadError, match=r"broken\.pdf"):
        read_policy(path)


# --- Word -----------------------------------------------------------------------------------


def _docx(path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx makes the test documents")
    document = docx.Document()
    document.add_heading("Personvernerklæring for Fjordlys Sykkel AS", level=1)
    document.add_paragraph(
        "Denne erklæringen forklarer hvordan Fjordlys Sykkel AS behandler personopplysningene "
        "dine når du handler i nettbutikken vår."
    )
    document.add_heading("Dine rettigheter", level=2)
    document.add_paragraph("Innsyn i opplysningene", style="List Bullet")
    document.add_paragraph("Retting og sletting", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Opplysninger", "Lagringstid"
    table.cell(1, 0).text, table.cell(1, 1).text = "Ordre", "fem år"
    document.save(str(path))


def test_docx(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    _docx(path)
    doc = read_policy(path)
    assert doc.format == "docx"
    assert doc.lines[0] == "Personvernerklæring for Fjordlys Sykkel AS"
    assert "- Innsyn i opplysningene" in doc.lines
    assert "Opplysninger | Lagringstid" in doc.lines and "Ordre | fem år" in doc.lines
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Personvernerklæring for Fjordlys Sykkel AS", 1),
        ("Dine rettigheter", 2),
    ]
    assert doc.language == "nb"


def test_docx_with_entities_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    _docx(good)
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(evil, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.partition(b"?>")
                data = head + b'?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>' + rest
            target.writestr(info, data)
    with pytest.raises(PolicyReadError, match="DTD or XML entities"):
        read_policy(evil)


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"plain text, not a zip")
    with pytest.raises(PolicyReadError, match="not a Word document"):
        read_policy(path)
    other = tmp_path / "other.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "hi")
    other.write_bytes(buffer.getvalue())
    with pytest.raises(PolicyReadError, match=r"no word/document\.xml"):
        read_policy(other)


# --- files, folders, limits -------------------------------------------------------------


def test_folder_is_read_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.html", "notes.rtf", ".hidden.txt", "~$lock.docx"):
        (tmp_path / name).write_text("Privacy notice text.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert [p.name for p in policy_files([tmp_path])] == ["a.md", "b.txt", "c.html"]


def test_empty_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyReadError, match="holds no notices"):
        policy_files([tmp_path])
    with pytest.raises(PolicyReadError, match="no such file"):
        policy_files([tmp_path / "nope.txt"])


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "notice.rtf"
    path.write_text("{\\rtf1}", encoding="ascii")
    with pytest.raises(PolicyReadError, match=r"cannot read '\.rtf' files"):
        read_policy(path)


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(PolicyReadError, match=r"huge\.txt: the file is .* larger than the limit"):
        read_policy(path, max_bytes=1024)
    assert read_policy(path, max_bytes=4096, language="en").lines == ["a" * 2048]


def test_empty_notice(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n \n", encoding="utf-8")
    with pytest.raises(PolicyReadError, match="empty"):
        read_policy(path)


def test_error_messages_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(PolicyReadError) as info:
        read_policy(path)
    assert "\n" not in str(info.value) and str(info.value).startswith(str(path))


# --- languages ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["sv", "nb", "nn", "da", "fi", "en"])
def test_fixture_languages(code: str) -> None:
    doc = read_policy(FIXTURES / f"{code}.txt")
    assert doc.language == code
    assert 0.5 < doc.language_confidence <= 1.0


def test_lang_override() -> None:
    doc = read_policy(FIXTURES / "sv.txt", language="da")
    assert (doc.language, doc.language_confidence) == ("da", 1.0)
    assert language_code("NO") == "nb"
    with pytest.raises(ValueError, match="unknown language"):
        language_code("de")


def test_no_letters() -> None:
    assert detect_language("12 34 --- !!") == ("en", 0.0)


def _seeds() -> dict[str, dict[str, object]]:
    if not (SEEDS / "labels.json").is_file():
        pytest.skip(f"the seed notices are not here ({SEEDS} is absent: shared/ beside the repo)")
    labels: dict[str, dict[str, object]] = json.loads((SEEDS / "labels.json").read_text("utf-8"))
    return labels


def test_seed_languages() -> None:
    labels = _seeds()
    assert len(labels) == 5
    for name, label in labels.items():
        doc = read_policy(SEEDS / name)
        assert doc.language == label["language"], name
    # The same policy in Swedish, Norwegian and Danish is told apart.
    trio = [read_policy(SEEDS / name).language for name in sorted(labels)[:3]]
    assert trio == ["sv", "nb", "da"]
