"""XC116 to XC118: the record's controller, DPO and supervisory authority against the notice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.notice.common import country as country_param
from ropa.check.rules.record.common import row_label
from ropa.check.views.cross import EMAIL, CrossView
from ropa.check.views.record import fold
from ropa.model.findings import Problem, Severity
from ropa.model.legal import authorities, country_code
from ropa.model.messages import Named, Param, joined, msg
from ropa.read.notice.authorities import find_mentions
from ropa.read.notice.lexicon import lexicon

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
                msg(
                    "XC116.no_name",
                    notice=cx.display,
                    name=name,
                    entity=row_label(entity, "entity_id"),
                    where=cx.at_line(line),
                ),
                hint=msg("XC116.no_name.hint"),
                related=cx.related(line),
            )
            continue
        number = _digits(entity.text("registration_number"))
        if len(number) >= 5 and not any(number in found for found in numbers):
            other = _like_number(cx, number)
            if other is not None:  # a number of the same shape: probably a typo on one side
                found_line, written = other
                yield Problem(
                    cx.at("organisation", entity, "registration_number"),
                    msg(
                        "XC116.other_number",
                        notice=cx.display,
                        found=written,
                        where=cx.at_line(found_line),
                        number=entity.text("registration_number"),
                        name=name,
                    ),
                    hint=msg("XC116.other_number.hint"),
                    related=cx.related(found_line, written),
                )
                continue
            yield Problem(
                cx.at("organisation", entity, "registration_number"),
                msg(
                    "XC116.no_number",
                    notice=cx.display,
                    number=entity.text("registration_number"),
                    name=name,
                    where=cx.at_line(line),
                ),
                hint=msg("XC116.no_number.hint", sheet=cx.ctx.sheet_name("organisation")),
                related=cx.related(line),
            )


def _like_number(cx: CrossView, number: str) -> tuple[int, str] | None:
    """(line, as written) of a number in the notice with as many digits as the record's
    registration number, on the controller's lines first; None when there is none."""
    found = cx.scan.elements.get("controller_identity")
    preferred = {int(e.line) for e in found.evidence} if found is not None else set()
    candidates = [
        (line not in preferred, line, written.strip())
        for line, text in enumerate(cx.lines, start=1)
        for written in _DIGITS.findall(text)
        if len(_digits(written)) == len(number) and not _PHONE.search(text)
    ]
    if not candidates:
        return None
    _, line, written = min(candidates)
    return line, written


#: A line that gives a telephone number: its digits are not a registration number.
_PHONE = re.compile(r"\+\d|\b(?:tel|phone|telefon|puh|puhelin)\w*", re.IGNORECASE)

#: Where a clause ends: a sentence stop, or "or" between two ways of reaching someone.
_CLAUSE = re.compile(
    r"[.;!?](?:\s|$)|\s(?:or|eller|tai|alternatively|alternativt)\s", re.IGNORECASE
)


def names_dpo(cx: CrossView, text: str) -> bool:
    """Whether a text names the data protection officer (the notice language's DPO titles)."""
    try:
        patterns = lexicon(cx.scan.document.language).groups.get("dpo_title", ())
    except (KeyError, ValueError, OSError):
        return False
    lowered = text.lower()
    return any(p.search(text if p.flags & re.IGNORECASE else lowered) for p in patterns)


def dpo_addresses(cx: CrossView) -> dict[str, int]:
    """The e-mail addresses the notice gives the DPO, with their line: on the lines that
    disclose the DPO, those in a clause naming the DPO ("... or our data protection officer
    at dpo@..."), and on a line that does not name the DPO, those right under a line that
    does (the body under a "Data protection officer" heading). A general address next to
    the DPO's ("contact us at info@... or our DPO at dpo@...") is not the DPO's."""
    found = cx.scan.elements.get("dpo_contact")
    if found is None or not found.present:
        return {}
    addresses: dict[str, int] = {}
    previous_titled = False
    for number in sorted({int(e.line) for e in found.evidence}):
        if not 1 <= number <= len(cx.lines):
            continue
        text = cx.lines[number - 1]
        titled = names_dpo(cx, text)
        if titled:
            for clause in _CLAUSE.split(text):
                if names_dpo(cx, clause):
                    for address in EMAIL.findall(clause):
                        addresses.setdefault(address.casefold(), number)
        elif previous_titled or _under_titled(cx, number):
            for address in EMAIL.findall(text):
                addresses.setdefault(address.casefold(), number)
        previous_titled = titled and not EMAIL.search(text)
    return addresses


def _under_titled(cx: CrossView, number: int) -> bool:
    """Whether the nearest non-empty line above names the DPO and gives no address."""
    for index in range(number - 2, -1, -1):
        above = cx.lines[index]
        if above.strip():
            return names_dpo(cx, above) and not EMAIL.search(above)
    return False


@rule("XC117", "dpo-contact-differs", Severity.WARNING, "Art. 13(1)(b), Art. 37(7)")
def dpo_contact_differs(cx: CrossView) -> Iterator[Problem]:
    """The notice gives the DPO an e-mail address other than the record's.

    The e-mail in the Organisation sheet's DPO contact must be the one people are told to
    use (Art. 13(1)(b), Art. 37(7)). The notice's DPO address is the one in a clause that
    names the data protection officer, or under a line that does ("contact us at info@...
    or our DPO at dpo@..." gives the DPO dpo@..., not info@...). Reported when the notice
    gives the DPO an address and the record's DPO address is not among them; the finding
    quotes the line with the notice's DPO address.

    Fix: make the notice and the Organisation sheet give the same DPO address.
    """
    given = dpo_addresses(cx)
    if not given:
        return
    for entity in cx.entities:
        recorded = {e.casefold() for e in EMAIL.findall(entity.text("dpo_contact"))}
        general = {e.casefold() for e in EMAIL.findall(entity.text("contact_email"))}
        notice = {
            address: line for address, line in given.items() if address not in general - recorded
        }
        if not recorded or not notice or recorded & set(notice):
            continue
        first = min(notice, key=lambda address: (notice[address], address))
        line = notice[first]
        yield Problem(
            cx.at("organisation", entity, "dpo_contact"),
            msg(
                "XC117.differs",
                notice=cx.display,
                notice_emails=joined(sorted(notice)),
                line=line,
                record_emails=joined(sorted(recorded)),
                entity=row_label(entity, "entity_id"),
            ),
            hint=msg("XC117.hint"),
            related=cx.related(line, first),
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
            wanted: Param = (
                own[0].name if own else msg("XC118.authority_of", country=_country(country))
            )
            yield Problem(
                cx.at("organisation", entity, "supervisory_authority"),
                msg(
                    "XC118.other_country",
                    notice=cx.display,
                    named=authority["as_written"],
                    named_country=_country(str(authority["country"])),
                    line=line,
                    entity=row_label(entity, "entity_id"),
                    country=_country(country),
                    wanted=wanted,
                ),
                hint=msg("XC118.other_country.hint", wanted=wanted),
                related=cx.related(line, authority["as_written"]),
            )
        elif not authority.get("current", True):
            wanted = own[0].name if own else authority["name"]
            yield Problem(
                cx.at("organisation", entity, "supervisory_authority"),
                msg(
                    "XC118.former_name",
                    notice=cx.display,
                    named=authority["as_written"],
                    line=line,
                    wanted=wanted,
                ),
                hint=msg("XC118.former_name.hint", wanted=wanted),
                related=cx.related(line, authority["as_written"]),
            )


def _country(code: str) -> Named | str:
    """A country by its name in the message's language (a code ropa does not know, as is)."""
    try:
        return country_param(code)
    except KeyError:
        return code
