"""Reads of the proposal lifecycle shared by the member pages, the back office and the
public board."""

from django.db.models import Q, QuerySet

from forum_anak.models import (
    Bundle,
    CoProposer,
    ForumGroup,
    Forwarding,
    MemberProfile,
    Notification,
    Proposal,
    ProposalPhoto,
    ProposalRevision,
    TimelineEvent,
)

State = Proposal.State


def bundle_path(bundle: Bundle) -> QuerySet[Forwarding]:
    """The sessions a bundle went to, in order, with each outcome."""
    return bundle.forwardings.select_related("session__area").order_by("session__level", "pk")


def member_bundle_path(*, bundle: Bundle) -> QuerySet[Forwarding]:
    """`bundle_path` with only what the child's path box reads (never a staff note)."""
    return bundle_path(bundle).only(
        "outcome", "rank", "reason", "session__level", "session__date", "session__area__name"
    )


def bundle_proposal_count(*, bundle_id: int, excluding: Proposal | None = None) -> int:
    """How many proposals the bundle carries (without `excluding`: "and N others")."""
    proposals = Proposal.objects.filter(bundle_id=bundle_id)
    if excluding is not None:
        proposals = proposals.exclude(pk=excluding.pk)
    return proposals.count()


def proposal_under_concern(*, proposal: Proposal) -> bool:
    """Whether an open or referred safeguarding concern hides this proposal (then its
    writer sees only a neutral status and staff see the flag)."""
    return Proposal.objects.filter(pk=proposal.pk).under_concern().exists()


def proposal_on_board(*, proposal: Proposal) -> bool:
    """Whether the public board shows this proposal now (the member page links to it)."""
    return Proposal.objects.public().filter(pk=proposal.pk).exists()


def proposal_revisions(*, proposal: Proposal) -> list[ProposalRevision]:
    """Every text the child sent, first to last (staff compare them)."""
    return list(proposal.revisions.order_by("number"))


def proposal_photo_for(*, proposal: Proposal) -> ProposalPhoto | None:
    """The proposal's photo, or None (staff see it whatever its public flag)."""
    return ProposalPhoto.objects.filter(proposal=proposal).first()


def proposal_timeline(*, proposal: Proposal) -> QuerySet[TimelineEvent]:
    """Every timeline event of the proposal, newest first, staff notes included (staff
    only)."""
    return proposal.timeline.all()


def member_timeline(*, proposal: Proposal) -> QuerySet[TimelineEvent]:
    """The proposal's timeline, newest first, with only the fields a member's page reads
    (no staff note is even loaded)."""
    return TimelineEvent.objects.filter(proposal=proposal).only(
        "action", "to_state", "message_to_proposer", "created_at", "proposal_id"
    )


def co_proposers_confirmed(*, proposal: Proposal) -> QuerySet[CoProposer]:
    """Friends who joined the proposal, in the order they joined, with their profiles
    (the member page shows approved nicknames)."""
    return (
        CoProposer.objects.filter(proposal=proposal, confirmed_at__isnull=False)
        .select_related("member__member_profile")
        .order_by("confirmed_at", "pk")
    )


def co_proposers_standing(*, proposal: Proposal) -> QuerySet[CoProposer]:
    """Friends who joined the proposal and have not stepped back, with their profiles
    (staff see the label and an approved nickname)."""
    return CoProposer.objects.filter(
        proposal=proposal, confirmed_at__isnull=False, declined_at__isnull=True
    ).select_related("member__member_profile")


def co_proposers_waiting(*, proposal: Proposal) -> int:
    """How many invitations to this proposal are still unanswered (for its writer)."""
    return CoProposer.objects.filter(
        proposal=proposal, confirmed_at__isnull=True, declined_at__isnull=True
    ).count()


def member_groups(*, user):
    """The forum groups this account belongs to (ForumMembership), for "Untuk siapa?"."""
    return ForumGroup.objects.filter(memberships__member=user).select_related("area")


def co_proposer_candidates(*, proposal: Proposal, actor):
    """Verified members of the proposal's forum group whose nickname is approved (the only
    name one child may see of another), without the writer and those already asked."""
    if proposal.group_id is None:
        return MemberProfile.objects.none()
    return (
        MemberProfile.objects.filter(
            status=MemberProfile.Status.VERIFIED,
            nickname_approved=True,
            user__forum_memberships__group_id=proposal.group_id,
        )
        .exclude(user=actor)
        .exclude(user__co_proposals__proposal=proposal)
        .order_by("nickname", "pk")
    )


def open_invitations(*, user):
    """Invitations this member has not answered, for proposals not under a concern and not
    ended (withdrawn or rejected)."""
    return (
        CoProposer.objects.filter(member=user, confirmed_at__isnull=True, declined_at__isnull=True)
        .filter(
            proposal__in=Proposal.objects.not_under_concern().exclude(
                state__in=[State.WITHDRAWN, State.REJECTED]
            )
        )
        .select_related("proposal", "proposal__kelurahan", "proposal__group")
        .order_by("-invited_at", "-pk")
    )


def open_invitation_count(*, user) -> int:
    """How many `open_invitations` wait for this member (the home page's badge)."""
    return open_invitations(user=user).count()


def member_visible_proposals(*, user):
    """Proposals this member may open: their own (any state), and confirmed co-proposals
    not under a concern (a co-proposer is never shown a proposal that is)."""
    confirmed = CoProposer.objects.filter(member=user, confirmed_at__isnull=False).values(
        "proposal"
    )
    shared = Proposal.objects.filter(pk__in=confirmed).not_under_concern().values("pk")
    return Proposal.objects.filter(Q(proposer=user) | Q(pk__in=shared))


def member_may_open(*, user, proposal_id: int) -> bool:
    """Whether this member may open the proposal (`member_visible_proposals`): a message
    links to it only then."""
    return member_visible_proposals(user=user).filter(pk=proposal_id).exists()


def member_proposals(*, user) -> list[Proposal]:
    """ "Usulanku": own proposals and drafts and confirmed co-proposals, newest first, each
    with `under_concern` (asked only of their own: a co-proposal under a concern is not
    visible at all). Two queries whatever the number of rows."""
    proposals = list(
        member_visible_proposals(user=user)
        .select_related("kelurahan")
        .order_by("-created_at", "-pk")
    )
    own = [p.pk for p in proposals if p.proposer_id == user.pk]
    concerned = set(
        Proposal.objects.filter(pk__in=own).under_concern().values_list("pk", flat=True)
    )
    for proposal in proposals:
        proposal.under_concern = proposal.pk in concerned
    return proposals


def member_inbox(*, user) -> QuerySet[Notification]:
    """The account's in-site messages, newest first, with only what the list shows."""
    return Notification.objects.filter(recipient=user).only(
        "subject", "body", "created_at", "read_at", "recipient_id"
    )
