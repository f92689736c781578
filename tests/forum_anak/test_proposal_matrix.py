"""Acceptance 2: every proposal state x every action x every role.

The expected table is written here, independently of the services' own TRANSITIONS. An
allowed combination succeeds with the expected result; a refused one raises with a message
and changes nothing: state, hidden flag, timeline, notifications, concerns and their access
log, revisions, and Wagtail's audit log.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from forum_anak.models import (
    ConcernAccess,
    MusrenbangCycle,
    Notification,
    Proposal,
    ProposalRevision,
    SafeguardingConcern,
    TimelineEvent,
)
from forum_anak.services.concerns import ConcernActionError, concern_raise
from forum_anak.services.proposals import (
    ProposalActionError,
    proposal_approve,
    proposal_draft_create,
    proposal_reject,
    proposal_request_revision,
    proposal_resubmit,
    proposal_set_hidden,
    proposal_start_review,
    proposal_submit,
    proposal_withdraw,
)
from portal import roles
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify

S = Proposal.State
ALL_STATES = set(S.values)
STAFF = {"moderator", "superuser"}
ROLES = [
    "proposer",
    "other_member",
    "facilitator",
    "moderator",
    "coordinator",
    "protection_officer",
    "editor",
    "superuser",
]

# action -> (roles allowed, states allowed from)
EXPECTED = {
    "submit": ({"proposer"}, {S.DRAFT}),
    "resubmit": ({"proposer"}, {S.REVISION_REQUESTED}),
    "withdraw": ({"proposer"}, {S.DRAFT, S.SUBMITTED, S.REVISION_REQUESTED}),
    "start_review": (STAFF, {S.SUBMITTED}),
    "request_revision": (STAFF, {S.IN_REVIEW}),
    "approve": (STAFF, {S.IN_REVIEW}),
    "reject": (STAFF, {S.IN_REVIEW}),
    "hide": (STAFF, ALL_STATES),
    "unhide": (STAFF, ALL_STATES),
    "raise_concern": (STAFF, ALL_STATES),
}
# The state an allowed action leaves the proposal in (None: unchanged).
RESULT_STATE = {
    "submit": S.SUBMITTED,
    "resubmit": S.SUBMITTED,
    "withdraw": S.WITHDRAWN,
    "start_review": S.IN_REVIEW,
    "request_revision": S.REVISION_REQUESTED,
    "approve": S.APPROVED,
    "reject": S.REJECTED,
}

ACTIONS = {
    "submit": lambda actor, p: proposal_submit(actor=actor, proposal=p),
    "resubmit": lambda actor, p: proposal_resubmit(actor=actor, proposal=p),
    "withdraw": lambda actor, p: proposal_withdraw(actor=actor, proposal=p),
    "start_review": lambda actor, p: proposal_start_review(actor=actor, proposal=p),
    "request_revision": lambda actor, p: proposal_request_revision(
        actor=actor, proposal=p, message="Tulis tempatnya tanpa alamat rumah."
    ),
    "approve": lambda actor, p: proposal_approve(
        actor=actor,
        proposal=p,
        public_title="Lampu jalan menuju sekolah",
        public_problem="Gang menuju sekolah gelap pada malam hari.",
        public_activity="Pemasangan lampu penerangan jalan.",
        cluster="perlindungan",
    ),
    "reject": lambda actor, p: proposal_reject(actor=actor, proposal=p, reason="Sudah ada."),
    "hide": lambda actor, p: proposal_set_hidden(actor=actor, proposal=p, hidden=True),
    "unhide": lambda actor, p: proposal_set_hidden(actor=actor, proposal=p, hidden=False),
    "raise_concern": lambda actor, p: concern_raise(
        actor=actor, source="proposal", proposal=p, description="Ada nomor telepon."
    ),
}


@pytest.fixture
def people(wilayah):
    today = timezone.localdate()
    MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=10),
        submission_closes=today + timedelta(days=10),
    )
    proposer = verify(MemberProfileFactory())
    return {
        "proposer": proposer.user,
        "other_member": verify(MemberProfileFactory()).user,
        # The facilitator of the proposer's own kecamatan: still not a moderator.
        "facilitator": make_facilitator(proposer.kelurahan.parent),
        "moderator": UserFactory(groups=[roles.PROPOSAL_MODERATOR]),
        "coordinator": UserFactory(groups=[roles.COORDINATOR]),
        "protection_officer": UserFactory(groups=[roles.PROTECTION_OFFICER]),
        "editor": UserFactory(groups=[roles.EDITOR]),
        "superuser": UserFactory(is_superuser=True),
    }


def _proposal(proposer, *, state: str, hidden: bool) -> Proposal:
    proposal = proposal_draft_create(
        actor=proposer,
        title="Lampu jalan di gang sekolah",
        problem="Gang ke sekolah gelap saat pulang les.",
        proposed_action="Pasang lampu jalan di gang itu.",
    )
    Proposal.objects.filter(pk=proposal.pk).update(state=state, hidden_from_public=hidden)
    proposal.refresh_from_db()
    return proposal


def _snapshot(proposal: Proposal) -> tuple:
    proposal.refresh_from_db()
    return (
        proposal.state,
        proposal.hidden_from_public,
        TimelineEvent.objects.count(),
        Notification.objects.count(),
        SafeguardingConcern.objects.count(),
        ConcernAccess.objects.count(),
        ProposalRevision.objects.count(),
        ModelLogEntry.objects.count(),
        PageLogEntry.objects.count(),
    )


def test_the_table_covers_every_state_action_and_role():
    assert set(EXPECTED) == set(ACTIONS)
    assert all(states <= ALL_STATES for _, states in EXPECTED.values())
    assert len(ALL_STATES) * len(ACTIONS) * len(ROLES) == 7 * 10 * 8


@pytest.mark.django_db
@pytest.mark.parametrize("state", sorted(ALL_STATES))
def test_state_action_role_matrix(state, people):
    allowed_seen = refused_seen = 0
    for action, run in ACTIONS.items():
        allowed_roles, allowed_states = EXPECTED[action]
        for role in ROLES:
            case = (state, action, role)
            proposal = _proposal(people["proposer"], state=state, hidden=(action == "unhide"))
            before = _snapshot(proposal)
            if role in allowed_roles and state in allowed_states:
                allowed_seen += 1
                run(people[role], proposal)
                after = _snapshot(proposal)
                expected_state = RESULT_STATE.get(action, state)
                assert after[0] == expected_state, case
                if action == "raise_concern":
                    # A concern: no timeline event, no notification, the proposal hidden.
                    assert after[2:4] == before[2:4], case
                    assert after[4] == before[4] + 1, case
                    assert Proposal.objects.under_concern().filter(pk=proposal.pk).exists()
                else:
                    assert after[2] == before[2] + 1, case  # one timeline event
                    if action in ("hide", "unhide"):
                        assert after[1] is (action == "hide"), case
                continue
            refused_seen += 1
            with pytest.raises((ProposalActionError, ConcernActionError)) as refused:
                run(people[role], proposal)
            assert str(refused.value).strip(), case
            assert _snapshot(proposal) == before, case
    assert allowed_seen + refused_seen == len(ACTIONS) * len(ROLES)
    assert allowed_seen > 0
