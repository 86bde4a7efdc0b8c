"""The HTML report's blocks and tables escape workbook text exactly as autoescaping does."""

from __future__ import annotations

import markupsafe

from ropa.write.html_parts import _escape_text, blocks_html, table_html
from ropa.write.layout import Block, Column, Entry, Table

HOSTILE = [
    "<script>alert(1)</script>",
    '"onmouseover=alert(2) x="',
    "X-1'><img src=x onerror=alert(3)>",
    "Tom & Jerry AB",
    "plain text, nothing to escape",
    "",
    markupsafe.Markup("<b>already markup</b>"),
]


def test_escape_is_markupsafes() -> None:
    for text in [*HOSTILE, 42, None]:
        assert _escape_text(text) == str(markupsafe.escape(text))


def test_block_and_table_show_hostile_text_as_text() -> None:
    entries = [
        Entry("purposes", HOSTILE[0], [HOSTILE[1], HOSTILE[2]], "Art. 30(1)(b)", inline=False),
        Entry("data_subjects", "Subjects", [HOSTILE[3], HOSTILE[0]]),
    ]
    html = str(blocks_html([Block("activity-x", HOSTILE[2], HOSTILE[0], entries)]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Tom &amp; Jerry AB; &lt;script&gt;" in html  # an inline list joined with "; "
    assert '<ul class="cell-list"><li>&#34;onmouseover' in html  # a list one item per line
    table = Table(
        "t",
        "table-t",
        "T",
        [Column("id", HOSTILE[1], kind="id"), Column("v", "V")],
        [[HOSTILE[2], [HOSTILE[0]]]],
        tones=["error"],
    )
    rows = str(table_html(table, "section"))
    assert "<script>" not in rows and "<img" not in rows
    assert '<tr class="tone-error"><th scope="row">' in rows
    assert "&#39;&gt;&lt;img src=x onerror=alert(3)&gt;</th>" in rows
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td></tr>" in rows
