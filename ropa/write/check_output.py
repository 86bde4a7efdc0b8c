"""``ropa check``'s report in the format asked for, as the text to print or to save."""

from __future__ import annotations

from ropa.check.report import Report
from ropa.write.ci_formats import github_commands, junit_xml
from ropa.write.console import check_text
from ropa.write.json_out import check_json, sarif_json

#: --format of ``ropa check`` -> the text of the report.
CHECK_FORMATS = {
    "text": check_text,
    "json": check_json,
    "sarif": sarif_json,
    "github": github_commands,
    "junit": junit_xml,
}


def check_report_text(report: Report, fmt: str) -> str:
    """The report as ``fmt`` (text, json, sarif, github or junit), ending in a newline."""
    text = CHECK_FORMATS[fmt](report)
    return text if text.endswith("\n") or not text else text + "\n"
