"""What a member does with their own proposal before and around the lifecycle: write a draft
with its photo, edit and delete it, invite co-proposers from their forum group, answer an
invitation, and read their in-site messages.

Each function is one transaction. Ownership and state are checked on the row locked with
SELECT ... FOR UPDATE (a no-op on SQLite, where the write lock taken at BEGIN serialises
writers) and changes are written with a compare-and-set on the state, so an edit cannot land
on a proposal that was just submitted or withdrawn. A refusal raises ActionError
with a message for the child and changes nothing.
"""

from typing import Unpack

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum_anak.core.errors import ActionError
from forum_anak.models import (
    CoProposer,
    ForumGroup,
    ForumMembership,
    MemberProfile,
    Notification,
    Proposal,
    ProposalPhoto,
)
from forum_anak.notifications.services import notification_create
from forum_anak.proposals.selectors import co_proposer_candidates, proposal_under_concern
from forum_anak.proposals.services import DraftText, draft_text_checked, proposal_draft_create
from portal.images import SanitizedImage

State = Proposal.State

# The states in which the proposer may still change the text.
EDITABLE_STATES = (State.DRAFT, State.REVISION_REQUESTED)
_TEXT_FIELDS = ("title", "problem", "proposed_action", "beneficiaries", "landmark")


def _own_locked(*, actor, proposal: Proposal, states=EDITABLE_STATES) -> Proposal:
    """The proposal, locked, if `actor` wrote it and it is in one of `states`."""
    locked = Proposal.objects.select_for_update(of=("self",)).filter(pk=proposal.pk).first()
    if locked is None or actor.pk is None or locked.proposer_id != actor.pk:
        raise ActionError(_("Kamu tidak boleh mengubah usulan ini."))
    if proposal_under_concern(proposal=locked):
        raise ActionError(_("Usulan ini sedang ditinjau petugas."))
    if locked.state not in states:
        raise ActionError(
            _('Usulanmu sedang berstatus "%(state)s", jadi tidak bisa diubah lagi.')
            % {"state": locked.get_state_display()}
        )
    return locked


def _check_group(*, actor, group: ForumGroup | None) -> None:
    if group is not None and not ForumMembership.objects.filter(member=actor, group=group).exists():
        raise ActionError(_("Kamu bukan anggota forum itu."))


def _store_photo(*, proposal: Proposal, image: SanitizedImage | None) -> None:
    """Store an already sanitised image as the proposal's only photo (replacing the old one
    after commit, so a rolled-back change keeps the old file)."""

    if image is None:
        return
    if not isinstance(image, SanitizedImage):  # only image_sanitize() output is ever stored
        raise TypeError("proposal photos must come from portal.images.image_sanitize()")
    old = ProposalPhoto.objects.filter(proposal=proposal).first()
    if old is not None:
        _delete_file_on_commit(old)
        old.delete()
    photo = ProposalPhoto(proposal=proposal, width=image.width, height=image.height)
    photo.file.save(f"foto.{image.extension}", ContentFile(image.content), save=False)
    try:
        photo.save()
    except Exception:
        photo.file.delete(save=False)
        raise


def _delete_file_on_commit(photo: ProposalPhoto) -> None:
    storage, name = photo.file.storage, photo.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def proposal_draft_write(
    *,
    actor,
    kelurahan=None,
    group: ForumGroup | None = None,
    image: SanitizedImage | None = None,
    **text: Unpack[DraftText],
) -> Proposal:
    """A member's new draft, with its photo if any, in one transaction. Writing "for my
    forum group" needs a membership of that group."""
    if not MemberProfile.objects.filter(user=actor).exists():
        raise ActionError(_("Hanya anggota Forum Anak yang bisa menulis usulan."))
    _check_group(actor=actor, group=group)
    proposal = proposal_draft_create(actor=actor, kelurahan=kelurahan, group=group, **text)
    _store_photo(proposal=proposal, image=image)
    return proposal


@transaction.atomic
def proposal_draft_update(
    *,
    actor,
    proposal: Proposal,
    kelurahan=None,
    group: ForumGroup | None = None,
    image: SanitizedImage | None = None,
    remove_photo: bool = False,
    **text: Unpack[DraftText],
) -> Proposal:
    """The proposer changes their text while it is a draft or a revision was asked for.
    The group can change only while it is a draft (invitations belong to the group)."""
    locked = _own_locked(actor=actor, proposal=proposal)
    fields = draft_text_checked(**text)
    if kelurahan is not None:
        fields["kelurahan"] = kelurahan
    if locked.state == State.DRAFT and group != locked.group:
        _check_group(actor=actor, group=group)
        fields["group"] = group
        # Invitations were to the old group's members: they no longer apply.
        locked.co_proposers.all().delete()
    updated = Proposal.objects.filter(pk=locked.pk, state=locked.state).update(
        updated_at=timezone.now(), **fields
    )
    if not updated:
        raise ActionError(_("Usulanmu baru saja berubah. Muat ulang halaman."))
    if remove_photo and image is None:
        proposal_photo_remove(actor=actor, proposal=locked)
    _store_photo(proposal=locked, image=image)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def proposal_draft_delete(*, actor, proposal: Proposal) -> None:
    """Delete a draft that was never sent (a sent one has a code: withdraw it instead)."""
    locked = _own_locked(actor=actor, proposal=proposal, states=(State.DRAFT,))
    if locked.code:
        raise ActionError(_("Usulan yang sudah dikirim tidak bisa dihapus."))
    photo = ProposalPhoto.objects.filter(proposal=locked).first()
    if photo is not None:
        _delete_file_on_commit(photo)
    deleted, _rows = Proposal.objects.filter(pk=locked.pk, state=State.DRAFT).delete()
    if not deleted:
        raise ActionError(_("Usulanmu baru saja berubah. Muat ulang halaman."))


@transaction.atomic
def proposal_photo_remove(*, actor, proposal: Proposal) -> None:
    """Take the photo off a proposal that can still be edited."""
    locked = _own_locked(actor=actor, proposal=proposal)
    photo = ProposalPhoto.objects.filter(proposal=locked).first()
    if photo is None:
        return
    _delete_file_on_commit(photo)
    photo.delete()


# --- Co-proposers -----------------------------------------------------------------------------


def _notify(*, recipient, proposal: Proposal, kind: str, body: str) -> Notification:
    """An in-site message (neutral subject), e-mailed after commit to a verified address."""
    return notification_create(recipient=recipient, proposal=proposal, kind=kind, body=body)


@transaction.atomic
def co_proposers_invite(*, actor, proposal: Proposal, member_ids: list[int]) -> int:
    """The writer of a group proposal asks friends from the same forum group to join it.
    Each invitee gets an in-site message; they are listed only after they confirm."""
    locked = _own_locked(
        actor=actor,
        proposal=proposal,
        states=(State.DRAFT, State.SUBMITTED, State.REVISION_REQUESTED),
    )
    if locked.group_id is None:
        raise ActionError(_("Teman hanya bisa diajak untuk usulan forum."))
    wanted = set(member_ids)
    allowed = list(
        co_proposer_candidates(proposal=locked, actor=actor)
        .filter(user_id__in=wanted)
        .values_list("user_id", flat=True)
    )
    if not wanted or len(allowed) != len(wanted):
        raise ActionError(_("Pilih teman dari daftar."))
    for user_id in allowed:
        CoProposer.objects.create(proposal=locked, member_id=user_id)
        _notify(
            recipient=MemberProfile.objects.get(user_id=user_id).user,
            proposal=locked,
            kind="co_proposer_invite",
            body=_(
                "Temanmu di Forum Anak mengajakmu ikut mengusulkan sesuatu. "
                "Buka halaman Ajakan untuk membaca dan menjawabnya."
            ),
        )
    return len(allowed)


@transaction.atomic
def co_proposer_respond(*, actor, proposal: Proposal, accept: bool) -> CoProposer:
    """The invitee confirms or declines, once (compare-and-set on the open invitation)."""
    now = timezone.now()
    field = "confirmed_at" if accept else "declined_at"
    invitation = CoProposer.objects.filter(
        proposal=proposal,
        member=actor,
        confirmed_at__isnull=True,
        declined_at__isnull=True,
    )
    if proposal_under_concern(proposal=proposal) or not invitation.update(**{field: now}):
        raise ActionError(_("Ajakan ini sudah dijawab atau tidak ada lagi."))
    return CoProposer.objects.get(proposal=proposal, member=actor)


# --- In-site messages -------------------------------------------------------------------------
