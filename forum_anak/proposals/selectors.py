"""Reads of the proposal lifecycle shared by the member pages, the back office and the
public board."""

from django.db.models import Q, QuerySet

from forum_anak.models import (
    Bundle,
    CoProposer,
    ForumGroup,
    Forwarding,
    MemberProfile,
    Proposal,
)

State = Proposal.State


def bundle_path(bundle: Bundle) -> QuerySet[Forwarding]:
    """The sessions a bundle went to, in order, with each outcome."""
    return bundle.forwardings.select_related("session__area").order_by("session__level", "pk")


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


def member_visible_proposals(*, user):
    """Proposals this member may open: their own (any state), and confirmed co-proposals
    not under a concern (a co-proposer is never shown a proposal that is)."""
    confirmed = CoProposer.objects.filter(member=user, confirmed_at__isnull=False).values(
        "proposal"
    )
    shared = Proposal.objects.filter(pk__in=confirmed).not_under_concern().values("pk")
    return Proposal.objects.filter(Q(proposer=user) | Q(pk__in=shared))
