"""What a rule is: a small documented function, its stable code, and what it looks at.

A rule is ``def name(view: SomeView) -> Iterator[Problem]``, decorated with :func:`rule`. The
function's docstring is the rule's documentation: its first paragraph is the summary shown by
``ropa rules``, and the whole text is what ``ropa explain CODE`` prints. What the rule looks at
(a record, a notice, a notice against a record) is the type of its one parameter, read from
the annotation. Codes are stable and never reused: a retired rule's code stays in
:data:`RETIRED`, so it is not given out again.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from ropa.model.findings import Problem, Severity

#: The family of a code's first three characters, for ``ropa rules`` and docs/rules.md.
GROUPS = {
    "RP1": "Structure",
    "RP2": "Lawful basis",
    "RP3": "Special data",
    "RP4": "Transfers",
    "RP5": "Processors",
    "RP6": "Retention",
    "RP7": "DPIA",
    "RP8": "Housekeeping",
    "RP9": "Organisation",
    "PN1": "Notice completeness (Art. 13/14)",
    "PN2": "Notice details",
    "XC1": "Notice against record",
    "GR1": "Workbooks of a group",
    "RX0": "ropa itself",
}

#: Codes of rules that were removed, with why; never reuse them.
RETIRED: dict[str, str] = {}

RuleFunction = Callable[[Any], Iterable[Problem]]

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Rule:
    """A rule: its code, kebab name, default severity, legal reference and function."""

    code: str
    name: str
    severity: Severity
    reference: str
    function: RuleFunction
    subject: type

    def __call__(self, view: Any) -> Iterable[Problem]:
        return self.function(view)

    @property
    def group(self) -> str:
        return GROUPS[self.code[:3]]

    @property
    def scope(self) -> str:
        """``record``, ``policy`` or ``cross``: the family of the rule's subject."""
        return str(getattr(self.subject, "SCOPE", "record"))

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        first = self.doc.split("\n\n", 1)[0]
        return " ".join(first.split()) if first else self.name

    @property
    def source(self) -> str:
        """Where the rule is defined, as ``ropa/check/rules/cross/recipients.py:42``."""
        function = inspect.unwrap(self.function)
        path = Path(inspect.getsourcefile(function) or "")
        line = inspect.getsourcelines(function)[1]
        try:
            shown = path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
        except ValueError:
            shown = path.as_posix()
        return f"{shown}:{line}"


def rule(
    code: str, name: str, severity: Severity, reference: str
) -> Callable[[RuleFunction], Rule]:
    """Make a function a rule under a stable code; its parameter's type is its subject."""

    def make(function: RuleFunction) -> Rule:
        if code in RETIRED:
            raise ValueError(f"rule code {code} was retired and may not be reused")
        if code[:3] not in GROUPS:
            raise ValueError(f"rule code {code} belongs to no family in GROUPS")
        if not function.__doc__:
            raise ValueError(f"rule {code} needs a docstring: it is the rule's documentation")
        return Rule(code, name, severity, reference, function, _subject(function))

    return make


def _subject(function: RuleFunction) -> type:
    hints = typing.get_type_hints(function)
    parameters = list(inspect.signature(function).parameters)
    if len(parameters) != 1 or parameters[0] not in hints:
        raise ValueError(f"rule {function.__name__} must take one annotated parameter")
    subject = hints[parameters[0]]
    if not isinstance(subject, type):
        raise ValueError(f"rule {function.__name__}: its parameter's annotation must be a class")
    return subject


def collect(*modules: ModuleType) -> tuple[Rule, ...]:
    """The rules defined in these modules, by code; a code taken twice is an error."""
    found: dict[str, Rule] = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, Rule):
                if value.code in found and found[value.code] is not value:
                    raise ValueError(f"rule code {value.code} is taken twice")
                found[value.code] = value
    return tuple(found[code] for code in sorted(found))
