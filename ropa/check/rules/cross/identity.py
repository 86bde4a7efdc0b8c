"""XC116 to XC118: the record's controller, DPO and supervisory authority against the notice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import label
from ropa.check.views.cross import EMAIL, CrossView
from ropa.check.views.record import fold
from ropa.model.findings import Problem, Severity
from ropa.model.legal import authorities, country_code
from ropa.read.notice.authorities import find_mentions

_DIGITS = re.compile(r"\d[\d\s.\-/]*\d")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@rule("XC116", "controller-not-in-notice", Severity.WARNING, "Art. 13(1)(a)")
def controller_not_in_notice(cx: CrossView) -> Iterator[Problem]:
    """The notice does not name the controller as the Organisation sheet does.

    The notice must give the controller's identity (Art. 13(1)(a)). The entity's legal name
    (case and spacing aside) and its registration number (digits compared, so "556981-2349"
    matches "5569812349") are looked for in the notice.

    Fix: name the legal entity exactly, with its registration number, in the notice, or
    correct the Organisation sheet.
    """
    numbers = {_digits(found) for found in _DIGITS.findall(cx.text)}
    line = cx.evidence_line("controller_identity")
    for entity in cx.entities:
        name = entity.text("legal_name")
        if name and fold(name) not in cx.folded:
            yield Problem(
                cx.at("organisation", entity, "legal_name"),
                f"The notice {cx.display} does not name the controller '{name}' "
                f"(entity {label(entity, 'entity_id')}); see {cx.where(line)}.",
                hint="Name the controller in the notice exactly as registered.",
                related=cx.related(line),
            )
            continue
        number = _digits(entity.text("registration_number"))
        if len(number) >= 5 and not any(number in found for found in numbers):
            yield Problem(
                cx.at("organisation", entity, "registration_number"),
                f"The notice {cx.display} does not give the registration number "
                f"{entity.text('registration_number')} of '{name}'; see {cx.where(line)}.",
                hint="Add the registration number next to the controller's name, or correct "
                "the Organisation sheet.",
                related=cx.related(line),
            )


@rule("XC117", "dpo-contact-differs", Severity.WARNING, "Art. 13(1)(b), Art. 37(7)")
def dpo_contact_differs(cx: CrossView) -> Iterator[Problem]:
    """The notice gives the DPO an e-mail address other than the record's.

    The e-mail in the Organisation sheet's DPO contact must be the one people are told to
    use (Art. 13(1)(b), Art. 37(7)). Reported when the notice's lines about the data
    protection officer give an e-mail address and the record's is not anywhere in the notice.

    Fix: make the notice and the Organisation sheet give the same DPO address.
    """
    found = cx.scan.elements.get("dpo_contact")
    if found is None or not found.present:
        return
    lines = {int(e.line) for e in found.evidence}
    on_dpo_lines = cx.emails_on(lines)
    if not on_dpo_lines:
        return

    for entity in cx.entities:
        recorded = {e.casefold() for e in EMAIL.findall(entity.text("dpo_contact"))}
        if not recorded or recorded & cx.emails:
            continue
        line = min(lines)
        yield Problem(
            cx.at("organisation", entity, "dpo_contact"),
            f"The notice {cx.display} gives the data protection officer's address as "
            f"{', '.join(sorted(on_dpo_lines))} (line {line}), but the record has "
            f"{', '.join(sorted(recorded))} for entity {label(entity, 'entity_id')}.",
            hint="Use the same DPO e-mail address in the notice and the record.",
            related=cx.related(line),
        )


@rule("XC118", "authority-differs", Severity.WARNING, "Art. 13(2)(d), Art. 77")
def authority_differs(cx: CrossView) -> Iterator[Problem]:
    """The notice names another supervisory authority than the entity's, or a former name.

    People must be told of their right to complain to a supervisory authority
    (Art. 13(2)(d)); for an entity in Sweden that is IMY, in Norway Datatilsynet, and so on.
    Reported when the authority the notice names belongs to another country than the
    entity's (and the entity's own authority is not named anywhere in the notice), or when
    the notice uses a former name (Datainspektionen, now Integritetsskyddsmyndigheten).

    Fix: name the entity's current authority in the notice.
    """
    authority = cx.entity("supervisory_authority")
    if not authority:
        return

    line = int(authority["line"])
    for entity in cx.entities:
        country = country_code(entity.text("country"))
        if country is None:
            continue
        own = authorities(country)
        if authority["country"] != country:
            mentions = find_mentions(cx.lines, preferred=(country,))
            if any(m.authority.country == country and m.valid_until is None for m in mentions):
                continue
            wanted = own[0].name if own else f"the authority of {country}"
            yield Problem(
                cx.at("organisation", entity, "supervisory_authority"),
                f"The notice {cx.display} names {authority['as_written']} ({authority['country']}) "
                f"at line {line}, but entity {label(entity, 'entity_id')} is established in "
                f"{country}, whose authority is {wanted}.",
                hint=f"Name {wanted} in the notice as the authority to complain to.",
                related=cx.related(line, authority["as_written"]),
            )
        elif not authority.get("current", True):
            wanted = own[0].name if own else authority["name"]
            yield Problem(
                cx.at("organisation", entity, "supervisory_authority"),
                f"The notice {cx.display} names the authority by its former name "
                f"'{authority['as_written']}' at line {line}; it is now {wanted}.",
                hint=f"Write {wanted} in the notice.",
                related=cx.related(line, authority["as_written"]),
            )
