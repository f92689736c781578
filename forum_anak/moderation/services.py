"""The moderation back office's own writes and reads (/admin/usulan/).

The lifecycle transitions themselves live in services/proposals.py; this module adds what
moderation needs around them: the public version saved ahead of approval (so bulk approval
approves only what a moderator wrote), the photo marked safe, the staff layer, bulk actions
(one transaction per item), a facilitator's paper entry, and the counts of the admin home
and the staff digest. Every write is one transaction and checks the actor's role itself.
"""

import logging
from dataclasses import dataclass, field
from typing import Unpack

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum_anak.core.access import is_coordinator, is_facilitator, is_moderator
from forum_anak.core.errors import ActionError
from forum_anak.core.transitions import changed, row_locked
from forum_anak.models import (
    Area,
    ForumGroup,
    Proposal,
    ProposalPhoto,
    TimelineEvent,
)
from forum_anak.moderation.selectors import (
    LATE_DAYS,
    moderation_counts,
    paper_groups,
    paper_kelurahan,
    public_version_is_current,
    staff_digest_recipients,
)
from forum_anak.proposals.services import (
    DraftText,
    PlanningFields,
    PublicVersion,
    bundle_sync_single,
    planning_layer_checked,
    proposal_approve,
    proposal_draft_create,
    proposal_start_review,
    proposal_submit,
    public_version_checked,
    timeline_record,
)

State = Proposal.State
# What waits for a moderator: sent and not yet decided.
# Waiting longer than this is flagged on the admin home and in the digest.
# The public version may be prepared while the proposal is still being decided.
_PUBLIC_DRAFT_STATES = (State.SUBMITTED, State.IN_REVIEW)


def _refuse_unless_moderator(actor) -> None:
    if not is_moderator(actor):
        raise ActionError(_("Kamu tidak boleh melakukan ini pada usulan ini."))


def _locked(proposal: Proposal) -> Proposal:
    return row_locked(proposal, gone=_("Usulan ini sudah tidak ada. Muat ulang halaman."))


def _internal_event(*, proposal: Proposal, actor, action: str, note: str) -> TimelineEvent:
    """A staff-only step: an internal note, no message to the proposer, no notification."""
    (event,) = timeline_record(
        proposals=[proposal], actor=actor, action=action, from_state="", internal_note=note
    )
    changed(obj=proposal, action=action)
    return event


# --- Writes -----------------------------------------------------------------------------------


@transaction.atomic
def proposal_public_version_save(
    *,
    actor,
    proposal: Proposal,
    **version: Unpack[PublicVersion],
) -> Proposal:
    """Store the public version without approving ("simpan versi publik"): a moderator
    prepares it, and bulk approval later approves only proposals that have one. Nothing of
    it is public before approval."""
    _refuse_unless_moderator(actor)
    proposal = _locked(proposal)
    if proposal.state not in _PUBLIC_DRAFT_STATES:
        raise ActionError(
            _('Usulan %(proposal)s sedang berstatus "%(state)s": tindakan ini tidak bisa.')
            % {"proposal": proposal, "state": proposal.get_state_display()}
        )
    version = public_version_checked(**version)
    Proposal.objects.filter(pk=proposal.pk).update(updated_at=timezone.now(), **version)
    _internal_event(
        proposal=proposal,
        actor=actor,
        action="public_draft",
        note=_("Versi publik disimpan (belum disetujui)."),
    )
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def proposal_photo_mark_safe(*, actor, proposal: Proposal) -> ProposalPhoto:
    """A moderator looked at the photo: no face, name, school or house to recognise. Only
    then may a public surface show it (and only once the proposal itself is public)."""
    _refuse_unless_moderator(actor)
    proposal = _locked(proposal)
    photo = ProposalPhoto.objects.select_for_update().filter(proposal=proposal).first()
    if photo is None:
        raise ActionError(_("Usulan ini tidak punya foto."))
    if photo.safe_for_public:
        raise ActionError(_("Foto ini sudah ditandai aman untuk publik."))
    now = timezone.now()
    ProposalPhoto.objects.filter(pk=photo.pk).update(
        safe_for_public=True, marked_safe_by=actor, marked_safe_at=now
    )
    _internal_event(
        proposal=proposal,
        actor=actor,
        action="photo_safe",
        note=_("Foto ditandai aman untuk publik."),
    )
    photo.refresh_from_db()
    return photo


@transaction.atomic
def proposal_staff_layer_set(
    *,
    actor,
    proposal: Proposal,
    internal_note: str = "",
    **layer: Unpack[PlanningFields],
) -> Proposal:
    """Bidang/urusan, OPD, volume + unit and cost estimate: the planning layer staff add,
    never asked of the child and never told to them (no notification)."""
    if not (is_moderator(actor) or is_coordinator(actor)):
        raise ActionError(_("Kamu tidak boleh melakukan ini pada usulan ini."))
    proposal = _locked(proposal)
    if proposal.state == State.DRAFT:
        raise ActionError(_("Usulan ini belum dikirim."))
    changes = planning_layer_checked(**layer)
    Proposal.objects.filter(pk=proposal.pk).update(updated_at=timezone.now(), **changes)
    proposal.refresh_from_db()
    bundle_sync_single(proposal=proposal)
    summary = _(
        "Data perencanaan diubah: %(urusan)s; %(opd)s; %(volume)s %(unit)s; Rp %(cost)s."
    ) % {
        "urusan": changes["urusan"] or "—",
        "opd": changes["opd"] or "—",
        "volume": "—" if changes["volume"] is None else changes["volume"],
        "unit": changes["unit"],
        "cost": "—" if changes["cost_estimate"] is None else changes["cost_estimate"],
    }
    note = internal_note.strip()
    _internal_event(
        proposal=proposal,
        actor=actor,
        action="staff_layer",
        note=f"{summary}\n{note}" if note else summary,
    )
    proposal.refresh_from_db()
    return proposal


@dataclass
class BulkResult:
    """What a bulk action did, item by item (each in its own transaction)."""

    done: list[Proposal] = field(default_factory=list)
    taken: list[Proposal] = field(default_factory=list)  # processed by someone else meanwhile
    not_in_review: list[Proposal] = field(default_factory=list)
    no_public_version: list[Proposal] = field(default_factory=list)


def proposals_bulk_start_review(*, actor, proposals: list[Proposal]) -> BulkResult:
    """Start review of each proposal, one transaction each: one taken by someone else is
    counted, not fatal."""
    _refuse_unless_moderator(actor)
    result = BulkResult()
    for proposal in proposals:
        try:
            result.done.append(proposal_start_review(actor=actor, proposal=proposal))
        except ActionError:
            result.taken.append(proposal)
    return result


def proposals_bulk_approve(*, actor, proposals: list[Proposal]) -> BulkResult:
    """Approve each proposal with the public version a moderator already saved for it,
    one transaction each. One without a saved public version, or not in review, is left
    as it is: approval never publishes text nobody wrote for the public."""
    _refuse_unless_moderator(actor)
    result = BulkResult()
    for proposal in proposals:
        current = Proposal.objects.filter(pk=proposal.pk).first()
        if current is None:
            result.taken.append(proposal)
            continue
        if current.state == State.SUBMITTED:
            result.not_in_review.append(current)
            continue
        if current.state == State.IN_REVIEW and not public_version_is_current(current):
            result.no_public_version.append(current)
            continue
        try:
            result.done.append(
                proposal_approve(
                    actor=actor,
                    proposal=current,
                    public_title=current.public_title,
                    public_problem=current.public_problem,
                    public_activity=current.public_activity,
                    cluster=current.cluster,
                )
            )
        except ActionError:
            result.taken.append(current)
    return result


@transaction.atomic
def proposal_paper_enter(
    *, actor, group: ForumGroup, kelurahan: Area, **text: Unpack[DraftText]
) -> Proposal:
    """A proposal a forum group wrote on paper, typed in and sent by their facilitator:
    the group proposes, the facilitator is `entered_by` and receives its notifications.
    Only for groups and kelurahan of the facilitator's own kecamatan."""
    if not is_facilitator(actor):
        raise ActionError(_("Hanya fasilitator yang bisa memasukkan usulan dari kertas."))
    if not paper_groups(user=actor).filter(pk=group.pk).exists():
        raise ActionError(_("Forum ini bukan di kecamatan tugas Anda."))
    if not paper_kelurahan(user=actor).filter(pk=kelurahan.pk).exists():
        raise ActionError(_("Kelurahan ini bukan di kecamatan tugas Anda."))
    draft = proposal_draft_create(actor=actor, group=group, kelurahan=kelurahan, **text)
    return proposal_submit(actor=actor, proposal=draft)


# --- Reads ------------------------------------------------------------------------------------


# --- Staff digest ---------------------------------------------------------------------------


def staff_digest_text(*, counts: dict[str, int], queue_url: str) -> tuple[str, str]:
    """Subject and body of the daily digest: numbers and a link only, never a child's
    text, a title or a name."""
    subject = _("Ringkasan harian moderasi usulan")
    body = _(
        "Ringkasan usulan anak hari ini:\n\n"
        "- baru masuk (24 jam terakhir): %(new)s\n"
        "- menunggu diperiksa: %(waiting)s\n"
        "- menunggu lebih dari %(days)s hari: %(late)s\n"
        "- laporan dari papan usulan yang belum ditangani: %(open_reports)s\n\n"
        "Buka antrean: %(url)s\n"
    ) % {**counts, "days": LATE_DAYS, "url": queue_url}
    return subject, body


def staff_digest_send(*, queue_url: str) -> int:
    """E-mail the digest to every moderator with a verified address; returns how many
    were sent. One failing address does not stop the others."""

    subject, body = staff_digest_text(counts=moderation_counts(), queue_url=queue_url)
    sent = 0
    for user_id, address in staff_digest_recipients():
        try:
            send_mail(subject, body, None, [address])
        except Exception:  # a mail-server failure: the next day's digest comes anyway
            logging.getLogger(__name__).warning("Staff digest failed for user #%s", user_id)
        else:
            sent += 1
    return sent
