"""The message catalogue: every message in every language, with the same placeholders.

The texts are in ropa/data/messages/<lang>/*.json (see ropa/model/messages.py). A message a
rule names must exist, in English and in each of the other record languages, and take the
same named placeholders everywhere, or a finding would come out half translated or raise.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from ropa.check.rules.cross.common import _who
from ropa.model.adequacy import adequacy_decisions
from ropa.model.dpia_lists import dpia_list
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import (
    SOURCE_LANGUAGE,
    Message,
    catalogue,
    joined,
    msg,
    placeholders,
    render,
)
from ropa.read.importer.layouts import layouts
from ropa.read.workbook import Row

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = ROOT / "ropa" / "data" / "messages"
OTHERS = [lang for lang in RECORD_LANGUAGES if lang != SOURCE_LANGUAGE]


def _keys_used() -> dict[str, str]:
    """Every ``msg("KEY", ...)`` in ropa's source: key (or an f-string key's fixed start)
    to the file and line it is used at."""
    used: dict[str, str] = {}
    for path in sorted((ROOT / "ropa").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg"):
                continue
            if not node.args:
                continue
            first = node.args[0]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                used[first.value] = where
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                used[str(first.values[0].value) + "*"] = where
    return used


def test_every_language_has_the_same_files_and_a_source() -> None:
    english = sorted(p.name for p in (MESSAGES / SOURCE_LANGUAGE).glob("*.json"))
    assert english, "no English message files"
    for lang in RECORD_LANGUAGES:
        assert sorted(p.name for p in (MESSAGES / lang).glob("*.json")) == english, lang
        for name in english:
            data = json.loads((MESSAGES / lang / name).read_text(encoding="utf-8"))
            assert data["language"] == lang, f"{lang}/{name}"
            assert data["source"] and data["compiled"] and data["verified"], f"{lang}/{name}"


@pytest.mark.parametrize("lang", OTHERS)
def test_every_message_is_in_every_language(lang: str) -> None:
    english, other = set(catalogue(SOURCE_LANGUAGE)), set(catalogue(lang))
    assert sorted(english - other) == [], f"missing in {lang}"
    assert sorted(other - english) == [], f"in {lang} but not in English"


@pytest.mark.parametrize("lang", OTHERS)
def test_placeholders_are_the_same_in_every_language(lang: str) -> None:
    english = catalogue(SOURCE_LANGUAGE)
    different = {
        key: (sorted(placeholders(entry)), sorted(placeholders(catalogue(lang)[key])))
        for key, entry in english.items()
        if key in catalogue(lang) and placeholders(entry) != placeholders(catalogue(lang)[key])
    }
    assert different == {}


@pytest.mark.parametrize("lang", RECORD_LANGUAGES)
def test_every_message_renders(lang: str) -> None:
    """Each text formats with its placeholders filled (no stray brace, no positional {})."""
    for key, entry in catalogue(lang).items():
        forms = [entry] if isinstance(entry, str) else [entry["one"], entry["other"]]
        assert isinstance(entry, str) or set(entry) == {"one", "other"}, key
        names = placeholders(entry)
        for form in forms:
            assert "{}" not in form, key
            form.format_map({name: "X" for name in names})


def test_every_key_a_rule_uses_exists() -> None:
    english = catalogue(SOURCE_LANGUAGE)
    missing = {
        key: where
        for key, where in _keys_used().items()
        if not (
            any(k.startswith(key[:-1]) for k in english) if key.endswith("*") else key in english
        )
    }
    assert missing == {}


def test_a_message_renders_in_the_language_asked_for() -> None:
    who = msg("phrase.activity_purpose", activity="HR-01", purpose="Lön")
    message = msg("RP202.no_lia", who=who)
    assert render(message, "en") == (
        "Legitimate interests is the basis for activity HR-01 ('Lön'), but no balancing test "
        "(LIA) is referenced."
    )
    assert "behandling HR-01 (”Lön”)" in str(render(message, "sv"))
    assert "intresseavvägning" in str(render(message, "sv"))
    assert str(message) == render(message, "en")
    # A language ropa does not write falls back to English; plain text passes unchanged.
    assert render(message, "nn") == render(message, "en")
    assert render("as written", "fi") == "as written"
    assert render(None, "fi") is None


def test_lists_join_in_the_language() -> None:
    items = joined(["A", "B", "C"], "list.and")
    assert items.render("en") == "A, B and C"
    assert items.render("sv") == "A, B och C"
    assert items.render("fi") == "A, B ja C"
    assert joined(["A"], "list.and").render("da") == "A"
    assert joined(["A", "B"], " / ").render("nb") == "A / B"


def test_an_unknown_key_is_an_error_not_a_silent_blank() -> None:
    with pytest.raises(KeyError):
        Message("RP000.nothing").render("sv")


# -- No message written in code ----------------------------------------------------------------

#: Where rules build their problems: every module under these paths is scanned.
RULE_SOURCES = [ROOT / "ropa" / "check" / "rules", ROOT / "ropa" / "check" / "engine.py"]
#: Modules (under ropa/check) whose messages are still being moved into the catalogue.
PENDING: set[str] = set()


def _textual(node: ast.expr | None, assigned: dict[str, list[ast.expr]]) -> bool:
    """Whether an expression is text written in code: a string, an f-string, text joined or
    formatted, either branch of a conditional, or a local name given such a value."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _textual(node.left, assigned) or _textual(node.right, assigned)
    if isinstance(node, ast.IfExp):
        return _textual(node.body, assigned) or _textual(node.orelse, assigned)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in {"format", "join"} and _textual(node.func.value, assigned)
    if isinstance(node, ast.Name):
        return any(_textual(value, {}) for value in assigned.get(node.id, []))
    return False


def _written_in_code(path: Path, root: Path = ROOT) -> list[str]:
    """``file:line`` of each Problem whose message or hint is text written in code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem"):
                continue
            texts = [node.args[1]] if len(node.args) > 1 else []
            texts += [kw.value for kw in node.keywords if kw.arg in {"message", "hint"}]
            if any(_textual(text, assigned) for text in texts):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return sorted(set(found), key=lambda where: int(where.rsplit(":", 1)[1]))


def _rule_modules() -> list[Path]:
    paths: list[Path] = []
    for source in RULE_SOURCES:
        paths += sorted(source.rglob("*.py")) if source.is_dir() else [source]
    return paths


def _converted(path: Path) -> bool:
    return path.relative_to(ROOT / "ropa" / "check").as_posix() not in PENDING


def test_no_rule_writes_its_message_in_code() -> None:
    """A Problem's message and hint name a catalogue key (msg(...)), never a literal or an
    f-string: text in code cannot be translated."""
    written = [
        where for path in _rule_modules() if _converted(path) for where in _written_in_code(path)
    ]
    assert written == []


def test_pending_modules_are_still_pending() -> None:
    """A module in PENDING that has no text left in code leaves the list (so it is covered)."""
    check = ROOT / "ropa" / "check"
    assert [name for name in sorted(PENDING) if not _written_in_code(check / name)] == []


def test_the_scan_finds_text_written_in_code(tmp_path: Path) -> None:
    """The scan itself: each way of writing text in code is caught, a msg(...) is not."""
    source = tmp_path / "rule.py"
    source.write_text(
        "def rule(ctx):\n"
        "    yield Problem(at, 'literal')\n"
        "    yield Problem(at, f'{x} formatted', hint='plain')\n"
        "    yield Problem(at, msg('RP1.key'), hint='a' + b)\n"
        "    said = f'{x}'\n"
        "    yield Problem(at, said)\n"
        "    yield Problem(at, msg('RP1.key') if x else 'no')\n"
        "    yield Problem(at, message=', '.join(x))\n"
        "    yield Problem(at, msg('RP1.key', x=f'{y}'), hint=msg('RP1.hint'))\n",
        encoding="utf-8",
    )
    lines = [int(item.rsplit(":", 1)[1]) for item in _written_in_code(source, tmp_path)]
    assert lines == [2, 3, 4, 6, 7, 8]


def test_the_national_dpia_lists_describe_each_entry_in_every_language() -> None:
    """RP703 names the list's entry in the run's language: each entry has all five."""
    for country in ("SE", "NO", "DK", "FI"):
        found = dpia_list(country)
        assert found is not None and found.entries, country
        for entry in found.entries:
            texts = {lang: entry.label_in(lang) for lang in RECORD_LANGUAGES}
            assert all(texts.values()), entry.id
            assert len(set(texts.values())) > 2, f"{entry.id} is not translated: {texts}"


def test_sectoral_adequacy_scopes_are_in_every_language() -> None:
    """RP419 quotes a sectoral decision's scope in the run's language."""
    sectoral = [d for d in adequacy_decisions().values() if d.sectoral]
    assert sectoral
    for decision in sectoral:
        texts = {lang: decision.scope_in(lang) for lang in RECORD_LANGUAGES}
        assert len(set(texts.values())) == len(RECORD_LANGUAGES), decision.key


def test_every_import_layout_is_described_in_every_language() -> None:
    """RP118 names the layout a foreign workbook fits in the run's language."""
    for layout in layouts():
        texts = {lang: layout.title_in(lang) for lang in RECORD_LANGUAGES}
        assert len(set(texts.values())) >= 3, f"{layout.name} is not translated: {texts}"


def test_record_rules_name_rows_in_the_message_language() -> None:
    """``label`` words a row without an id in English ("this row 5"); record and cross-check
    rules use ``row_label``, whose fallback is a phrase of the catalogue."""
    english = []
    rules = ROOT / "ropa" / "check" / "rules"
    for path in sorted([*(rules / "record").glob("*.py"), *(rules / "cross").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and any(a.name == "label" for a in node.names):
                english.append(path.name)
    assert english == []


def test_a_cross_check_names_an_activity_without_id_in_the_message_language() -> None:
    """An XC finding about an activity row without an id says "rad 5", "rivi 5"."""
    row = Row(5, {}, {})
    assert render(_who(row), "sv") == "rad 5"
    assert render(_who(row), "fi") == "rivi 5"
    assert render(_who(Row(5, {"activity_id": "HR-01"}, {})), "fi") == "HR-01"
