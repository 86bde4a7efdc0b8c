"""Every rule, listed explicitly: the record, notice and cross-check families.

``ropa rules``, ``ropa explain``, SARIF's rule table and docs/rules.md read this registry.
Each family's package lists its topic modules (``ropa/check/rules/<family>/__init__.py``);
nothing is found by importing modules by name.
"""

from __future__ import annotations

import difflib

from ropa.check.rule import Rule
from ropa.check.rules import cross, group, internal, notice, record

#: The rules of each family, by code.
FAMILIES: dict[str, tuple[Rule, ...]] = {
    "record": record.RULES,
    "policy": notice.RULES,
    "cross": cross.RULES,
    "group": group.RULES,
}

#: Rules the engine reports itself (a rule that crashed); not run on a subject.
INTERNAL: tuple[Rule, ...] = (internal.rule_crashed,)

REGISTRY: dict[str, Rule] = {item.code: item for family in FAMILIES.values() for item in family}


def all_rules(scope: str | None = None) -> list[Rule]:
    """Every rule that checks a record or a notice (of one family, if given), by code."""
    chosen = FAMILIES[scope] if scope else tuple(REGISTRY.values())
    return sorted(chosen, key=lambda item: item.code)


def find_rules(code_or_name: str) -> list[Rule]:
    """The rule with this code, or the rules with this kebab name (case-insensitive; a name
    can be shared by a record rule and a notice rule, such as ``retention-missing``)."""
    wanted = code_or_name.strip()
    everything = (*REGISTRY.values(), *INTERNAL)
    by_code = [item for item in everything if item.code == wanted.upper()]
    return by_code or [item for item in everything if item.name == _as_name(wanted)]


def _as_name(text: str) -> str:
    """A rule name as people type it ("Duplicate_ID", "missing column") in kebab case."""
    return "-".join(text.lower().replace("_", " ").split())


def get_rule(code_or_name: str) -> Rule | None:
    """The one rule with this code or name, or None (also when a name is shared)."""
    found = find_rules(code_or_name)
    return found[0] if len(found) == 1 else None


def nearest_codes(code: str, limit: int = 3) -> list[str]:
    """Codes and names that look like a mistyped ``code``, nearest first.

    A code typed with a letter for a look-alike digit ("RP2O1", "RP4l0") is that code, first:
    by similarity alone it ties with every code that shares as many characters.
    """
    typed = code.strip()
    names = [item.code for item in REGISTRY.values()] + [item.name for item in REGISTRY.values()]
    found = difflib.get_close_matches(typed, names, n=limit, cutoff=0.6)
    if not found:  # a code cut short ("xc12"): the codes it begins, "XC120", "XC121", ...
        begun = sorted(
            name for name in REGISTRY if len(typed) >= 3 and name.startswith(typed.upper())
        )
        found = begun[:limit]
    digits = typed[2:].upper().translate(str.maketrans("OILS", "0115"))
    lookalike = typed[:2].upper() + digits
    if lookalike in REGISTRY and lookalike != typed:
        found = [lookalike, *(name for name in found if name != lookalike)][:limit]
    return found
