"""Rule codes a user types (--select, --ignore, the config's select, ignore and severity):
every one must name a rule or a family, so that a typo never switches a check off."""

from __future__ import annotations

from collections.abc import Iterable

from ropa.check.registry import INTERNAL, REGISTRY, nearest_codes
from ropa.read.config import Config, ConfigError

_CODES = sorted({*REGISTRY, *(item.code for item in INTERNAL)})


def is_known(code: str) -> bool:
    """Whether ``code`` is a rule's code or the prefix of a family (``RP2``, ``XC``)."""
    return any(known.startswith(code) for known in _CODES)


def check_codes(codes: Iterable[str], where: str) -> None:
    """Raise ConfigError for the first code that names no rule, with the nearest ones."""
    for code in codes:
        if not is_known(code):
            near = nearest_codes(code)
            hint = f"; did you mean {' or '.join(near)}?" if near else ""
            raise ConfigError(f"{where}: no rule or family '{code}'{hint} (ropa rules lists them)")


def check_config(config: Config) -> None:
    """The configuration file's codes (select, ignore, severity) all name rules."""
    source = config.source or "configuration"
    check_codes(config.select, f"{source}: select")
    check_codes(config.ignore, f"{source}: ignore")
    check_codes(config.severity, f"{source}: severity")
