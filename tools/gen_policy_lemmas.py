"""Regenerate ``ropa/data/lexicon/policy/lemmas.json``: the inflected forms of every lemma the
notice lexicons use in a ``"lemmas"`` rule, from the lemmatisation dictionaries simplemma ships.

    python -m tools.gen_policy_lemmas          # write the table
    python -m tools.gen_policy_lemmas --check  # exit 1 if the table is not current

Reading a whole simplemma dictionary takes 0.2-3.5 s per language (Finnish is the largest),
which `ropa policy scan` would pay on every run; the table holds only the few hundred lemmas
the rules name, so the detector reads a small JSON file instead. simplemma is needed here,
not at run time (``pip install ropa-gdpr[lexicon]``).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "ropa" / "data" / "lexicon" / "policy"
TABLE = LEXICONS / "lemmas.json"
#: The simplemma dictionary each lexicon's lemmas are looked up in.
DICTIONARY = {"sv": "sv", "nb": "nb", "nn": "nn", "da": "da", "fi": "fi", "en": "en"}


def wanted() -> dict[str, set[str]]:
    """The lemmas each language's rules name (shorthand patterns are used as written)."""
    out: dict[str, set[str]] = defaultdict(set)
    for path in sorted(LEXICONS.glob("*.json")):
        if path.name == TABLE.name:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        language = data.get("language")
        for section in ("elements", "statements"):
            for rules in data.get(section, {}).values():
                for rule in rules:
                    for lemmas in rule.get("lemmas", []):
                        for lemma in [lemmas] if isinstance(lemmas, str) else lemmas:
                            if not any(char in lemma for char in "~ ()[]|\\"):
                                out[str(language)].add(lemma.lower())
    return out


def table() -> dict[str, Any]:
    # simplemma is a dependency of this tool, not of ropa: imported only when regenerating
    import simplemma
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    languages: dict[str, dict[str, list[str]]] = {}
    for language, lemmas in sorted(wanted().items()):
        forms: dict[str, set[str]] = {lemma: set() for lemma in lemmas}
        for form, lemma in factory.get_dictionary(DICTIONARY[language]).items():
            key = lemma.lower()
            if key in forms and " " not in form:
                forms[key].add(form.lower())
        languages[language] = {lemma: sorted(forms[lemma] - {lemma}) for lemma in sorted(forms)}
    return {
        "source": (
            "Inflected forms of the lemmas named in the policy lexicons' 'lemmas' rules, taken "
            f"from the lemmatisation dictionaries of simplemma {simplemma.__version__} "
            "(Barbaresi, https://github.com/adbar/simplemma; data under the MIT licence); "
            "regenerate with python -m tools.gen_policy_lemmas"
        ),
        "date": date.today().isoformat(),
        "notes": "A lemma maps to its forms; the lemma itself always matches too.",
        "languages": languages,
    }


def same(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return bool(old.get("languages") == new["languages"])


def main(argv: list[str]) -> int:
    new = table()
    old = json.loads(TABLE.read_text(encoding="utf-8")) if TABLE.is_file() else {}
    if "--check" in argv:
        if same(old, new):
            return 0
        print(f"{TABLE.relative_to(ROOT)} is not current: run python -m tools.gen_policy_lemmas")
        return 1
    if same(old, new):
        new["date"] = old.get("date", new["date"])
    TABLE.write_text(json.dumps(new, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
