"""The rule registry: every rule is a small function, registered with its code.

The function's docstring is the rule's documentation: its first line is the summary shown
by ``ropa rules``, and the whole text is what ``ropa explain CODE`` prints. Codes are stable
and never reused; a retired rule stays in :data:`RETIRED` so its code is not given out again.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ropa.model.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from ropa.check.views.record import Context
    from ropa.read.config import Config


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: where, what is wrong, and how to fix it.

    The engine turns it into a :class:`ropa.model.findings.Finding`, adding the rule's code,
    severity (after configuration) and legal reference, unless the problem names its own.
    """

    location: Location
    message: str
    hint: str | None = None
    reference: str | None = None


RuleFunction = Callable[["Context"], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A registered rule.

    ``scope`` says what the rule looks at: ``record`` rules take a workbook
    :class:`~ropa.check.views.record.Context`; ``policy`` and ``cross`` rules (published notices,
    and notice against record) take the context their own engine passes.
    """

    code: str
    name: str
    severity: Severity
    reference: str
    group: str
    function: Callable[[Any], Iterable[Problem]]
    scope: str = "record"

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        first = self.doc.split("\n\n", 1)[0]
        return " ".join(first.split()) if first else self.name


REGISTRY: dict[str, Rule] = {}

#: Codes of rules that were removed; never reuse them.
RETIRED: dict[str, str] = {}

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
}

SCOPES = ("record", "policy", "cross")


F = TypeVar("F", bound=Callable[..., Iterable[Problem]])


def rule(
    code: str, name: str, severity: Severity, reference: str, scope: str = "record"
) -> Callable[[F], F]:
    """Register a rule function under a stable code."""
    if scope not in SCOPES:
        raise ValueError(f"unknown rule scope {scope!r}")

    def register(function: F) -> F:
        if code in REGISTRY or code in RETIRED:
            raise ValueError(f"rule code {code} is already taken")
        if not function.__doc__:
            raise ValueError(f"rule {code} needs a docstring: it is the rule's documentation")
        REGISTRY[code] = Rule(code, name, severity, reference, GROUPS[code[:3]], function, scope)
        return function

    return register


#: Modules that register rules; importing them fills the registry.
#: Per scope, so that ``ropa check`` on a workbook never imports the policy code.
RULE_MODULES: dict[str, list[str]] = {
    "record": ["ropa.check.rules.record"],
    "policy": ["ropa.check.rules.notice.rules"],
    "cross": ["ropa.check.rules.cross.rules"],
}


def all_rules(scope: str | None = None) -> list[Rule]:
    """Every registered rule (of one scope, if given), by code."""
    import importlib

    for module_scope, modules in RULE_MODULES.items():
        if scope is None or scope == module_scope:
            for module in modules:
                importlib.import_module(module)
    rules = [REGISTRY[code] for code in sorted(REGISTRY)]
    return [r for r in rules if scope is None or r.scope == scope]


def finding_from(item: Rule, problem: Problem, severity: Mapping[str, Severity]) -> Finding:
    """The finding a rule's problem becomes: code, configured severity, reference, place.

    A problem may carry ``related`` places (the notice line of a cross-check finding).
    """
    related = getattr(problem, "related", ())
    return Finding(
        code=item.code,
        severity=severity.get(item.code, item.severity),
        message=problem.message,
        reference=problem.reference or item.reference,
        location=problem.location,
        hint=problem.hint,
        extra={"related": [dict(entry) for entry in related]} if related else {},
    )


def run_rules_on(context: Any, rules: Iterable[Rule], config: Config) -> list[Finding]:
    """Every enabled rule of ``rules`` over ``context``, as findings (unsorted)."""
    return [
        finding_from(item, problem, config.severity)
        for item in rules
        if config.enabled(item.code)
        for problem in item.function(context)
    ]


def get_rule(code: str) -> Rule | None:
    """The rule with this code (case-insensitive), or None."""
    all_rules()
    return REGISTRY.get(code.strip().upper())
