"""Safeguarding concerns (DESIGN.md "SafeguardingConcern").

Raised by a moderator from any proposal, by a facilitator from a profile or photo, or by the
child's own "Aku perlu bicara dengan petugas" button. Raising hides the source at once (the
querysets in models.py read the concern), sends no e-mail and tells nobody else. Only the
petugas perlindungan reads concerns, and every read is logged.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from forum_anak.core.access import is_facilitator, is_moderator, is_officer
from forum_anak.core.errors import ActionError
from forum_anak.core.labels import actor_label
from forum_anak.membership.selectors import facilitator_kecamatan
from forum_anak.models import (
    ConcernAccess,
    MemberProfile,
    Proposal,
    ProposalPhoto,
    SafeguardingConcern,
    member_label,
)
from portal.models import Hotline

Source = SafeguardingConcern.Source
Status = SafeguardingConcern.Status
DESCRIPTION_MAX = 2000
# The officer's list: what still needs someone first.
_STATUS_ORDER = Case(
    When(status=Status.OPEN, then=Value(0)),
    When(status=Status.REFERRED, then=Value(1)),
    default=Value(2),
)


def _facilitates(actor, kelurahan_id: int | None) -> bool:
    """A facilitator (or superuser) whose kecamatan holds this kelurahan."""
    if kelurahan_id is None or not is_facilitator(actor):
        return False
    return facilitator_kecamatan(user=actor).filter(children__pk=kelurahan_id).exists()


def concern_may_raise(
    *,
    actor,
    source: str,
    proposal: Proposal | None = None,
    member=None,
    photo: ProposalPhoto | None = None,
) -> bool:
    """Who may raise a concern about what (DESIGN.md roles): moderators about any proposal
    (in any state) or its photo; facilitators about the profile or a photo of a member in
    their own kecamatan. Checked again inside concern_raise."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if source in (Source.PROPOSAL, Source.MESSAGE):
        return proposal is not None and is_moderator(actor)
    if source == Source.PHOTO:
        if photo is None:
            return False
        return is_moderator(actor) or _facilitates(actor, photo.proposal.proposer_kelurahan_id)
    if source == Source.PROFILE:
        profile = MemberProfile.objects.filter(user=member).first() if member else None
        return profile is not None and _facilitates(actor, profile.kelurahan_id)
    return False


@transaction.atomic
def concern_raise(
    *,
    actor,
    source: str,
    description: str = "",
    proposal: Proposal | None = None,
    member=None,
    photo: ProposalPhoto | None = None,
) -> SafeguardingConcern:
    """Staff raise a concern about a proposal (any state), a member's profile or a photo."""
    if source not in (Source.PROPOSAL, Source.PROFILE, Source.PHOTO, Source.MESSAGE):
        raise ActionError(_("Sumber laporan tidak dikenal."))
    if source == Source.PHOTO:
        if photo is None:
            raise ActionError(_("Pilih foto yang dilaporkan."))
        proposal = photo.proposal
    if source in (Source.PROPOSAL, Source.MESSAGE) and proposal is None:
        raise ActionError(_("Pilih usulan yang dilaporkan."))
    if source == Source.PROFILE and (
        member is None or not MemberProfile.objects.filter(user=member).exists()
    ):
        raise ActionError(_("Pilih anggota yang dilaporkan."))
    if not concern_may_raise(
        actor=actor, source=source, proposal=proposal, member=member, photo=photo
    ):
        raise ActionError(_("Kamu tidak boleh membuat laporan perlindungan tentang ini."))
    if source == Source.PROFILE:
        proposal = photo = None
    if member is None and proposal is not None:
        member = proposal.proposer
    if source == Source.PROFILE:
        source_label = member_label(member.pk)
    elif source == Source.PHOTO:
        source_label = _("Foto %s") % proposal
    else:
        source_label = str(proposal)
    concern = SafeguardingConcern.objects.create(
        source=source,
        proposal=proposal,
        photo=photo,
        member=member,
        source_label=source_label,
        member_label=member_label(member.pk) if member else "",
        raised_by=actor,
        raised_by_label=actor_label(actor),
        description=description.strip()[:DESCRIPTION_MAX],
    )
    return concern


@transaction.atomic
def concern_request_help(
    *, actor, message: str = "", proposal: Proposal | None = None
) -> SafeguardingConcern:
    """The child's private "Aku perlu bicara dengan petugas". About one of their own
    proposals if given (it is then hidden while the concern is open)."""
    if not MemberProfile.objects.filter(user=actor).exists():
        raise ActionError(_("Hanya anggota Forum Anak yang bisa memakai tombol ini."))
    if proposal is not None and actor.pk not in (
        proposal.proposer_id,
        *proposal.co_proposers.filter(confirmed_at__isnull=False).values_list(
            "member_id", flat=True
        ),
    ):
        proposal = None
    already = SafeguardingConcern.objects.filter(
        member=actor, raised_by_child=True, status=Status.OPEN, proposal=proposal
    ).first()
    if already is not None and not message.strip():
        return already  # a second tap adds nothing new: the open request stands
    concern = SafeguardingConcern.objects.create(
        source=Source.HELP,
        proposal=proposal,
        member=actor,
        source_label=str(proposal) if proposal else member_label(actor.pk),
        member_label=member_label(actor.pk),
        raised_by=actor,
        raised_by_label=member_label(actor.pk),
        raised_by_child=True,
        description=message.strip()[:DESCRIPTION_MAX],
    )
    return concern


def _officer(actor) -> None:
    if not is_officer(actor):
        raise ActionError(_("Hanya petugas perlindungan yang boleh membuka laporan perlindungan."))


def _log(*, actor, concern: SafeguardingConcern | None, action: str) -> None:
    ConcernAccess.objects.create(
        concern=concern, user=actor, user_label=actor_label(actor), action=action
    )


@transaction.atomic
def concerns_list_read(*, actor, status: str | None = None):
    """The officer's list of concerns, open first, then referred, then closed; oldest
    first within each. Optionally one status only. The listing itself is logged."""
    _officer(actor)
    _log(actor=actor, concern=None, action=ConcernAccess.Action.LIST)
    concerns = SafeguardingConcern.objects.select_related("referred_to")
    if status:
        concerns = concerns.filter(status=status)
    return concerns.order_by(_STATUS_ORDER, "created_at", "pk")


@transaction.atomic
def concern_read(*, actor, concern_id: int) -> SafeguardingConcern:
    """Open one concern: refused to anyone but the officer; the read is logged."""
    _officer(actor)
    concern = (
        SafeguardingConcern.objects.select_related("proposal", "photo", "member", "referred_to")
        .filter(pk=concern_id)
        .first()
    )
    if concern is None:
        raise ActionError(_("Laporan ini tidak ada."))
    _log(actor=actor, concern=concern, action=ConcernAccess.Action.READ)
    return concern


def concern_version(concern: SafeguardingConcern) -> str:
    """What the officer saw when the page loaded (status and last decision). Actions given
    it are refused if someone else changed the concern since: two officers cannot both
    record a referral over each other."""
    decided = concern.decided_at.isoformat() if concern.decided_at else ""
    return f"{concern.status}|{decided}"


def _locked_active(
    concern_id: int, *, allowed: tuple[str, ...], seen: str | None = None
) -> SafeguardingConcern:
    concern = SafeguardingConcern.objects.select_for_update().filter(pk=concern_id).first()
    if concern is None:
        raise ActionError(_("Laporan ini tidak ada."))
    if seen is not None and seen != concern_version(concern):
        raise ActionError(_("Laporan ini baru saja diubah orang lain. Muat ulang."))
    if concern.status not in allowed:
        raise ActionError(_('Laporan ini sudah berstatus "%s".') % concern.get_status_display())
    return concern


def _set_status(concern: SafeguardingConcern, *, expected: str, **fields) -> None:
    """Compare-and-set: two officers acting at once cannot both win."""
    updated = SafeguardingConcern.objects.filter(pk=concern.pk, status=expected).update(**fields)
    if not updated:
        raise ActionError(_("Laporan ini baru saja diubah orang lain. Muat ulang."))


@transaction.atomic
def concern_refer(
    *,
    actor,
    concern_id: int,
    referred_to,
    contact: str,
    action_taken: str,
    referred_at=None,
    seen: str | None = None,
) -> SafeguardingConcern:
    """Record the referral (UPTD PPA / SAPA 129 are Hotline rows: to whom, who received
    it, when, what was done). The source stays hidden. A referred concern can be referred
    again (a later step); `seen` (concern_version) guards against overwriting a colleague."""
    _officer(actor)
    concern = _locked_active(concern_id, allowed=(Status.OPEN, Status.REFERRED), seen=seen)
    if referred_to is None or not contact.strip() or not action_taken.strip():
        raise ActionError(
            _("Isi ke mana dirujuk, siapa yang menerima, dan apa yang sudah dilakukan.")
        )
    if not Hotline.objects.filter(pk=referred_to.pk, is_active=True).exists():
        raise ActionError(_("Pilih layanan rujukan yang masih aktif."))
    now = timezone.now()
    if referred_at is not None and referred_at > now + timedelta(minutes=5):
        raise ActionError(_("Waktu rujukan tidak boleh di masa depan."))
    _set_status(
        concern,
        expected=concern.status,
        status=Status.REFERRED,
        referred_to=referred_to,
        referral_contact=contact.strip(),
        referral_action=action_taken.strip(),
        referred_at=referred_at or now,
        decided_by=actor,
        decided_by_label=actor_label(actor),
        decided_at=now,
    )
    _log(actor=actor, concern=concern, action=ConcernAccess.Action.REFER)
    concern.refresh_from_db()
    return concern


@transaction.atomic
def concern_close(
    *, actor, concern_id: int, note: str, seen: str | None = None
) -> SafeguardingConcern:
    """Close as "no concern": the source returns to where it was (public if it was).
    Only an open concern: once referred, the agency decides, and the source stays hidden."""
    _officer(actor)
    concern = _locked_active(concern_id, allowed=(Status.OPEN,), seen=seen)
    if not note.strip():
        raise ActionError(_("Tulis mengapa tidak ada masalah."))
    now = timezone.now()
    _set_status(
        concern,
        expected=Status.OPEN,
        status=Status.CLOSED,
        closing_note=note.strip(),
        decided_by=actor,
        decided_by_label=actor_label(actor),
        decided_at=now,
    )
    _log(actor=actor, concern=concern, action=ConcernAccess.Action.CLOSE)
    concern.refresh_from_db()
    return concern
