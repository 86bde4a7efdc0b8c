"""XC1xx: the published privacy notice (Art. 13/14) against the record (Art. 30).

Each rule takes a :class:`~ropa.check.views.cross.CrossContext` (one notice and the entities
it speaks for), except XC101 and XC102, which take a
:class:`~ropa.check.views.cross.LinkContext` (the Organisation sheet's privacy-policy cells).
Findings point at the workbook cell and name the notice line; the line is also given as a
related location. The notice side is matched leniently (a word anywhere in the notice counts),
so that a finding means the notice really is silent or really says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ropa.check.registry import rule
from ropa.check.rules.record.common import has_content, label
from ropa.check.views.cross import CrossContext, CrossProblem, LinkContext
from ropa.check.views.record import fold
from ropa.model.findings import Severity
from ropa.read.workbook import Row

#: Rules that look at the Organisation sheet's links, not at a notice.
LINK_RULES = ("XC101", "XC102")

#: Two periods agree when they differ by at most this share of the longer one (or 7 days):
#: "24 months" and "2 years" are the same period.
PERIOD_TOLERANCE = 0.05

_SPECIAL_LABELS = {
    "racial_ethnic_origin": "racial or ethnic origin",
    "political_opinions": "political opinions",
    "religious_beliefs": "religious or philosophical beliefs",
    "trade_union_membership": "trade union membership",
    "genetic": "genetic data",
    "biometric": "biometric data",
    "health": "health data",
    "sex_life_orientation": "sex life or sexual orientation",
}
_BASIS_LABELS = {
    "a": "consent (Art. 6(1)(a))",
    "b": "contract (Art. 6(1)(b))",
    "c": "legal obligation (Art. 6(1)(c))",
    "d": "vital interests (Art. 6(1)(d))",
    "e": "public task (Art. 6(1)(e))",
    "f": "legitimate interests (Art. 6(1)(f))",
}
# Category keys too broad to decide a retention period by (every activity has them).
_BROAD_CATEGORIES = {"identity", "contact_details", "account", "communications", "usage_data"}
_DIGITS = re.compile(r"\d[\d\s.\-/]*\d")


def _id(row: Row) -> str:
    return label(row, "activity_id")


def _basis(text: str) -> str | None:
    from ropa.model.vocab import vocabulary

    found = vocabulary("lawful_basis").match(text)
    return found.code if found is not None else None


def _special(row: Row) -> list[str]:
    from ropa.model.vocab import is_none, vocabulary

    codes = []
    for item in row.items("special_categories"):
        if is_none(item):
            continue
        found = vocabulary("special_category").match(item)
        if found is not None and found.code not in codes:
            codes.append(found.code)
    return codes


# --- the Organisation sheet's links --------------------------------------------------------


@rule(
    "XC101",
    "policy-online-only",
    Severity.INFO,
    "Art. 12(1), Art. 13, Art. 14",
    scope="cross",
)
def policy_online_only(links: LinkContext) -> Iterator[CrossProblem]:
    """The Organisation sheet names the privacy notice by a web address, which is not fetched.

    ropa checks a notice against the record only when it can read it; it never fetches web
    pages. The notice the address points to is therefore not compared with the record.
    Reported once per entity, and not when notices are given with ``--policy``.

    Fix: save the page (in the browser: Save page as, HTML) and pass it with
    ``ropa check WORKBOOK --policy saved-page.html``, or write the file's path relative to
    the workbook in the privacy-policy column.
    """
    if links.given:
        return
    for link in links.links:
        if link.kind == "url":
            yield CrossProblem(
                links.ctx.at("organisation", link.row, "privacy_policy"),
                f"Entity '{label(link.row, 'entity_id')}' names its privacy notice by a web "
                f"address ({link.value}); ropa does not fetch pages, so the notice was not "
                "compared with the record.",
                hint="Save the page and pass it with --policy to cross-check it.",
            )


@rule("XC102", "policy-file-missing", Severity.WARNING, "Art. 13, Art. 14", scope="cross")
def policy_file_missing(links: LinkContext) -> Iterator[CrossProblem]:
    """The privacy notice file the Organisation sheet names does not exist.

    A path in the privacy-policy column is read relative to the workbook's folder. When the
    file is not there, the notice cannot be compared with the record.

    Fix: correct the path (relative to the workbook), put the notice file beside the
    workbook, or pass the notice with ``--policy``.
    """
    for link in links.links:
        if link.kind == "file" and not link.exists:
            yield CrossProblem(
                links.ctx.at("organisation", link.row, "privacy_policy"),
                f"Entity '{label(link.row, 'entity_id')}' names the privacy notice "
                f"'{link.value}', but there is no such file beside the workbook.",
                hint="Correct the path (relative to the workbook) or pass the notice with "
                "--policy.",
            )


# --- purposes and data -------------------------------------------------------------------


@rule("XC103", "purpose-not-in-notice", Severity.WARNING, "Art. 13(1)(c), Art. 14(1)(c)", "cross")
def purpose_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """An activity about people outside the organisation has a purpose the notice never names.

    Customers, website visitors, applicants, subscribers and other outsiders must be told the
    purposes of the processing (Art. 13(1)(c), 14(1)(c)). The record's purposes (and the
    activity's name) and the notice's text are both mapped onto a shared vocabulary of
    purposes in five languages (recruitment, newsletter, analytics, CCTV, ...); an activity
    whose purposes map to no key the notice mentions is reported. Activities about employees
    only are left out: they are informed by an internal notice.

    Fix: describe the purpose in the notice, or, if the notice is right, correct the record.
    """
    from ropa.check.vocabulary import purpose_keys_of, purpose_label

    line = cx.evidence_line("purposes")
    for activity in cx.external:
        purposes = cx.purposes_of(activity)
        keys = purpose_keys_of([activity.text("name"), *(row.text("purpose") for row in purposes)])
        if not keys or keys & set(cx.purpose_lines):
            continue
        names = ", ".join(sorted(purpose_label(key).lower() for key in keys))
        where = (
            cx.at("purposes", purposes[0], "purpose")
            if purposes
            else cx.at("activities", activity, "name")
        )
        yield CrossProblem(
            where,
            f"Activity {_id(activity)} ('{activity.text('name')}') concerns people outside "
            f"the organisation, but the notice {cx.display} never mentions its purpose "
            f"({names}); purposes are described from {cx.where(line)}.",
            hint="Add the purpose to the notice's section on purposes, or correct the record.",
            related=cx.related(line),
        )


@rule(
    "XC104",
    "data-category-not-in-notice",
    Severity.WARNING,
    "Art. 14(1)(d), Art. 13(1)(c)",
    scope="cross",
)
def data_category_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """The record lists a kind of personal data that the notice never mentions.

    The record's data categories of activities about people outside the organisation are
    mapped onto the shared data-category vocabulary (identity, contact details, financial,
    location, images, ...) in five languages, and so is every line of the notice. A category
    the notice does not mention anywhere is reported, once per activity. Where data is not
    obtained from the person, Art. 14(1)(d) requires the categories to be listed.

    Fix: name the kind of data in the notice's section on the data processed, or correct the
    record.
    """
    from ropa.read.notice.entities import map_data_category

    line = cx.category_line()
    for activity in cx.external:
        missing: list[str] = []
        for item in activity.items("data_categories"):
            for key in map_data_category(item):
                if key in _SPECIAL_LABELS or key in cx.category_keys:
                    continue
                if key not in missing:
                    missing.append(key)
        if missing:
            names = ", ".join(key.replace("_", " ") for key in missing)
            yield CrossProblem(
                cx.at("activities", activity, "data_categories"),
                f"Activity {_id(activity)} records data the notice {cx.display} never "
                f"mentions: {names}; the data processed are described from {cx.where(line)}.",
                hint="List these kinds of data in the notice, or correct the record.",
                related=cx.related(line),
            )


@rule(
    "XC105",
    "special-category-not-in-notice",
    Severity.WARNING,
    "Art. 9(1), Art. 14(1)(d)",
    scope="cross",
)
def special_category_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """The record has special categories of data (Art. 9) that the notice never mentions.

    Health data, trade union membership and the other special categories call for openness:
    the notice should say that they are processed, why and on which Art. 9(2) condition.
    Only activities about people outside the organisation count. (A notice that says it
    processes no sensitive data at all is XC106.)

    Fix: describe the special category and its condition in the notice, or correct the record.
    """
    if cx.statement("no_sensitive_data"):
        return
    line = cx.evidence_line("special_categories") or cx.category_line()
    for activity in cx.external:
        missing = [code for code in _special(activity) if code not in cx.category_keys]
        if missing:
            names = ", ".join(_SPECIAL_LABELS.get(code, code) for code in missing)
            yield CrossProblem(
                cx.at("activities", activity, "special_categories"),
                f"Activity {_id(activity)} processes {names} (Art. 9), which the notice "
                f"{cx.display} never mentions; see {cx.where(line)}.",
                hint="Say in the notice which sensitive data is processed, why, and on which "
                "Art. 9(2) condition.",
                related=cx.related(line),
            )


@rule("XC106", "notice-denies-special-data", Severity.ERROR, "Art. 9(1), Art. 5(1)(a)", "cross")
def notice_denies_special_data(cx: CrossContext) -> Iterator[CrossProblem]:
    """The notice says no sensitive data is processed, but the record has special categories.

    A statement such as "we do not process sensitive personal data" contradicts a record that
    lists Art. 9 data for the same people; either the notice misinforms them (Art. 5(1)(a),
    transparency) or the record is wrong. Reported once per notice, at the first activity.

    Fix: correct the notice (name the special categories, the purpose and the Art. 9(2)
    condition), or correct the record if no such data is processed.
    """
    statement = cx.statement("no_sensitive_data")
    if not statement:
        return
    for activity in cx.external:
        codes = _special(activity)
        if codes:
            names = ", ".join(_SPECIAL_LABELS.get(code, code) for code in codes)
            line = int(statement["line"])
            yield CrossProblem(
                cx.at("activities", activity, "special_categories"),
                f"The notice {cx.display} says at line {line} that no sensitive data is "
                f"processed, but activity {_id(activity)} records {names}.",
                hint="Correct the notice or the record: they must tell the same story.",
                related=cx.related(line),
            )
            return


# --- lawful basis --------------------------------------------------------------------------


@rule("XC107", "lawful-basis-not-in-notice", Severity.WARNING, "Art. 13(1)(c)", scope="cross")
def lawful_basis_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """A lawful basis used in the record is not stated in the notice.

    The notice must give the legal basis of each purpose (Art. 13(1)(c), 14(1)(c)). Every
    Art. 6(1) basis the record uses for activities about people outside the organisation
    must appear in the notice, as an article reference or in words, in the notice's
    language. Reported once per basis, at the first purpose that uses it.

    Fix: state the basis in the notice next to the purposes it covers, or correct the record.
    """
    line = cx.evidence_line("lawful_basis", "purposes")
    seen: set[str] = set()
    for activity in cx.external:
        for purpose in cx.purposes_of(activity):
            code = _basis(purpose.text("lawful_basis"))
            if code is None or code in seen or code in cx.basis_lines:
                continue
            seen.add(code)
            yield CrossProblem(
                cx.at("purposes", purpose, "lawful_basis"),
                f"The record uses {_BASIS_LABELS[code]} (first for activity {_id(activity)}), "
                f"but the notice {cx.display} does not state that basis; lawful bases are "
                f"given from {cx.where(line)}.",
                hint="State this lawful basis in the notice for the purposes it covers.",
                related=cx.related(line),
            )


@rule(
    "XC108",
    "legitimate-interests-not-in-notice",
    Severity.WARNING,
    "Art. 13(1)(d), Art. 14(2)(b)",
    scope="cross",
)
def legitimate_interests_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """The record relies on legitimate interests, but the notice does not describe them.

    Where processing rests on Art. 6(1)(f), the notice must say what the legitimate
    interests are (Art. 13(1)(d), 14(2)(b)); naming the basis alone is not enough.
    Reported once per notice, at the first such purpose.

    Fix: describe in the notice the interests the record names (for example "to prevent
    theft we use camera surveillance, which is our legitimate interest").
    """
    if cx.present("legitimate_interests"):
        return
    for activity in cx.external:
        for purpose in cx.purposes_of(activity):
            if _basis(purpose.text("lawful_basis")) == "f":
                line = cx.evidence_line("lawful_basis", "purposes")
                field = (
                    "legitimate_interest"
                    if cx.ctx.has_column("purposes", "legitimate_interest")
                    else "lawful_basis"
                )
                yield CrossProblem(
                    cx.at("purposes", purpose, field),
                    f"Activity {_id(activity)} relies on legitimate interests, but the notice "
                    f"{cx.display} does not describe the interests (see {cx.where(line)}).",
                    hint="Describe the legitimate interests in the notice, purpose by purpose.",
                    related=cx.related(line),
                )
                return


# --- recipients ----------------------------------------------------------------------------


@rule("XC109", "recipients-not-in-notice", Severity.WARNING, "Art. 13(1)(e)", scope="cross")
def recipients_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """The record has recipients or processors, but the notice says nothing about recipients.

    The notice must name the recipients or categories of recipients (Art. 13(1)(e),
    14(1)(e)): processors such as IT and payment providers, and other recipients such as
    carriers and authorities. Reported once per notice, at the first activity with recipients.

    Fix: add a section to the notice on who receives the data (categories are enough, such
    as "IT service providers, payment providers, carriers, the tax authority").
    """
    if cx.present("recipients"):
        return
    for activity in cx.external:
        if cx.ctx.processors_of(activity) or has_content(activity, "recipients"):
            yield CrossProblem(
                cx.at("activities", activity, "recipients"),
                f"Activity {_id(activity)} discloses data to recipients, but the notice "
                f"{cx.display} has no statement about recipients.",
                hint="Name the recipients or categories of recipients in the notice.",
                related=cx.related(None),
            )
            return


def _vendor_patterns() -> dict[str, re.Pattern[str]]:
    from ropa.model.resources import load_data

    patterns: dict[str, re.Pattern[str]] = {}
    for vendor in load_data("vendors.json")["vendors"]:
        names = [vendor["name"], *vendor.get("aliases", []), *vendor.get("exact_aliases", [])]
        # A long name may start a compound ("Instagramsidor", "Mailchimp-konto").
        body = "|".join(
            re.escape(name) + (r"\w*" if len(name) >= 5 else "") for name in names if name.strip()
        )
        patterns[vendor["name"]] = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    return patterns


def _processor_text(row: Row) -> str:
    return " ".join(row.text(key) for key in ("processor_id", "name", "service"))


@rule("XC110", "notice-vendor-not-in-record", Severity.WARNING, "Art. 30(1)(d)", scope="cross")
def notice_vendor_not_in_record(cx: CrossContext) -> Iterator[CrossProblem]:
    """A service provider named in the notice is missing from the record's Processors sheet.

    When the notice tells people that, say, Mailchimp or Google Analytics receives their
    data, the record of processing must list that recipient (Art. 30(1)(d)); otherwise the
    record is incomplete. Vendors are recognised from ropa's vendor catalogue (names and
    aliases) and looked for, case-insensitively, in the name, id and service of every
    processor row.

    Fix: add the vendor to the Processors sheet (with its role, countries and DPA), or take
    it out of the notice if it is no longer used.
    """
    vendors = cx.entity("vendors") or []
    if not vendors:
        return
    patterns = _vendor_patterns()
    texts = [_processor_text(row) for row in cx.ctx.rows("processors")]
    for vendor in vendors:
        pattern = patterns.get(vendor["name"])
        if pattern is None or any(pattern.search(text) for text in texts):
            continue
        line = int(vendor["line"])
        yield CrossProblem(
            cx.header_location("processors", "name"),
            f"The notice {cx.display} names {vendor['name']} at line {line}, but the "
            "Processors sheet has no such recipient: the record is incomplete.",
            hint=f"Add {vendor['name']} to the Processors sheet, or remove it from the notice.",
            related=cx.related(line),
        )


# --- transfers -----------------------------------------------------------------------------


def _transfers(cx: CrossContext) -> list[tuple[Row, Row]]:
    out = []
    for activity in cx.external:
        for transfer in cx.ctx.transfers_by_activity.get(fold(activity.text("activity_id")), []):
            out.append((activity, transfer))
    return out


@rule("XC111", "transfer-not-in-notice", Severity.WARNING, "Art. 13(1)(f)", scope="cross")
def transfer_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """The record has transfers outside the EU/EEA, but the notice says nothing about them.

    The notice must say that data is transferred to a third country (Art. 13(1)(f),
    14(1)(f)). Reported once per notice, at the first transfer row.

    Fix: add a section to the notice on transfers outside the EU/EEA: where, and on which
    safeguard (adequacy decision, standard contractual clauses, ...).
    """
    if cx.present("third_country_transfer") or cx.statement("no_third_country_transfer"):
        return
    for activity, transfer in _transfers(cx):
        yield CrossProblem(
            cx.at("transfers", transfer, "country"),
            f"Activity {_id(activity)} transfers data to {transfer.text('country')}, but the "
            f"notice {cx.display} does not mention transfers outside the EU/EEA.",
            hint="Tell people in the notice about the transfer and its safeguard.",
            related=cx.related(None),
        )
        return


@rule("XC112", "notice-denies-transfers", Severity.ERROR, "Art. 13(1)(f), Art. 5(1)(a)", "cross")
def notice_denies_transfers(cx: CrossContext) -> Iterator[CrossProblem]:
    """The notice says data stays in the EU/EEA, but the record has third-country transfers.

    A statement such as "we do not transfer your data outside the EU/EEA" contradicts a
    record with rows on the Transfers sheet for the same activities. Reported once per
    notice, at the first transfer row.

    Fix: correct the notice (name the countries and the safeguards), or correct the record
    if the transfer has ended.
    """
    statement = cx.statement("no_third_country_transfer")
    if not statement:
        return
    for activity, transfer in _transfers(cx):
        line = int(statement["line"])
        yield CrossProblem(
            cx.at("transfers", transfer, "country"),
            f"The notice {cx.display} says at line {line} that data is not transferred "
            f"outside the EU/EEA, but activity {_id(activity)} transfers data to "
            f"{transfer.text('country')}.",
            hint="Correct the notice or the record: they must tell the same story.",
            related=cx.related(line),
        )
        return


@rule(
    "XC113",
    "transfer-safeguard-not-in-notice",
    Severity.WARNING,
    "Art. 13(1)(f), Art. 46",
    scope="cross",
)
def transfer_safeguard_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """The notice mentions transfers but not the safeguard the record relies on.

    For a transfer to a third country the notice must refer to the adequacy decision or the
    appropriate safeguards (standard contractual clauses, binding corporate rules, the
    EU-US Data Privacy Framework) and how to get a copy (Art. 13(1)(f)).

    Fix: name the safeguard of each transfer in the notice.
    """
    if not cx.present("third_country_transfer") or cx.present("transfer_safeguards"):
        return
    if cx.statement("no_third_country_transfer"):
        return
    line = cx.evidence_line("third_country_transfer")
    for activity, transfer in _transfers(cx):
        yield CrossProblem(
            cx.at("transfers", transfer, "mechanism"),
            f"Activity {_id(activity)} transfers data to {transfer.text('country')} on "
            f"'{transfer.text('mechanism')}', but the notice {cx.display} names no safeguard "
            f"for transfers ({cx.where(line)}).",
            hint="Name the transfer mechanism (adequacy, SCCs, BCR, DPF) in the notice.",
            related=cx.related(line),
        )
        return


# --- retention -----------------------------------------------------------------------------


def _retention_keys(cx: CrossContext, activity: Row, row: Row) -> set[str]:
    from ropa.check.vocabulary import purpose_keys, purpose_keys_of
    from ropa.read.notice.entities import map_data_category

    text = row.text("data_category")
    keys = purpose_keys(text) | {
        key for key in map_data_category(text) if key not in _BROAD_CATEGORIES
    }
    if not keys:
        names = [activity.text("name"), *(p.text("purpose") for p in cx.purposes_of(activity))]
        keys = purpose_keys_of(names)
    return keys


def _agree(a: int, b: int) -> bool:
    return abs(a - b) <= max(7, PERIOD_TOLERANCE * max(a, b))


@rule("XC114", "retention-contradicts-notice", Severity.WARNING, "Art. 13(2)(a)", "cross")
def retention_contradicts_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """The notice states a retention period that differs from the record's.

    A period in the notice ("order data is kept for three years") is compared with the
    record's periods only when both name the same purpose or kind of data (matched in five
    languages; broad kinds such as names and contact details do not count) and when no
    record row for that purpose or kind agrees. Periods are compared in days with a small
    tolerance, so "24 months" and "2 years" agree.

    Fix: correct the period in the notice or in the record, so that both say the same.
    """
    from ropa.check.vocabulary import purpose_keys
    from ropa.read.notice.entities import map_data_category

    rows: list[tuple[Row, Row, int, set[str]]] = []
    for activity in cx.external:
        for row in cx.ctx.retention_by_activity.get(fold(activity.text("activity_id")), []):
            row_days = _row_days(cx, row)
            if row_days is not None:
                rows.append((activity, row, row_days, _retention_keys(cx, activity, row)))
    if not rows:
        return
    reported: set[int] = set()
    for item in cx.entity("retention_periods") or []:
        period: dict[str, Any] = item.get("period") or {}
        days = period.get("days")
        if period.get("kind") != "period" or not days:
            continue
        text = str(item.get("text") or "")
        keys = purpose_keys(text) | {
            key for key in map_data_category(text) if key not in _BROAD_CATEGORIES
        }
        if not keys:
            continue
        candidates = [entry for entry in rows if entry[3] & keys]
        if not candidates or any(_agree(int(days), entry[2]) for entry in candidates):
            continue
        activity, row, _, _ = candidates[0]
        if row.number in reported:
            continue
        reported.add(row.number)
        line = int(item["line"])
        yield CrossProblem(
            cx.at("retention", row, "period"),
            f"The notice {cx.display} says at line {line} '{text}', but the record keeps "
            f"'{row.text('data_category') or _id(activity)}' ({_id(activity)}) for "
            f"{row.text('period')}.",
            hint="Make the notice and the record state the same period.",
            related=cx.related(line),
        )


def _row_days(cx: CrossContext, row: Row) -> int | None:
    for parsed_row, period in cx.ctx.retention_periods:
        if parsed_row is row:
            return period.days if period.days else None
    return None


@rule("XC115", "retention-not-in-notice", Severity.WARNING, "Art. 13(2)(a)", scope="cross")
def retention_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
    """The record has retention periods, but the notice says nothing about retention.

    The notice must give the period for which data is stored or the criteria for it
    (Art. 13(2)(a), 14(2)(a)). Reported once per notice, at the first retention row.

    Fix: add a section to the notice on how long each kind of data is kept, using the
    record's Retention sheet.
    """
    if cx.present("retention"):
        return
    for activity in cx.external:
        for row in cx.ctx.retention_by_activity.get(fold(activity.text("activity_id")), []):
            if has_content(row, "period"):
                yield CrossProblem(
                    cx.at("retention", row, "period"),
                    f"The record keeps data of activity {_id(activity)} for "
                    f"{row.text('period')}, but the notice {cx.display} says nothing about "
                    "how long data is kept.",
                    hint="Add the retention periods (or their criteria) to the notice.",
                    related=cx.related(None),
                )
                return


# --- the controller, its DPO and the authority --------------------------------------------


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@rule("XC116", "controller-not-in-notice", Severity.WARNING, "Art. 13(1)(a)", scope="cross")
def controller_not_in_notice(cx: CrossContext) -> Iterator[CrossProblem]:
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
            yield CrossProblem(
                cx.at("organisation", entity, "legal_name"),
                f"The notice {cx.display} does not name the controller '{name}' "
                f"(entity {label(entity, 'entity_id')}); see {cx.where(line)}.",
                hint="Name the controller in the notice exactly as registered.",
                related=cx.related(line),
            )
            continue
        number = _digits(entity.text("registration_number"))
        if len(number) >= 5 and not any(number in found for found in numbers):
            yield CrossProblem(
                cx.at("organisation", entity, "registration_number"),
                f"The notice {cx.display} does not give the registration number "
                f"{entity.text('registration_number')} of '{name}'; see {cx.where(line)}.",
                hint="Add the registration number next to the controller's name, or correct "
                "the Organisation sheet.",
                related=cx.related(line),
            )


@rule("XC117", "dpo-contact-differs", Severity.WARNING, "Art. 13(1)(b), Art. 37(7)", "cross")
def dpo_contact_differs(cx: CrossContext) -> Iterator[CrossProblem]:
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
    from ropa.check.views.cross import _EMAIL

    for entity in cx.entities:
        recorded = {e.casefold() for e in _EMAIL.findall(entity.text("dpo_contact"))}
        if not recorded or recorded & cx.emails:
            continue
        line = min(lines)
        yield CrossProblem(
            cx.at("organisation", entity, "dpo_contact"),
            f"The notice {cx.display} gives the data protection officer's address as "
            f"{', '.join(sorted(on_dpo_lines))} (line {line}), but the record has "
            f"{', '.join(sorted(recorded))} for entity {label(entity, 'entity_id')}.",
            hint="Use the same DPO e-mail address in the notice and the record.",
            related=cx.related(line),
        )


@rule("XC118", "authority-differs", Severity.WARNING, "Art. 13(2)(d), Art. 77", "cross")
def authority_differs(cx: CrossContext) -> Iterator[CrossProblem]:
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
    from ropa.model.legal import authorities, country_code
    from ropa.read.notice.authorities import find_mentions

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
            yield CrossProblem(
                cx.at("organisation", entity, "supervisory_authority"),
                f"The notice {cx.display} names {authority['as_written']} ({authority['country']}) "
                f"at line {line}, but entity {label(entity, 'entity_id')} is established in "
                f"{country}, whose authority is {wanted}.",
                hint=f"Name {wanted} in the notice as the authority to complain to.",
                related=cx.related(line),
            )
        elif not authority.get("current", True):
            wanted = own[0].name if own else authority["name"]
            yield CrossProblem(
                cx.at("organisation", entity, "supervisory_authority"),
                f"The notice {cx.display} names the authority by its former name "
                f"'{authority['as_written']}' at line {line}; it is now {wanted}.",
                hint=f"Write {wanted} in the notice.",
                related=cx.related(line),
            )
