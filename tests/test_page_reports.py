"""The page reports (pdf, html, docx) read as a document for the authority: words broken
only at a hyphen, activities as blocks, the purposes annex, two audiences, progress."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ropa.api.export import build_group_record, export
from ropa.read.group import GroupRecord
from ropa.write import docx, html, pdf
from ropa.write.document import build_document
from ropa.write.hyphens import Hyphenator, keep_numbers_together
from ropa.write.labels import all_labels

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {
    lang: ROOT / f"workbooks/example-{lang}.xlsx" for lang in ("en", "sv", "nb", "da", "fi")
}
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@pytest.fixture(scope="module", params=sorted(EXAMPLES))
def group(request: pytest.FixtureRequest) -> GroupRecord:
    return build_group_record([EXAMPLES[request.param]], lang=request.param)


def _vocabulary(group: GroupRecord) -> set[str]:
    """Every word the report may print, from the document it is drawn from."""
    document = build_document(group, "internal")
    texts = [document.title, document.subtitle, document.header]
    for section in document.sections:
        texts.append(section.title)
        for block in section.blocks:
            texts += [block.ident, block.title]
            for entry in block.entries:
                texts += [entry.title, entry.note]
                texts += entry.value if isinstance(entry.value, list) else [entry.value]
        for table in section.tables:
            texts += [column.title for column in table.columns]
            for row in table.rows:
                for cell in row:
                    texts += cell if isinstance(cell, list) else [cell]
    texts += [texts_.get(group.lang) or texts_["en"] for texts_ in all_labels().values()]
    # The sources' names and SHA-256 (a hash that ends in a letter ends its line in one).
    texts += [text for source in group.sources for text in (source.name, source.sha256)]
    texts += [text for fact in document.control for text in fact]
    texts += [*document.footer, document.generated, document.classification, document.status]
    for card in document.cards:
        texts.append(card.title)
    for chart in document.charts:
        texts += [chart.title, *(bar.label for bar in chart.bars)]
    words: set[str] = set()
    for text in texts:
        for token in _TOKEN.findall(text or ""):
            words.add(token.lower())
            words.update(part.lower() for part in token.split("-"))
    return words


def test_no_word_is_broken_without_a_hyphen(group: GroupRecord) -> None:
    vocabulary = _vocabulary(group)
    reader = PdfReader(io.BytesIO(pdf.render(group, "internal")))
    # Each text object of the PDF is one line of one cell or field, drawn in reading order.
    lines: list[str] = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda text, *_: lines.append(text.strip()))
    broken = []
    heads: set[str] = set()  # what a hyphen at the end of the line above may have cut
    for line in filter(None, lines):
        tokens = _TOKEN.findall(line)
        if heads and tokens and line.startswith(tokens[0]):
            # With the hyphen added by the line break, or one of the text's own.
            joined = {h + sep + tokens[0].lower() for h in heads for sep in ("", "-")}
            if len(tokens) == 1 and line == tokens[0] + "-":  # a word over three lines
                heads = joined
                continue
            whole = {h for h in heads if h in vocabulary} and tokens[0].lower() in vocabulary
            if not joined & vocabulary and not whole:
                broken.append(f"{sorted(heads)[0]}-|{line[:30]}")
            tokens[0] = next(iter(joined & vocabulary), tokens[0])
        heads = set()
        if line.endswith("-") and tokens and line.endswith(tokens[-1] + "-"):
            heads = {tokens[-1].lower()}
            continue
        if not tokens or not line[-1].isalpha() or line.endswith("\u2026"):
            continue
        if tokens[-1].lower() not in vocabulary and tokens[-1] not in vocabulary:
            broken.append(line[-40:])
    assert not broken, broken[:10]


def test_hyphenation_keeps_numbers_ids_and_addresses_whole() -> None:
    swedish = Hyphenator("sv")
    assert swedish.points("556981-2349") == []
    assert swedish.points("HR-01") == []
    assert all(not hyphen for _, hyphen in swedish.points("dpo@havsvik.example"))
    head, rest = swedish.split("Personuppgiftsansvariga", 40, len) or ("", "")
    assert head.endswith("-") and head[:-1] + rest == "Personuppgiftsansvariga"
    assert keep_numbers_together("+46 40 628 04 10") == "+46\u00a040\u00a0628\u00a004\u00a010"
    finnish = Hyphenator("fi").split("tietosuojavaltuutettu", 12, len)
    assert finnish is not None and finnish[0].endswith("-")


def test_pdf_holds_more_than_two_activities_a_page(group: GroupRecord) -> None:
    reader = PdfReader(io.BytesIO(pdf.render(group)))
    titles: dict[str, int] = {}
    for item in reader.outline:
        assert not isinstance(item, list)
        titles[str(item.title)] = int(reader.get_destination_page_number(item) or 0)
    pages = sorted(titles.values())
    start = next(page for title, page in titles.items() if title.startswith("3 "))
    end = pages[pages.index(start) + 1]
    activities = len(group.record["activities"])
    assert activities / (end - start) > 2


def test_the_authority_gets_no_internal_artefacts(group: GroupRecord) -> None:
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.render(group))).pages)
    assert "SHA-256" not in text and group.sources[0].sha256 not in text
    assert f"ropa {group.version}" not in text
    assert "policies/" not in text  # notice paths
    lia = len(re.findall(r"LIA-\d", text))
    assert lia >= 2  # the purposes annex: legitimate interests with their LIA
    internal = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.render(group, "internal"))).pages
    )
    assert group.sources[0].sha256[:16] in internal.replace("\n", "")


def test_html_has_blocks_the_purposes_annex_and_no_repeated_caption(group: GroupRecord) -> None:
    page = html.render(group)
    assert page.count('<article class="block"') == len(group.record["activities"]) + len(
        group.record["organisation"]
    )
    assert 'id="purposes"' in page
    assert '<caption id="table-' not in page.split('id="contents"')[1]
    assert "overflow: auto" not in page.split(".table-wrap {", 1)[1].split("}", 1)[0]


def test_internal_export_adds_the_findings_and_docx_is_a_seventh_format(tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    written = export(
        [EXAMPLES["en"]],
        None,
        tmp_path / "record.docx",
        audience="internal",
        progress=lambda done, total: steps.append((done, total)),
    )
    assert written == [tmp_path / "record.docx"]
    assert steps and steps[-1][0] == steps[-1][1]
    import docx as python_docx

    word = python_docx.Document(str(written[0]))
    headings = [p.text for p in word.paragraphs if str(p.style and p.style.name).startswith("H")]
    assert any("HR-01" in heading for heading in headings)
    assert word.core_properties.language == "en-GB"


def test_docx_renders_the_same_sections(group: GroupRecord) -> None:
    document = build_document(group, "authority")
    data = docx.render_document(document)
    import docx as python_docx

    word = python_docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in word.paragraphs)
    for section in document.sections:
        assert section.title in text


def test_audience_is_only_for_page_reports(tmp_path: Path) -> None:
    from ropa.write.safety import ExportError

    with pytest.raises(ExportError, match="audience"):
        export([EXAMPLES["en"]], "json", tmp_path / "r.json", audience="authority")
    with pytest.raises(ExportError, match="audience"):
        export([EXAMPLES["en"]], "pdf", tmp_path / "r.pdf", audience="public")


def test_html_tables_hyphenate_long_words_and_keep_ids_whole(tmp_path: Path) -> None:
    """A browser without a Swedish hyphenation dictionary can still fit the wide tables:
    their long words carry soft hyphens, while ids and dates never break."""
    out = export([EXAMPLES["sv"]], "html", tmp_path / "r.html")[0]
    text = out.read_text(encoding="utf-8")
    table = text[text.index('id="table-processors"') :]
    table = table[: table.index("</table>")]
    assert "Per\u00adson\u00adupp\u00adgifts\u00adbi\u00adträde" in table  # a role, by sv rules
    assert '<span class="nw">HR-01</span>' in table  # an activity it is used in
    assert re.search(r'<span class="nw">\d{4}-\d\d-\d\d</span>', table)  # a DPA date
    assert not re.search(r'(?:id|class|href|aria-labelledby)="[^"]*\u00ad', text)
    assert "\u00ad" not in text[: text.index("<main")]  # the cover and contents as written
