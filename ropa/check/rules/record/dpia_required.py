"""RP702-RP705: when a DPIA is required by law (Art. 35(3), the national Art. 35(4) lists),
a DPIA recorded as done, and the Art. 22 exception of automated decisions."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, in_languages, is_yes, row_label, term
from ropa.check.rules.record.dpia import art35_3_cases, national_entries
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import joined, msg


@rule("RP702", "dpia-required-art35-3", Severity.ERROR, "Art. 35(3)")
def dpia_required_art35_3(ctx: RecordView) -> Iterator[Problem]:
    """An activity is one of the cases of Art. 35(3), and no DPIA is done or under way.

    Art. 35(3) requires a DPIA for (a) a systematic and extensive evaluation based on
    automated processing, including profiling, on which decisions with legal or similarly
    significant effects are based (ropa reads it from automated decisions Yes with an
    Art. 22 exception recorded); (b) large-scale processing of special categories or
    criminal-offence data; (c) large-scale systematic monitoring of a publicly accessible
    area. For (a) and (b) "not required" is no answer. For (c) ropa cannot see whether the
    monitored area is public, so a documented reason for "not required" is accepted.

    Fix: carry out the DPIA before the processing and set the status to Done with its
    reference (or In progress).
    """
    for activity in ctx.rows("activities"):
        cases = art35_3_cases(activity)
        if cases:
            letters = [c.strip("()") for c in cases]
            yield Problem(
                ctx.at("activities", activity, "dpia_status"),
                msg(
                    "RP702.required",
                    activity=row_label(activity, "activity_id"),
                    points=joined(msg("RP702.point", letter=x) for x in letters),
                    cases=joined((msg(f"RP702.case.{x}") for x in letters), "list.semicolon"),
                ),
                hint=msg("RP702.hint"),
                reference=", ".join(f"Art. 35(3){c}" for c in cases),
            )


@rule("RP703", "dpia-on-national-list", Severity.WARNING, "Art. 35(4)")
def dpia_on_national_list(ctx: RecordView) -> Iterator[Problem]:
    """An activity is on the supervisory authority's list of processing that needs a DPIA.

    Each authority publishes a list of the kinds of processing that require a DPIA
    (Art. 35(4)). ropa has the lists of IMY (Sweden), Datatilsynet (Norway), Datatilsynet
    (Denmark) and the Finnish Data Protection Ombudsman (ropa/data/legal/dpia_list_*.json,
    each with its source) and applies the list of the country of each entity that carries
    out the activity. Some entries apply with a single signal, such as a whistleblowing
    system in Finland or location data combined with health data in Norway, where the
    WP248 count of RP701 would not. ropa reads the signals from the record's columns and
    words, so it reports a warning; a documented "not required" is accepted. A list ropa could
    not check against the authority's own text (IMY's, in this release: see
    docs/data-sources.md) says so in the hint.

    Fix: carry out the DPIA and set the status to Done with its reference, or set Not
    required and document in the DPIA reference column why the listed case does not apply.
    """
    for activity in ctx.rows("activities"):
        if art35_3_cases(activity):
            continue  # RP702 says more
        found = national_entries(ctx, activity)
        if not found:
            continue
        national, entry = found[0]
        yield Problem(
            ctx.at("activities", activity, "dpia_status"),
            msg(
                "RP703.on_list",
                activity=row_label(activity, "activity_id"),
                authority=national.authority,
                entry=entry.id,
                label=in_languages(entry.label_in),
            ),
            hint=msg("RP703.hint" if national.verified else "RP703.hint_unverified"),
            reference=national.reference,
        )


@rule("RP704", "dpia-done-without-reference", Severity.WARNING, "Art. 35(7), Art. 5(2)")
def dpia_done_without_reference(ctx: RecordView) -> Iterator[Problem]:
    """A DPIA is recorded as done, but the record does not say where it is.

    The controller must be able to show the assessment (Art. 5(2)) and its content
    (Art. 35(7)), and review it when the risk changes (Art. 35(11)); a DPIA nobody can
    find is no evidence.

    Fix: enter the DPIA's document reference (id, title or link) in the DPIA reference
    column.
    """
    for activity in ctx.rows("activities"):
        status = term(activity, "dpia_status", "dpia_status")
        if (
            status is not None
            and status.code == "done"
            and not has_content(activity, "dpia_reference")
        ):
            yield Problem(
                ctx.at("activities", activity, "dpia_reference"),
                msg("RP704.no_reference", activity=row_label(activity, "activity_id")),
                hint=msg("RP704.hint"),
            )


@rule("RP705", "art22-exception-missing", Severity.WARNING, "Art. 22(2), Art. 22(3)")
def art22_exception_missing(ctx: RecordView) -> Iterator[Problem]:
    """An activity involves automated decisions, but the record does not say on what ground.

    A decision based solely on automated processing with legal or similarly significant
    effects is allowed only under an exception of Art. 22(2): necessary for a contract,
    authorised by Union or Member State law, or explicit consent; with safeguards such as
    the right to human intervention, to express one's view and to contest the decision
    (Art. 22(3)). The automated-decisions column also covers profiling without such
    decisions; then the Art. 22 column says No.

    Fix: write the Art. 22(2) exception and the safeguards in the Art. 22 column, or No
    if the activity only profiles and makes no such decision.
    """
    for activity in ctx.rows("activities"):
        if is_yes(activity, "automated_decisions") and not activity.text("art22_basis").strip():
            yield Problem(
                ctx.at("activities", activity, "art22_basis"),
                msg("RP705.no_exception", activity=row_label(activity, "activity_id")),
                hint=msg("RP705.hint"),
            )
