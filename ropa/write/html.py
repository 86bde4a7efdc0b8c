"""``ropa export --format html``: one self-contained HTML file that works offline.

The template (``reports/report.html.j2``), its style sheet and its script are inlined, the
charts are inline SVG, and nothing is fetched: the file can be mailed to an authority or
opened from a USB stick. Jinja2 autoescapes every value, so text from a workbook (which
may hold anything, ``<script>`` included) is always shown as text. Jinja2 is imported on
first use.
"""

from __future__ import annotations

from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from ropa.model.resources import reports_dir
from ropa.read.group import GroupRecord
from ropa.write.charts import svg
from ropa.write.control_text import css_string
from ropa.write.document import Document, Progress, build_document
from ropa.write.html_parts import blocks_html, table_html
from ropa.write.safety import atomic_write_text

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

TEMPLATE = "report.html.j2"


@cache
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(reports_dir())),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


def _asset(name: str) -> Markup:
    """One of our own files (style sheet, script), trusted and inlined as it is."""
    from markupsafe import Markup

    text = (reports_dir() / name).read_text(encoding="utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():
        raise ValueError(f"reports/{name} must not contain {closing}")
    return Markup(text)  # our own asset, not workbook text


def render_document(document: Document) -> str:
    """The HTML of a laid-out report."""
    from markupsafe import Markup

    template = _environment().get_template(TEMPLATE)
    none = document.word("none")
    return template.render(
        r=document,
        w=document.word,
        css=_asset("report.css"),
        js=_asset("report.js"),
        svgs=[svg(chart, none=none) for chart in document.charts],
        blocks_html=blocks_html,
        table_html=partial(table_html, lang=document.lang),
        # The running footer of every printed page, as a CSS string of escapes only.
        footer_css=Markup(css_string("\n".join(document.footer))),
    )


def render(group: GroupRecord, audience: str = "internal") -> str:
    """The HTML report of ``group`` as text, for ``audience`` ("internal" or "authority")."""
    return render_document(build_document(group, audience))


def write(
    group: GroupRecord,
    output: Path,
    *,
    audience: str = "internal",
    progress: Progress | None = None,
) -> list[Path]:
    """Write the HTML report of ``group`` to ``output`` (atomically); ``progress(done,
    total)`` hears when it is laid out and when it is written."""
    output = Path(output)
    if progress is not None:
        progress(0, 2)
    text = render(group, audience)
    if progress is not None:
        progress(1, 2)
    atomic_write_text(output, text)
    if progress is not None:
        progress(2, 2)
    return [output]
