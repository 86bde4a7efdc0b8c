"""RP905-RP908: who must have a data protection officer (Art. 37(1)) and who controls jointly
(Art. 26, Art. 30(1)(a))."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.rule import rule
from ropa.check.rules.record.common import has_content, is_yes, row_label, term, terms
from ropa.check.views.record import RecordView
from ropa.model.findings import Problem, Severity
from ropa.model.messages import Message, msg
from ropa.read.workbook import Row


def _has_dpo(entity: Row) -> bool:
    return is_yes(entity, "dpo_designated") or has_content(entity, "dpo_name")


def _large_scale_core(ctx: RecordView, entity: Row) -> Message | None:
    """Why an entity's activities may need a DPO under Art. 37(1)(b) or (c), or None."""
    key = entity.text("entity_id").casefold()
    for activity in ctx.rows("activities"):
        if key not in {item.casefold() for item in activity.items("entity_ids")}:
            continue
        if not is_yes(activity, "large_scale"):
            continue
        if is_yes(activity, "systematic_monitoring"):
            return msg("RP906.monitoring", activity=activity.text("activity_id"))
        if terms(activity, "special_categories", "special_category") or is_yes(
            activity, "criminal_data"
        ):
            return msg("RP906.special", activity=activity.text("activity_id"))
    return None


@rule("RP905", "public-authority-without-dpo", Severity.ERROR, "Art. 37(1)(a)")
def public_authority_without_dpo(ctx: RecordView) -> Iterator[Problem]:
    """A public authority or body has no data protection officer.

    Art. 37(1)(a) requires every public authority or body (except courts acting in their
    judicial capacity) to designate a DPO.

    Fix: designate a DPO, mark DPO designated Yes and give the DPO's name and contact.
    """
    for entity in ctx.rows("organisation"):
        if is_yes(entity, "public_authority") and not _has_dpo(entity):
            yield Problem(
                ctx.at("organisation", entity, "dpo_designated"),
                msg("RP905.no_dpo", entity=row_label(entity, "entity_id")),
                hint=msg("RP905.hint"),
            )


@rule("RP906", "dpo-likely-required", Severity.WARNING, "Art. 37(1)(b), Art. 37(1)(c)")
def dpo_likely_required(ctx: RecordView) -> Iterator[Problem]:
    """An entity without a DPO monitors people, or processes special data, on a large scale.

    A DPO is required where the core activities consist of large-scale regular and
    systematic monitoring (Art. 37(1)(b)) or large-scale processing of special categories
    or criminal-offence data (Art. 37(1)(c)). ropa reads the large-scale, systematic
    monitoring, special-category and criminal-data columns; whether the activity is core
    is for the DPO question to decide (EDPB-endorsed WP243 rev.01).

    Fix: designate a DPO, or document why the activity is not a core activity.
    """
    for entity in ctx.rows("organisation"):
        if _has_dpo(entity) or is_yes(entity, "public_authority"):
            continue  # RP905 reports a public authority
        reason = _large_scale_core(ctx, entity)
        if reason is not None:
            yield Problem(
                ctx.at("organisation", entity, "dpo_designated"),
                msg("RP906.likely", entity=row_label(entity, "entity_id"), reason=reason),
                hint=msg("RP906.hint"),
            )


@rule("RP907", "joint-controller-not-named", Severity.ERROR, "Art. 26(1), Art. 30(1)(a)")
def joint_controller_not_named(ctx: RecordView) -> Iterator[Problem]:
    """An activity is under joint control, but the joint controller is not named.

    The record contains the name and contact details of any joint controller
    (Art. 30(1)(a)), and joint controllers determine their responsibilities in an
    arrangement (Art. 26(1)) whose essence is made available to the data subject.

    Fix: name the joint controller(s) and the Art. 26 arrangement in the joint
    controllers column.
    """
    for activity in ctx.rows("activities"):
        role = term(activity, "role", "controller_role")
        joint = role is not None and role.code == "joint_controller"
        if joint and not has_content(activity, "joint_controllers"):
            yield Problem(
                ctx.at("activities", activity, "joint_controllers"),
                msg("RP907.not_named", activity=row_label(activity, "activity_id")),
                hint=msg("RP907.hint"),
            )


@rule("RP908", "joint-arrangement-missing", Severity.WARNING, "Art. 26(1), Art. 26(2)")
def joint_arrangement_missing(ctx: RecordView) -> Iterator[Problem]:
    """An activity is under joint control, but no Art. 26 arrangement is referenced.

    Joint controllers determine their respective responsibilities, in particular for the
    data subjects' rights and the information of Art. 13 and 14, in an arrangement
    (Art. 26(1)) whose essence is made available to the data subject (Art. 26(2)).

    Fix: give the arrangement's reference (title, date or link) in the Art. 26 arrangement
    column.
    """
    for activity in ctx.rows("activities"):
        role = term(activity, "role", "controller_role")
        joint = role is not None and role.code == "joint_controller"
        if joint and not has_content(activity, "joint_arrangement"):
            yield Problem(
                ctx.at("activities", activity, "joint_arrangement"),
                msg("RP908.no_arrangement", activity=row_label(activity, "activity_id")),
                hint=msg("RP908.hint"),
            )
