"""The usulan lifecycle up to approval (DESIGN.md "Proposal lifecycle"); from approval on,
see musrenbang/services.py.

Every transition is one function and one transaction: it checks the actor's role and the
current state, moves the state with a compare-and-set UPDATE (two staff acting at once cannot
both win, on SQLite and PostgreSQL), writes the timeline event and the proposer's
notification, and enqueues the e-mail after commit. A refused transition raises
ActionError with a message for the person who tried, and changes nothing.
"""

from decimal import Decimal
from typing import Required, TypedDict, Unpack

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forum_anak.core.access import is_facilitator, is_moderator, is_proposer
from forum_anak.core.errors import ActionError
from forum_anak.core.labels import actor_label
from forum_anak.core.transitions import (
    Transition,
    row_locked,
    state_check,
    state_compare_and_set,
)
from forum_anak.membership.services import member_can_submit
from forum_anak.models import (
    Bundle,
    Cluster,
    CoProposer,
    MemberProfile,
    MusrenbangCycle,
    Opd,
    Proposal,
    ProposalPhoto,
    ProposalRevision,
    TimelineEvent,
    Urusan,
)
from forum_anak.notifications.services import notification_create

State = Proposal.State


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", (State.DRAFT,), State.SUBMITTED, "proposer"),
        Transition("resubmit", (State.REVISION_REQUESTED,), State.SUBMITTED, "proposer"),
        Transition(
            "withdraw",
            (State.DRAFT, State.SUBMITTED, State.REVISION_REQUESTED),
            State.WITHDRAWN,
            "proposer",
        ),
        Transition("start_review", (State.SUBMITTED,), State.IN_REVIEW, "moderator"),
        Transition("request_revision", (State.IN_REVIEW,), State.REVISION_REQUESTED, "moderator"),
        Transition("approve", (State.IN_REVIEW,), State.APPROVED, "moderator"),
        Transition("reject", (State.IN_REVIEW,), State.REJECTED, "moderator"),
        Transition("hide", tuple(State.values), None, "moderator"),
        Transition("unhide", tuple(State.values), None, "moderator"),
    )
}

# What the proposer is told, in plain words (subjects stay neutral: shared phones).
_PROPOSER_MESSAGES = {
    "submit": "Usulanmu sudah terkirim. Petugas akan memeriksanya.",
    "resubmit": "Perbaikan usulanmu sudah terkirim. Petugas akan memeriksanya lagi.",
    "start_review": "Petugas sedang memeriksa usulanmu.",
    "request_revision": "Petugas minta kamu memperbaiki usulanmu.",
    "approve": "Usulanmu disetujui dan sekarang tampil di papan usulan.",
    "reject": "Usulanmu belum bisa diteruskan.",
    "withdraw": "Kamu sudah menarik usulanmu.",
}


def _check(*, actor, proposal: Proposal, name: str) -> Transition:
    transition = TRANSITIONS[name]
    allowed = is_proposer(actor, proposal) if transition.by == "proposer" else is_moderator(actor)
    if not allowed:
        raise ActionError(_("Kamu tidak boleh melakukan ini pada usulan ini."))
    return state_check(
        state=proposal.state,
        transition=transition,
        refusal=_('Usulan %(proposal)s sedang berstatus "%(state)s": tindakan ini tidak bisa.')
        % {"proposal": proposal, "state": proposal.get_state_display()},
    )


def timeline_record(
    *,
    proposals,
    actor,
    action: str,
    from_state: str,
    to_state: str = "",
    internal_note: str = "",
    message: str = "",
    public_note: str = "",
    notice: str = "",
) -> list[TimelineEvent]:
    """A timeline event with its three texts on each proposal (the internal note for
    staff, the message for the proposer, the public note for the board), and each
    proposer told `notice` (in-site now, e-mail after commit) when there is one. The one
    record step of every proposal and bundle transition."""
    label = actor_label(actor)
    events = []
    for proposal in proposals:
        events.append(
            TimelineEvent.objects.create(
                proposal=proposal,
                actor=actor,
                actor_label=label,
                action=action,
                from_state=from_state,
                to_state=to_state,
                internal_note=internal_note,
                message_to_proposer=message,
                public_note=public_note,
            )
        )
        if notice:
            notification_create(proposal=proposal, kind=action, body=notice)
    return events


def _snapshot(proposal: Proposal) -> ProposalRevision:
    number = proposal.revisions.count() + 1
    return ProposalRevision.objects.create(
        proposal=proposal,
        number=number,
        title=proposal.title,
        problem=proposal.problem,
        proposed_action=proposal.proposed_action,
        beneficiaries=proposal.beneficiaries,
        landmark=proposal.landmark,
    )


def _check_can_submit(*, actor, proposal: Proposal) -> None:
    if proposal.entered_by_id == actor.pk and proposal.proposer_id is None:
        pass  # a facilitator's paper proposal on behalf of a forum group
    elif not member_can_submit(user=actor):
        raise ActionError(_("Akunmu belum bisa mengirim usulan. Lihat statusmu di Beranda forum."))
    cycle = proposal.cycle
    if not cycle.is_open():
        raise ActionError(
            _("Usulan untuk musrenbang %(year)s bisa dikirim dari %(opens)s sampai %(closes)s.")
            % {
                "year": cycle.year,
                "opens": date_format(cycle.submission_opens, "j F Y"),
                "closes": date_format(cycle.submission_closes, "j F Y"),
            }
        )
    if proposal.proposer_id is None:
        return  # the daily limit is the child's; a facilitator types in a stack of paper
    since = timezone.now() - timezone.timedelta(days=1)
    sent_today = TimelineEvent.objects.filter(
        actor=actor, action__in=["submit", "resubmit"], created_at__gte=since
    ).count()
    if sent_today >= settings.PROPOSAL_SUBMITS_PER_DAY:
        raise ActionError(
            _("Kamu sudah mengirim %s usulan hari ini. Kirim lagi besok, ya.")
            % settings.PROPOSAL_SUBMITS_PER_DAY
        )


def _next_code(cycle: MusrenbangCycle) -> str:
    """FA-<year>-<4 digits> from the cycle's counter, raised in one UPDATE so that two
    simultaneous first submits never share a number."""
    MusrenbangCycle.objects.filter(pk=cycle.pk).update(last_number=F("last_number") + 1)
    number = MusrenbangCycle.objects.values_list("last_number", flat=True).get(pk=cycle.pk)
    return f"FA-{cycle.year}-{number:04d}"


# --- Writing --------------------------------------------------------------------------------


class DraftText(TypedDict, total=False):
    """What a child (or a forum group, on paper) writes: the proposal in their own words.
    Services that take it accept these names as keyword arguments (`**text`)."""

    title: Required[str]
    problem: Required[str]
    proposed_action: Required[str]
    beneficiaries: str
    landmark: str
    cluster_suggested: str


def draft_text_checked(
    *,
    title: str,
    problem: str,
    proposed_action: str,
    beneficiaries: str = "",
    landmark: str = "",
    cluster_suggested: str = "",
) -> dict:
    """The text ready to store: the three parts a proposal needs, everything stripped."""
    if not (title.strip() and problem.strip() and proposed_action.strip()):
        raise ActionError(_("Isi judul, masalah, dan usulanmu."))
    return {
        "title": title.strip(),
        "problem": problem.strip(),
        "proposed_action": proposed_action.strip(),
        "beneficiaries": beneficiaries.strip(),
        "landmark": landmark.strip(),
        "cluster_suggested": cluster_suggested,
    }


@transaction.atomic
def proposal_draft_create(
    *,
    actor,
    kelurahan=None,
    group=None,
    cycle: MusrenbangCycle | None = None,
    **text: Unpack[DraftText],
) -> Proposal:
    """A member's draft (any member, verified or not: drafts need no verification), or a
    facilitator's paper proposal for a forum group (`group`, no member proposer)."""
    cycle = cycle or MusrenbangCycle.current()
    if cycle is None:
        raise ActionError(_("Belum ada musrenbang yang dibuka."))
    profile = MemberProfile.objects.filter(user=actor).select_related("kelurahan").first()
    if profile is not None:
        proposer, entered_by, home = actor, None, profile.kelurahan
    elif group is not None and is_facilitator(actor):
        proposer, entered_by, home = None, actor, kelurahan or group.area
    else:
        raise ActionError(_("Hanya anggota Forum Anak yang bisa menulis usulan."))
    return Proposal.objects.create(
        cycle=cycle,
        proposer=proposer,
        entered_by=entered_by,
        group=group,
        proposer_kelurahan=home,
        kelurahan=kelurahan or home,
        **draft_text_checked(**text),
    )


class PublicVersion(TypedDict):
    """The public version staff write (of a proposal or a bundle), as keyword arguments of
    the services that store it (`**version`)."""

    public_title: str
    public_problem: str
    public_activity: str
    cluster: str


def public_version_checked(
    *, public_title: str, public_problem: str, public_activity: str, cluster: str
) -> dict:
    """The public version (of a proposal or a bundle) ready to store, or a refusal when a
    part is missing. Only this version ever reaches the board, the API and the exports."""
    if not (public_title.strip() and public_problem.strip() and public_activity.strip()):
        raise ActionError(_("Tulis versi publik: judul, masalah, dan usulan kegiatan."))
    if cluster not in Cluster.values:
        raise ActionError(_("Pilih klaster."))
    return {
        "public_title": public_title.strip(),
        "public_problem": public_problem.strip(),
        "public_activity": public_activity.strip(),
        "cluster": cluster,
    }


class PlanningFields(TypedDict, total=False):
    """The planning layer staff add to a proposal or a bundle, as keyword arguments of the
    services that set it (`**layer`); what is left out is empty."""

    urusan: Urusan | None
    opd: Opd | None
    volume: Decimal | None
    unit: str
    cost_estimate: int | None


def planning_layer_checked(
    *, urusan=None, opd=None, volume=None, unit: str = "", cost_estimate=None
) -> dict:
    """The planning layer staff add (of a proposal or a bundle) ready to store: only
    urusan and OPD still in use, a volume that is not negative and has its unit."""
    if urusan is not None and not urusan.is_active:
        raise ActionError(_("Bidang/urusan ini sudah tidak dipakai."))
    if opd is not None and not opd.is_active:
        raise ActionError(_("OPD ini sudah tidak dipakai."))
    if volume is not None and volume < 0:
        raise ActionError(_("Volume tidak boleh negatif."))
    if volume is not None and not unit.strip():
        raise ActionError(_("Tulis satuan volumenya."))
    return {
        "urusan": urusan,
        "opd": opd,
        "volume": volume,
        "unit": unit.strip(),
        "cost_estimate": cost_estimate,
    }


# --- Transitions ----------------------------------------------------------------------------


def _begin(*, actor, proposal: Proposal, name: str) -> tuple[Proposal, Transition]:
    """Lock the row, then check the actor's right and the current state."""
    proposal = row_locked(proposal, gone=_("Usulan ini sudah tidak ada. Muat ulang halaman."))
    return proposal, _check(actor=actor, proposal=proposal, name=name)


def _finish(
    *, actor, proposal: Proposal, transition: Transition, fields: dict | None = None, **texts
) -> Proposal:
    """Move the state (compare-and-set) and record the timeline event and notification."""
    before = proposal.state
    state_compare_and_set(
        obj=proposal,
        transition=transition,
        stale=_("Usulan %s baru saja diproses orang lain. Muat ulang halaman.") % proposal,
        **(fields or {}),
    )
    proposal.refresh_from_db()
    if transition.name in ("submit", "resubmit"):
        _snapshot(proposal)
    message = texts.get("message", "")
    notice = _PROPOSER_MESSAGES.get(transition.name)
    timeline_record(
        proposals=[proposal],
        actor=actor,
        action=transition.name,
        from_state=before,
        to_state=proposal.state,
        notice=_(notice) + (f"\n\n{message}" if message else "") if notice else "",
        **texts,
    )
    return proposal


@transaction.atomic
def proposal_submit(*, actor, proposal: Proposal) -> Proposal:
    """First submit: a verified member, an open cycle, under the daily limit. The code is
    given now; the text as sent is kept as revision 1."""
    proposal, transition = _begin(actor=actor, proposal=proposal, name="submit")
    _check_can_submit(actor=actor, proposal=proposal)
    fields = {"submitted_at": proposal.submitted_at or timezone.now()}
    if not proposal.code:
        fields["code"] = _next_code(proposal.cycle)
    return _finish(actor=actor, proposal=proposal, transition=transition, fields=fields)


@transaction.atomic
def proposal_resubmit(*, actor, proposal: Proposal) -> Proposal:
    """Send the corrected text back; it is kept as the next revision."""
    proposal, transition = _begin(actor=actor, proposal=proposal, name="resubmit")
    _check_can_submit(actor=actor, proposal=proposal)
    return _finish(actor=actor, proposal=proposal, transition=transition)


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal) -> Proposal:
    """The proposer takes it back (from draft, submitted or revision requested)."""
    proposal, transition = _begin(actor=actor, proposal=proposal, name="withdraw")
    return _finish(actor=actor, proposal=proposal, transition=transition)


@transaction.atomic
def proposal_start_review(*, actor, proposal: Proposal, internal_note: str = "") -> Proposal:
    proposal, transition = _begin(actor=actor, proposal=proposal, name="start_review")
    return _finish(
        actor=actor, proposal=proposal, transition=transition, internal_note=internal_note
    )


@transaction.atomic
def proposal_request_revision(
    *, actor, proposal: Proposal, message: str, internal_note: str = ""
) -> Proposal:
    """Ask the child to change something; the message says what, in plain words."""
    proposal, transition = _begin(actor=actor, proposal=proposal, name="request_revision")
    if not message.strip():
        raise ActionError(_("Tulis apa yang perlu diperbaiki anak."))
    return _finish(
        actor=actor,
        proposal=proposal,
        transition=transition,
        message=message.strip(),
        internal_note=internal_note,
    )


@transaction.atomic
def proposal_approve(
    *,
    actor,
    proposal: Proposal,
    message: str = "",
    public_note: str = "",
    internal_note: str = "",
    **version: Unpack[PublicVersion],
) -> Proposal:
    """Approve with the public version (cleaned of names, schools, addresses) and the final
    cluster. Only the public version ever reaches the board, API and exports."""
    proposal, transition = _begin(actor=actor, proposal=proposal, name="approve")
    fields = {
        **public_version_checked(**version),
        "approved_at": timezone.now(),
    }
    proposal = _finish(
        actor=actor,
        proposal=proposal,
        transition=transition,
        fields=fields,
        message=message.strip(),
        public_note=public_note.strip(),
        internal_note=internal_note,
    )
    # From now on it moves with a bundle: a bundle of one unless a koordinator merges it.

    bundle_create_for(proposal=proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_reject(*, actor, proposal: Proposal, reason: str, internal_note: str = "") -> Proposal:
    """Refuse, with a reason written for the child."""
    proposal, transition = _begin(actor=actor, proposal=proposal, name="reject")
    if not reason.strip():
        raise ActionError(_("Tulis alasan untuk anak."))
    return _finish(
        actor=actor,
        proposal=proposal,
        transition=transition,
        message=reason.strip(),
        internal_note=internal_note,
    )


@transaction.atomic
def proposal_set_hidden(
    *, actor, proposal: Proposal, hidden: bool, internal_note: str = ""
) -> Proposal:
    """Take a proposal off every public surface (or put it back), in any state."""
    name = "hide" if hidden else "unhide"
    proposal, transition = _begin(actor=actor, proposal=proposal, name=name)
    if proposal.hidden_from_public == hidden:
        raise ActionError(
            _("Usulan ini sudah disembunyikan.") if hidden else _("Usulan ini sudah tampil.")
        )
    return _finish(
        actor=actor,
        proposal=proposal,
        transition=transition,
        fields={"hidden_from_public": hidden},
        internal_note=internal_note,
    )


def proposals_anonymise(*, user) -> None:
    """Part of member_erase: the member's sent proposals stay (the planning record),
    attributed to the kelurahan only; drafts, photos, private messages to them and their
    notifications go."""
    # A photo may show the child or their street: it goes with the account (file first
    # after commit, so a rollback keeps both).
    for photo in ProposalPhoto.objects.filter(proposal__proposer=user):
        name, storage = photo.file.name, photo.file.storage
        transaction.on_commit(lambda n=name, s=storage: s.delete(n))
        photo.delete()
    CoProposer.objects.filter(member=user).delete()
    # Drafts were never sent: nothing of the planning record, so they go entirely.
    Proposal.objects.filter(proposer=user, state=State.DRAFT).delete()
    TimelineEvent.objects.filter(proposal__proposer=user).update(message_to_proposer="")
    TimelineEvent.objects.filter(actor=user).update(actor_label=_("mantan anggota"))
    Proposal.objects.filter(proposer=user).update(proposer=None)


# --- From approval on, a proposal moves with its bundle -------------------------------------


def bundle_create_for(*, proposal: Proposal, actor=None) -> Bundle:
    """A bundle of one for a just-approved proposal, with its public version and planning
    layer (called inside proposal_approve's transaction)."""
    bundle = Bundle.objects.create(
        cycle_id=proposal.cycle_id,
        state=State.APPROVED,
        public_title=proposal.public_title,
        public_problem=proposal.public_problem,
        public_activity=proposal.public_activity,
        cluster=proposal.cluster,
        urusan_id=proposal.urusan_id,
        opd_id=proposal.opd_id,
        volume=proposal.volume,
        unit=proposal.unit,
        cost_estimate=proposal.cost_estimate,
        created_by=actor,
    )
    Proposal.objects.filter(pk=proposal.pk).update(bundle=bundle)
    proposal.bundle = bundle
    return bundle


def bundle_sync_single(*, proposal: Proposal) -> None:
    """A proposal alone in a not-yet-forwarded bundle: its planning layer is the bundle's
    (called when staff change the proposal's planning layer)."""
    if proposal.bundle_id is None:
        return
    bundle = Bundle.objects.filter(pk=proposal.bundle_id, state=State.APPROVED).first()
    if bundle is None or bundle.proposals.count() != 1:
        return
    Bundle.objects.filter(pk=bundle.pk).update(
        urusan_id=proposal.urusan_id,
        opd_id=proposal.opd_id,
        volume=proposal.volume,
        unit=proposal.unit,
        cost_estimate=proposal.cost_estimate,
        updated_at=timezone.now(),
    )
