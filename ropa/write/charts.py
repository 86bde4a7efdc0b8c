"""Bar charts for the HTML and PDF reports, built from :func:`ropa.write.summary.summary`.

A :class:`Chart` is plain data (a title, a description and labelled bars), so the PDF can
draw it with its own primitives; :func:`svg` renders it as inline SVG for the HTML report,
which shows with JavaScript off and in print. Every label can be workbook text (an
unrecognised special category, say), so everything that goes into the SVG is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ropa.write.cells import country_label, vocab_label
from ropa.write.summary import BUCKETS, EVENT_BASED, UNCLEAR

if TYPE_CHECKING:
    from markupsafe import Markup

#: Bar colours (CSS class -> fill). Each has at least 3:1 contrast against white, as WCAG
#: asks of graphical objects; the value is printed beside each bar too.
PALETTE = {
    "bar": "#2f5d8a",
    "error": "#b3261e",
    "warning": "#8a5a00",
    "info": "#3b6ea5",
    "muted": "#6b7280",
}

SEVERITIES = ("error", "warning", "info")

# Geometry of the SVG (user units; the SVG scales to its container's width).
_WIDTH = 520
_TOP = 6
_BAR = 20
_GAP = 8
_LABEL_W = 250
_VALUE_W = 36
_FONT = 13
_CHAR_W = 7.0  # average advance of a 12px sans-serif character, for truncating labels


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and its colour class."""

    label: str
    value: int
    tone: str = "bar"


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: ``key`` names it (for ids), ``title`` and ``desc`` describe it,
    ``unit`` says what its numbers count ("Number of purposes", "Antal behandlingar")."""

    key: str
    title: str
    desc: str
    bars: tuple[Bar, ...]
    unit: str = ""

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    @property
    def maximum(self) -> int:
        return max((bar.value for bar in self.bars), default=0)


def _vocab_label(name: str, lang: str) -> Callable[[str], str]:
    return lambda code: vocab_label(name, code, lang)


def _country(lang: str) -> Callable[[str], str]:
    return lambda code: country_label(code, lang)


def _bars(
    counts: Mapping[str, int], name: Callable[[str], str], *, sort: bool = True
) -> tuple[Bar, ...]:
    items: Iterable[tuple[str, int]] = counts.items()
    if sort:
        items = sorted(items, key=lambda item: (-int(item[1]), name(item[0]).casefold()))
    return tuple(Bar(name(code), int(value)) for code, value in items)


def summary_charts(
    summary: Mapping[str, Any], lang: str, word: Callable[[str], str]
) -> list[Chart]:
    """The five charts of the summary section, titled with ``word(key)`` (the report labels)."""

    def describe(title: str, unit: str, bars: tuple[Bar, ...]) -> str:
        if not bars:
            return f"{title} ({unit}): {word('none')}."
        parts = "; ".join(f"{bar.label}: {bar.value}" for bar in bars)
        return f"{title} ({unit}). {parts}."

    charts = []
    specs: list[tuple[str, tuple[Bar, ...]]] = [
        (
            "lawful_bases",
            _bars(summary.get("lawful_bases", {}), _vocab_label("lawful_basis", lang)),
        ),
        (
            "special_categories",
            _bars(summary.get("special_categories", {}), _vocab_label("special_category", lang)),
        ),
        ("transfer_countries", _bars(summary.get("transfer_countries", {}), _country(lang))),
    ]
    buckets = summary.get("retention_buckets", {})
    specs.append(
        (
            "retention_periods",
            tuple(
                Bar(_bucket_label(bucket, word), int(buckets.get(bucket, 0)), _bucket_tone(bucket))
                for bucket in BUCKETS
                if bucket in buckets
            ),
        )
    )
    severities = summary.get("findings_by_severity", {})
    # No findings can mean "not checked": the chart only shows when there is something.
    if any(int(severities.get(severity, 0)) for severity in SEVERITIES):
        specs.append(
            (
                "findings_by_severity",
                tuple(
                    Bar(word(severity), int(severities.get(severity, 0)), severity)
                    for severity in SEVERITIES
                ),
            )
        )
    for key, bars in specs:
        # What the bars count differs from chart to chart: the lawful bases count purposes,
        # the special categories activities, the countries transfers, the periods rows of
        # the Retention sheet. Each chart says so, under its title and in its description.
        title, unit = word(key), word(f"chart_unit_{key}")
        charts.append(
            Chart(key=key, title=title, desc=describe(title, unit, bars), bars=bars, unit=unit)
        )
    return charts


#: summary()'s retention buckets -> their label keys.
_BUCKET_WORDS = {
    "< 1 year": "bucket_lt_1",
    "1-3 years": "bucket_1_3",
    "3-7 years": "bucket_3_7",
    "> 7 years": "bucket_gt_7",
    "event-based": "bucket_event",
    "unclear": "bucket_unclear",
}


def _bucket_label(bucket: str, word: Callable[[str], str]) -> str:
    key = _BUCKET_WORDS.get(bucket, bucket)
    text = word(key)
    return bucket if text == key else text


def _bucket_tone(bucket: str) -> str:
    return "muted" if bucket in (EVENT_BASED, UNCLEAR) else "bar"


def _fit(text: str, width: float) -> str:
    limit = max(4, int(width / _CHAR_W))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def svg(chart: Chart, *, none: str = "\u2013") -> Markup:
    """The chart as an accessible inline ``<svg>`` (role img, <title> and <desc>)."""
    from markupsafe import Markup, escape

    ident = f"chart-{escape(chart.key)}"
    rows = max(1, len(chart.bars))
    height = _TOP * 2 + rows * (_BAR + _GAP) - _GAP
    plot = _WIDTH - _LABEL_W - _VALUE_W
    top = chart.maximum or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{ident}" role="img" '
        f'viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-size="{_FONT}">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.desc)}</desc>',
    ]
    if not chart.bars:
        parts.append(
            f'<text x="{_WIDTH / 2:g}" y="{height / 2 + 4:g}" text-anchor="middle" '
            f'class="chart-empty">{escape(none)}</text>'
        )
    axis_x = _LABEL_W
    parts.append(
        f'<line x1="{axis_x}" y1="{_TOP - 3}" x2="{axis_x}" y2="{height - _TOP + 3}" '
        'class="chart-axis" stroke="#9aa3ad" stroke-width="1"/>'
    )
    for index, bar in enumerate(chart.bars):
        y = _TOP + index * (_BAR + _GAP)
        length = plot * bar.value / top
        fill = PALETTE.get(bar.tone, PALETTE["bar"])
        label = _fit(bar.label, _LABEL_W - 10)
        parts.append(f'<g class="chart-row tone-{escape(bar.tone)}">')
        parts.append(f"<title>{escape(bar.label)}: {bar.value}</title>")
        parts.append(
            f'<text x="{axis_x - 8}" y="{y + _BAR / 2 + 4:g}" text-anchor="end" '
            f'class="chart-label">{escape(label)}</text>'
        )
        if bar.value:
            parts.append(
                f'<rect x="{axis_x}" y="{y}" width="{max(length, 2):.1f}" height="{_BAR}" '
                f'rx="2" fill="{fill}"/>'
            )
        parts.append(
            f'<text x="{axis_x + length + 6:.1f}" y="{y + _BAR / 2 + 4:g}" '
            f'class="chart-value">{bar.value}</text>'
        )
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))
