"""The one table model of the reports: every format (xlsx, csv, md, html, pdf) renders it.

A :class:`Table` has :class:`Column` objects with their titles in the report language, and
rows of cells that are text or lists of text (``ropa.write.cells``); a page report groups
tables into :class:`Section` objects. Writers only decide how to draw a table: how to join a
list, which width to use, whether to show the article bands (spreadsheets) or the article
notes (pages). :data:`ART30_COLUMNS` defines the Art. 30(1) record's columns once for all.
``ropa.write.tables`` lays the group record out in these tables.

Where the two families of formats show a cell differently, the difference is a named option
of :class:`Style`: :data:`SPREADSHEET` for xlsx, csv and md, :data:`PAGE` for html and pdf.
Nothing here is escaped: each writer escapes for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from ropa.model.citations import cite
from ropa.model.schema import FieldSpec, record_schema
from ropa.write.cells import Cell
from ropa.write.labels import label


@dataclass(frozen=True)
class Column:
    """One column: its key and title, and how wide it is in each kind of format."""

    key: str
    title: str
    #: Width in characters, as a spreadsheet column (xlsx).
    width: float = 24
    #: Share of the page's width, relative to the other columns (pdf).
    share: float = 1.0
    #: The article note under the title on a page, e.g. ``Art. 30(1)(a)`` (html, pdf).
    note: str = ""
    #: The article band over the title in a spreadsheet, as a label key (xlsx).
    band: str = ""
    kind: str = "text"  # "text" | "id" | "date" (sorting, alignment)


@dataclass
class Table:
    """One table of the report.

    ``key`` is its stable name (the CSV file, the xlsx sheet); ``anchor`` its id in HTML.
    Spreadsheets head it with ``title``, pages with ``caption`` (the title with the article,
    where the page has room for it).
    """

    key: str
    anchor: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    caption: str = ""
    #: Shown instead of an empty table.
    empty: str = ""
    #: A class per row (findings: their severity), for the pages to colour.
    tones: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.caption = self.caption or self.title

    @property
    def headers(self) -> list[str]:
        return [column.title for column in self.columns]

    @property
    def widths(self) -> list[float]:
        return [column.width for column in self.columns]

    def bands(self, lang: str) -> list[tuple[str, int]]:
        """The article bands over the headers, as (text, columns spanned); [] without them."""
        if not any(column.band for column in self.columns):
            return []
        return [
            (label(band, lang), len(list(columns)))
            for band, columns in groupby(self.columns, key=lambda column: column.band)
        ]


@dataclass(frozen=True)
class Entry:
    """One field of a :class:`Block`: its title, its article note and its value.

    ``inline`` joins a list with semicolons (categories, subjects); otherwise each item is a
    line of its own (purposes, retention periods).
    """

    key: str
    title: str
    value: Cell
    note: str = ""
    inline: bool = True


@dataclass
class Block:
    """One activity (or one controller) of a page report: a title and its fields, read as
    label and value, the way the authorities' own record templates read."""

    anchor: str
    ident: str
    title: str
    entries: list[Entry]


@dataclass
class Section:
    """A numbered section or a lettered annex of a page report (an entry of its contents).

    A section shows its ``blocks`` (one per activity or controller) or its ``tables``.
    """

    key: str
    title: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    annex: str = ""  # the annex letter, or "" for a numbered section
    number: int = 0


@dataclass(frozen=True)
class Style:
    """How a family of formats shows the cells that read differently in it.

    Each option names one difference between the spreadsheets (xlsx, csv, md: data to filter
    and sort) and the pages (html, pdf: a document to read).
    """

    #: Sources by file name with the time to the minute; else by the path given, ISO time.
    short_sources: bool = False
    #: Conflict places as ``file: Sheet row 5``, then the value quoted after a dash; else
    #: ``file: Sheet 5: value``.
    worded_places: bool = False
    #: A processor's uses as its activity ids joined with commas; else one per line, with
    #: the workbook's name when the report has several.
    joined_uses: bool = False
    #: Transfer recipients as ``Processor name (reference)``; else as written.
    named_recipients: bool = False
    #: Findings with the errors first; else in the order ``ropa check`` reports them.
    severity_first: bool = False


SPREADSHEET = Style()
PAGE = Style(
    short_sources=True,
    worded_places=True,
    joined_uses=True,
    named_recipients=True,
    severity_first=True,
)


# --- the Art. 30(1) table ------------------------------------------------------------------

#: activity_rows() key -> (schema field "sheet.field" or report label key, width, band).
ART30_COLUMNS: tuple[tuple[str, str, int, str], ...] = (
    ("activity_id", "activities.activity_id", 10, "activity"),
    ("name", "activities.name", 18, "activity"),
    ("controllers", "col_controllers", 20, "art30_1_a"),
    ("dpo", "dpo", 18, "art30_1_a"),
    ("purposes", "col_purposes", 40, "art30_1_b"),
    ("data_subjects", "activities.data_subjects", 20, "art30_1_c"),
    ("data_categories", "activities.data_categories", 26, "art30_1_c"),
    ("special_categories", "activities.special_categories", 16, "art30_1_c"),
    ("recipients", "col_recipients", 24, "art30_1_d"),
    ("transfers", "col_transfers", 24, "art30_1_e"),
    ("retention", "col_retention", 32, "art30_1_f"),
    ("security_measures", "activities.security_measures", 32, "art30_1_g"),
    ("owner", "activities.owner", 14, "accountability"),
    ("dpia", "col_dpia", 28, "accountability"),
    ("last_reviewed", "activities.last_reviewed", 11, "accountability"),
)
_LETTER_BAND = "art30_1_"


def _kind(spec: FieldSpec) -> str:
    if spec.kind in ("id", "ref") and not spec.multi:
        return "id"
    if spec.kind == "date":
        return "date"
    return "text"


def _share(width: float) -> float:
    return max(4.0, width / 2)


def field_column(spec: FieldSpec, lang: str) -> Column:
    """The column of a record field: its schema title and width."""
    return Column(spec.key, spec.title(lang), spec.width, _share(spec.width), kind=_kind(spec))


def art30_columns(lang: str) -> list[Column]:
    """The columns of the Art. 30(1) record (:data:`ART30_COLUMNS`), titled in ``lang``."""
    columns = []
    for key, source, width, band in ART30_COLUMNS:
        if "." in source:
            spec = record_schema().field(source)
            title, kind = spec.title(lang), _kind(spec)
        else:
            title, kind = label(source, lang), "text"
        letter = band.removeprefix(_LETTER_BAND) if band.startswith(_LETTER_BAND) else ""
        note = cite(f"Art. 30(1)({letter})", lang) if letter else ""
        columns.append(Column(key, title, width, _share(width), note, band, kind))
    return columns
