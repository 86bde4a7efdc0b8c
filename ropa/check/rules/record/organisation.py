"""RP9xx: the controller, its DPO and its representative (Art. 27, Art. 30(1)(a), Art. 37)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import country, has_content, is_yes, row_label
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
from ropa.model.legal import authorities, country_code, find_authority, is_eea
from ropa.model.messages import Message, msg
from ropa.read.workbook import Row

_CONTACT_FIELDS = ("address", "contact_email", "contact_phone")


@rule("RP901", "controller-contact-missing", Severity.ERROR, "Art. 30(1)(a)")
def controller_contact_missing(ctx: RecordView) -> Iterator[Problem]:
    """A legal entity has no contact details.

    The record must contain "the name and contact details of the controller"
    (Art. 30(1)(a)): an address, e-mail or phone on the Organisation sheet.

    Fix: fill in at least the contact e-mail, and ideally address and phone too.
    """
    for row in ctx.rows("organisation"):
        if not any(has_content(row, key) for key in _CONTACT_FIELDS):
            yield Problem(
                ctx.at("organisation", row, "contact_email"),
                msg("RP901.no_contact", entity=row_label(row, "entity_id")),
                hint=msg("RP901.hint"),
            )


@rule("RP902", "dpo-contact-missing", Severity.ERROR, "Art. 30(1)(a), Art. 37(7)")
def dpo_contact_missing(ctx: RecordView) -> Iterator[Problem]:
    """A data protection officer is designated, but has no contact details.

    Where a DPO is designated, the record names them with their contact details
    (Art. 30(1)(a)), and the controller publishes them (Art. 37(7)).

    Fix: enter the DPO's e-mail or phone in the DPO contact column.
    """
    for row in ctx.rows("organisation"):
        designated = is_yes(row, "dpo_designated") or has_content(row, "dpo_name")
        if designated and not has_content(row, "dpo_contact"):
            yield Problem(
                ctx.at("organisation", row, "dpo_contact"),
                msg("RP902.no_dpo_contact", entity=row_label(row, "entity_id")),
                hint=msg("RP902.hint"),
            )


@rule("RP903", "eu-representative-missing", Severity.ERROR, "Art. 27")
def eu_representative_missing(ctx: RecordView) -> Iterator[Problem]:
    """An entity established outside the EEA has no EU representative.

    A controller not established in the Union that offers goods or services to, or
    monitors, people in the Union must designate a representative in the Union
    (Art. 27(1)), unless the exception of Art. 27(2) applies (occasional, low-risk
    processing without large-scale special data, or a public authority).

    Fix: name the representative and their contact, or note why Art. 27(2) applies.
    """
    for row in ctx.rows("organisation"):
        code = country_code(row.text("country"))
        if code is not None and not is_eea(code) and not has_content(row, "eu_representative"):
            yield Problem(
                ctx.at("organisation", row, "eu_representative"),
                msg(
                    "RP903.no_representative",
                    entity=row_label(row, "entity_id"),
                    country=country(code),
                ),
                hint=msg("RP903.hint"),
            )


@rule("RP904", "supervisory-authority-outdated", Severity.WARNING, "Art. 51, Art. 56")
def supervisory_authority_outdated(ctx: RecordView) -> Iterator[Problem]:
    """The supervisory authority is named by a former name.

    For example Sweden's Datainspektionen became Integritetsskyddsmyndigheten (IMY) on
    1 January 2021. An old name in the record usually means the notice and the
    contact routines are out of date too.

    Fix: use the authority's current name.
    """
    for row in ctx.rows("organisation"):
        text = row.text("supervisory_authority")
        # Denmark and Norway both have a "Datatilsynet": the entity's country decides.
        found = find_authority(text, country=country_code(row.text("country"))) if text else None
        if found is not None and found[1] is not None:
            authority, until = found
            yield Problem(
                ctx.at("organisation", row, "supervisory_authority"),
                msg(
                    "RP904.former_name",
                    text=text,
                    until=str(until),
                    authority=f"{authority.name} ({authority.short})",
                ),
                hint=msg("RP904.hint", authority=f"{authority.name} ({authority.short})"),
            )


def _authority_name(entity: Row) -> str | Message:
    """How a message names the entity's supervisory authority."""
    named = entity.text("supervisory_authority")
    if named:
        return named
    code = country_code(entity.text("country"))
    found = authorities(code) if code else ()
    if not found:
        return msg("RP909.the_authority")
    return f"{found[0].name} ({found[0].short})" if found[0].short else found[0].name


@rule("RP909", "dpo-publication-undocumented", Severity.WARNING, "Art. 37(7)")
def dpo_publication_undocumented(ctx: RecordView) -> Iterator[Problem]:
    """A DPO is designated, but the record does not show that Art. 37(7) was complied with.

    The controller or processor publishes the contact details of its data protection
    officer and communicates them to the supervisory authority (Art. 37(7)). The name need
    not be published, but the contact details must be easy to find for data subjects and
    the authority (EDPB-endorsed WP243 rev.01, section 2.6). The Nordic authorities keep a
    register of the DPOs notified to them: Datatilsynet in Norway takes the registration
    through a form in Altinn, on the organisation's main registration number; the Finnish
    Office of the Data Protection Ombudsman through its own secure form; IMY audited in
    2018 whether DPOs had been notified to it. The Organisation sheet records where the
    contact details are published and the date they were communicated to the authority.

    Fix: enter where the DPO's contact details are published (the web page or the section
    of the privacy notice) and the date they were notified to the authority; notify the
    authority again whenever the DPO or the contact details change.
    """
    for row in ctx.rows("organisation"):
        if not (is_yes(row, "dpo_designated") or has_content(row, "dpo_name")):
            continue
        who = row_label(row, "entity_id")
        if not has_content(row, "dpo_published"):
            yield Problem(
                ctx.at("organisation", row, "dpo_published"),
                msg("RP909.not_published", entity=who),
                hint=msg("RP909.not_published.hint"),
            )
        if not row.has("dpo_notified"):
            yield Problem(
                ctx.at("organisation", row, "dpo_notified"),
                msg("RP909.not_notified", entity=who, authority=_authority_name(row)),
                hint=msg("RP909.not_notified.hint"),
            )
