"""Every rule's failing and passing cases, as data: one runner for ``tests/rules/cases/*.toml``.

Each case file holds the cases of one topic (``record-structure.toml``, ``notice-rights.toml``,
``cross-data.toml``, ...). A top-level table is a rule code; under it, each case is a table
whose name starts with ``fail_`` (the rule must report exactly what ``expect`` lists) or
``pass_`` (the rule must report nothing). The code's prefix says what a case builds:

* RP (a record): the clean base record of ``tests/support.py``, changed, written as a real
  .xlsx workbook and checked.
* PN (a notice): a notice text, read as a .md file in a given language and scanned with the
  real element detector.
* XC (a notice against the record): both of the above; the notice is named on the
  Organisation sheet (or given as ``--policy`` is) and the workbook is checked.
* GR (workbooks of a group): two records, checked together as ``ropa check a.xlsx b.xlsx``
  does; the case's changes make the first, ``second = { ... }`` (the same keys) the second,
  each from the clean base record. The findings point into the second workbook.

How to add a case
-----------------
Add a table to the topic's file (or a new ``<family>-<topic>.toml``; every file here is
read)::

    [RP103.fail_activity_id_repeated_in_other_case]
    add.activities = [{ activity_id = "hr-01", entity_ids = "SE01", name = "Dup" }]
    expect = [{ sheet = "Activities", cell = "A4" }]

    [RP103.pass_distinct_activity_ids]
    add.activities = [{ activity_id = "HR-02", entity_ids = "SE01", name = "Other" }]

Run ``python -m pytest tests/rules -k RP103`` to see it (a case's id is
``RP103-fail_activity_id_repeated_in_other_case``). A failing case prints every finding its
subject produced, with its place in the shape ``expect`` takes: check a new case against what
the rule reports, and write it down only if it is right. A rule new to the registry fails
``test_every_rule_has_a_failing_and_a_passing_case`` until it has both.

The record (RP and XC cases), changed in this order; a row is its 0-based index among the
base record's data rows of that sheet (row 0 is spreadsheet row 2):

* ``set.<sheet>.<index> = { field = value, ... }`` sets cells (TOML dates are dates);
* ``unset.<sheet>.<index> = ["field", ...]`` empties cells;
* ``remove.<sheet> = [index, ...]`` deletes rows;
* ``empty = ["sheet", ...]`` deletes every data row of these sheets (headers stay);
* ``add.<sheet> = [{ field = value, ... }, ...]`` appends rows.

``today = 2032-01-15`` checks the record as of that day instead of ``tests.support.TODAY``
(for rules about dates: an adequacy decision's end, the age of ropa's legal data).

The workbook (``workbook.*``): the options of ``tests.support.write_record`` (``lang``,
``drop_sheets``, ``drop_columns`` as "sheet.field", ``hidden`` sheets, ``duplicate_headers``,
``title_rows``, ``header_case``), and edits of the written sheets by their title, applied in
this order before the workbook is saved: ``insert_rows.<Title> = [row, ...]``,
``write_cells.<Title> = { A1 = "text or =formula" }``, ``merge_cells.<Title> = ["B2:B3"]``,
``hide_rows.<Title> = [row, ...]``, ``row_heights.<Title> = { 3 = 30 }``.

The notice (``notice.*``; PN and XC cases): ``base`` names a file of ``tests/rules/notices/``
(without ``.md``) or ``text`` gives the whole notice; ``replace = [[old, new], ...]`` edits it
(``old`` must occur), ``append`` adds text at the end. ``lang`` is a PN notice's language
(default: the base file's suffix, ``complete-sv`` is Swedish); an XC notice's language is
detected, as ``ropa check`` does. ``via = "option"`` gives an XC notice as ``--policy`` does
instead of naming it on the Organisation sheet.

What is expected:

* ``expect = [{ ... }, ...]`` (failing cases only): the complete list of the rule's findings,
  in any order, each by its place: ``sheet`` and ``cell`` (or ``row``, for a row without a
  column) in the workbook, ``line`` in a notice; ``{}`` is a finding about a notice as a
  whole. An entry may add ``code`` (another rule's finding, whose complete list is then
  compared too), ``severity``, ``message`` and ``hint`` (texts that must occur in them),
  ``related_line`` and ``related_text`` (the notice line an XC finding quotes).
* ``absent = ["CODE", ...]``: other rules that must not report.
* ``no_other_findings = true``: the family (RP, PN or XC) reports nothing but ``expect``.

Every finding of a code compared must also have a message, a reference and a hint, and point
into the workbook (RP, XC) or at the notice (PN). Each case's subject is built and checked
once; cases that build the same subject share one check.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ropa.api.check import check_paths, check_workbook
from ropa.check import registry
from ropa.check.notices import scan_document
from ropa.check.registry import all_rules, get_rule
from ropa.check.rule import RETIRED
from ropa.model.findings import Finding
from ropa.read.config import Config
from ropa.read.notice.reading import read_policy
from tests.support import TODAY, Rows, base_rows, write_record

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

HERE = Path(__file__).parent
CASES_DIR = HERE / "cases"
NOTICES_DIR = HERE / "notices"
NOTICE_NAME = "notice.md"

CODE = re.compile(r"^(RP|PN|XC|GR)\d{3}$")
FAMILIES = {"RP": "record", "PN": "policy", "XC": "cross", "GR": "group"}

RECORD_KEYS = {"set", "unset", "remove", "empty", "add", "workbook", "today"}
NOTICE_KEYS = {"notice"}
EXPECT_KEYS = {"expect", "absent", "no_other_findings"}
ALLOWED = {
    "RP": RECORD_KEYS | EXPECT_KEYS,
    "PN": NOTICE_KEYS | EXPECT_KEYS,
    "XC": RECORD_KEYS | NOTICE_KEYS | EXPECT_KEYS,
    "GR": RECORD_KEYS | {"second"} | EXPECT_KEYS,
}
WRITE_OPTIONS = {
    "lang",
    "drop_sheets",
    "drop_columns",
    "hidden",
    "duplicate_headers",
    "title_rows",
    "header_case",
}
SHEET_EDITS = ("insert_rows", "write_cells", "merge_cells", "hide_rows", "row_heights")
NOTICE_OPTIONS = {"base", "text", "replace", "append", "lang", "via"}
PLACE_KEYS = ("sheet", "cell", "row", "line")
CHECK_KEYS = {"code", "severity", "message", "hint", "related_line", "related_text"}


@dataclass(frozen=True)
class Case:
    """One case of one rule, as read from a case file."""

    file: str
    code: str
    name: str
    data: Mapping[str, Any]

    @property
    def fails(self) -> bool:
        return self.name.startswith("fail_")

    @property
    def family(self) -> str:
        return self.code[:2]

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"


def load_cases() -> list[Case]:
    """Every case of every file, in file order; a file that does not parse fails collection."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            document = tomllib.load(handle)
        for code, table in document.items():
            if not isinstance(table, dict):
                raise ValueError(f"{path.name}: {code} must be a table of cases")
            for name, data in table.items():
                cases.append(Case(path.name, code, name, data))
    return cases


CASES = load_cases()


# --- building the subject ----------------------------------------------------------------


def build_rows(data: Mapping[str, Any]) -> Rows:
    """The base record with the case's changes to its rows."""
    rows = base_rows()
    for sheet, changes in data.get("set", {}).items():
        for index, values in changes.items():
            rows[sheet][int(index)].update(values)
    for sheet, changes in data.get("unset", {}).items():
        for index, keys in changes.items():
            for key in keys:
                rows[sheet][int(index)].pop(key, None)
    for sheet, indices in data.get("remove", {}).items():
        for index in sorted(indices, reverse=True):
            del rows[sheet][index]
    for sheet in data.get("empty", []):
        rows[sheet] = []
    for sheet, added in data.get("add", {}).items():
        rows.setdefault(sheet, []).extend(dict(row) for row in added)
    return rows


def write_options(data: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of ``write_record`` for the case's ``workbook`` table."""
    workbook = dict(data.get("workbook", {}))
    unknown = set(workbook) - WRITE_OPTIONS - set(SHEET_EDITS)
    assert not unknown, f"unknown workbook options {sorted(unknown)}"
    options = {key: workbook[key] for key in WRITE_OPTIONS if key in workbook}
    edits = {key: workbook[key] for key in SHEET_EDITS if key in workbook}
    if edits:
        options["post"] = _sheet_edits(edits)
    return options


def _sheet_edits(edits: Mapping[str, Mapping[str, Any]]) -> Callable[[Any], None]:
    def apply(book: Any) -> None:
        for title, rows in edits.get("insert_rows", {}).items():
            for row in rows:
                book[title].insert_rows(row)
        for title, cells in edits.get("write_cells", {}).items():
            for cell, value in cells.items():
                book[title][cell] = value
        for title, ranges in edits.get("merge_cells", {}).items():
            for cells in ranges:
                book[title].merge_cells(cells)
        for title, rows in edits.get("hide_rows", {}).items():
            for row in rows:
                book[title].row_dimensions[row].hidden = True
        for title, heights in edits.get("row_heights", {}).items():
            for row, height in heights.items():
                book[title].row_dimensions[int(row)].height = height

    return apply


def notice_text(notice: Mapping[str, Any]) -> str:
    """The case's notice: a base file or a text, edited."""
    unknown = set(notice) - NOTICE_OPTIONS
    assert not unknown, f"unknown notice options {sorted(unknown)}"
    assert ("base" in notice) != ("text" in notice), "a notice needs one of base and text"
    if "base" in notice:
        text = (NOTICES_DIR / f"{notice['base']}.md").read_text(encoding="utf-8")
    else:
        text = notice["text"]
    for old, new in notice.get("replace", []):
        assert old in text, f"the notice has no {old!r} to replace"
        text = text.replace(old, new)
    return text + notice.get("append", "")


def notice_language(notice: Mapping[str, Any]) -> str:
    if "lang" in notice:
        return str(notice["lang"])
    assert "base" in notice, "a notice given as text needs its lang"
    return str(notice["base"]).rsplit("-", 1)[-1]


#: Findings by subject: cases that build the same subject (the clean base, say) share one.
_CHECKED: dict[str, list[Finding]] = {}


def findings_of(case: Case, folder: Path) -> list[Finding]:
    """Build the case's subject once and check it: every finding it produces."""
    key = json.dumps([case.family, case.data], sort_keys=True, default=str)  # today included
    if key not in _CHECKED:
        _CHECKED[key] = _check(case, folder)
    return _CHECKED[key]


def _check(case: Case, folder: Path) -> list[Finding]:
    data = case.data
    config = Config(today=data.get("today", TODAY))
    if case.family == "PN":
        path = folder / NOTICE_NAME
        path.write_text(notice_text(data["notice"]), encoding="utf-8")
        language = notice_language(data["notice"])
        document = read_policy(path, language=language, display=NOTICE_NAME)
        return scan_document(document, config=config).findings
    if case.family == "GR":
        first, second = folder / "first.xlsx", folder / "second.xlsx"
        _write_once(first, build_rows(data), data)
        _write_once(second, build_rows(data["second"]), data["second"])
        return check_paths([first, second], config).findings
    rows = build_rows(data)
    policies: list[Path] = []
    if "notice" in data:
        notice = data["notice"]
        assert "lang" not in notice, "an XC notice's language is detected, as ropa check does"
        path = folder / NOTICE_NAME
        path.write_text(notice_text(notice), encoding="utf-8")
        if notice.get("via", "sheet") == "option":
            policies.append(path)
        else:
            assert notice.get("via", "sheet") == "sheet", "via is sheet or option"
            rows["organisation"][0]["privacy_policy"] = NOTICE_NAME
    record = folder / "record.xlsx"
    _write_once(record, rows, data)
    _, findings = check_workbook(record, config, policies=policies)
    return findings


#: Written workbooks by their rows and options: many XC cases change only the notice.
_WRITTEN: dict[str, bytes] = {}


def _write_once(path: Path, rows: Rows, data: Mapping[str, Any]) -> None:
    options = write_options(data)
    key = json.dumps([rows, data.get("workbook", {})], sort_keys=True, default=str)
    if key in _WRITTEN:
        path.write_bytes(_WRITTEN[key])
    else:
        write_record(path, rows, **options)
        _WRITTEN[key] = path.read_bytes()


# --- comparing -------------------------------------------------------------------------------


def place(finding: Finding) -> dict[str, Any]:
    """A finding's place in the shape ``expect`` uses: sheet and cell (or row), or line."""
    loc = finding.location
    shown: dict[str, Any] = {"sheet": loc.sheet, "cell": loc.cell, "line": loc.line}
    if loc.cell is None:
        shown["row"] = loc.row
    return {key: value for key, value in shown.items() if value is not None}


def _order(entry: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(f"{key}={entry.get(key)}" for key in PLACE_KEYS)


def _texts(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _matches(finding: Finding, entry: Mapping[str, Any]) -> list[str]:
    """What of an expected entry's checks the finding fails (empty: it matches)."""
    wrong = []
    if "severity" in entry and finding.severity.value != entry["severity"]:
        wrong.append(f"severity {finding.severity.value}")
    for key, text in (("message", finding.message), ("hint", finding.hint or "")):
        parts = _texts(entry.get(key, []))
        wrong += [f"{key} lacks {part!r}" for part in parts if part not in text]
    related = finding.related[0] if finding.related else None
    if "related_line" in entry and (related is None or related.line != entry["related_line"]):
        wrong.append(f"related line {related.line if related else None}")
    if "related_text" in entry and (related is None or entry["related_text"] not in related.text):
        wrong.append(f"related text {related.text if related else None!r}")
    return wrong


def describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.code} {place(f)} {f.severity.value}: {f.message}" for f in findings)


def check_case(case: Case, findings: list[Finding]) -> None:
    data = case.data
    expected = [dict(entry) for entry in data.get("expect", [])]
    for entry in expected:
        unknown = set(entry) - set(PLACE_KEYS) - CHECK_KEYS
        assert not unknown, f"unknown keys {sorted(unknown)} in an expected finding"
        entry.setdefault("code", case.code)
    codes = {case.code} | {entry["code"] for entry in expected}
    shown = f"\nfindings:\n{describe(findings)}"
    for code in sorted(codes):
        got = sorted((f for f in findings if f.code == code), key=lambda f: _order(place(f)))
        want = sorted((e for e in expected if e["code"] == code), key=_order)
        assert [place(f) for f in got] == [
            {key: e[key] for key in PLACE_KEYS if key in e} for e in want
        ], f"{code} reported other places than expected{shown}"
        unmatched = list(got)
        for entry in want:
            there = [f for f in unmatched if place(f) == place_of(entry)]
            fits = [f for f in there if not _matches(f, entry)]
            assert fits, f"{code} at {place_of(entry)}: {_matches(there[0], entry)}{shown}"
            unmatched.remove(fits[0])
        for finding in got:
            assert finding.message and finding.reference and finding.hint, finding
            if case.family == "PN":
                assert finding.location.file == NOTICE_NAME and finding.location.sheet is None
            else:
                assert finding.location.sheet, finding
            if case.family == "XC":
                # The notice by a path that opens from the working directory (SARIF needs it).
                assert all(
                    Path(item.file).name == NOTICE_NAME and Path(item.file).is_file()
                    for item in finding.related
                ), finding
    for code in data.get("absent", []):
        assert code not in {f.code for f in findings}, f"{code} reported{shown}"
    if data.get("no_other_findings"):
        others = [f for f in findings if f.code[:2] == case.family and f.code not in codes]
        assert not others, f"other findings:\n{describe(others)}"


def place_of(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {key: entry[key] for key in PLACE_KEYS if key in entry}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case, tmp_path: Path) -> None:
    unknown = set(case.data) - ALLOWED[case.family]
    assert not unknown, f"{case.file}: {case.id} has unknown keys {sorted(unknown)}"
    if case.fails:
        assert case.data.get("expect"), f"{case.file}: {case.id} expects no finding"
    else:
        assert "expect" not in case.data, f"{case.file}: {case.id} passes, so expects nothing"
    check_case(case, findings_of(case, tmp_path))


# --- the cases against the registry ----------------------------------------------------------


def test_case_files_name_only_registered_rules() -> None:
    assert CASES, f"no cases in {CASES_DIR}"
    for case in CASES:
        assert CODE.match(case.code), f"{case.file}: {case.code} is not a rule code"
        assert case.name.startswith(("fail_", "pass_")), f"{case.file}: {case.id}"
        named = [
            case.code,
            *case.data.get("absent", []),
            *(entry.get("code", case.code) for entry in case.data.get("expect", [])),
        ]
        for code in named:
            found = get_rule(code)
            assert found is not None and found.code == code, f"{case.file}: {code} is no rule"
            assert code not in RETIRED, f"{case.file}: {code} is retired"
            if code == case.code:
                assert found.scope == FAMILIES[case.family], f"{case.file}: {case.id}"


#: Rules whose failing case no case file can build, with the test module that has it: RP118
#: needs a workbook in another layout, which the base record never is.
FAILING_CASE_ELSEWHERE = {"RP118": "test_foreign.py"}


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    for code, module in FAILING_CASE_ELSEWHERE.items():
        assert (HERE.parent / module).is_file(), f"{code}: {module} is gone"
    fails = {case.code for case in CASES if case.fails} | set(FAILING_CASE_ELSEWHERE)
    passes = {case.code for case in CASES if not case.fails}
    codes = {item.code for item in all_rules()}
    assert sorted(codes - fails) == [], "rules without a failing case"
    assert sorted(codes - passes) == [], "rules without a passing case"


def test_rule_codes_are_unique_and_none_is_retired() -> None:
    """Codes are stable: a removed rule's code stays in RETIRED and is never registered again
    (there is no rule that codes must run without a gap)."""
    codes = [item.code for family in registry.FAMILIES.values() for item in family]
    codes += [item.code for item in registry.INTERNAL]
    assert len(codes) == len(set(codes)), "a code is registered twice"
    assert sorted(set(codes) & set(RETIRED)) == [], "a retired code is registered"
    assert all(CODE.match(code) for code in codes if not code.startswith("RX")), codes


# --- the bases the cases change are clean ----------------------------------------------------


def _bases() -> Iterator[Any]:
    yield pytest.param("RP", {}, id="record")
    for name in ("good-sv", "good-en"):
        yield pytest.param("XC", {"notice": {"base": name}}, id=f"record-and-{name}")
    yield pytest.param("PN", {"notice": {"base": "complete-sv"}}, id="complete-sv")


@pytest.mark.parametrize(("family", "data"), list(_bases()))
def test_bases_are_clean(family: str, data: dict[str, Any], tmp_path: Path) -> None:
    code = {"RP": "RP101", "PN": "PN101", "XC": "XC101"}[family]
    findings = findings_of(Case("", code, "pass_base", data), tmp_path)
    assert findings == [], describe(findings)
