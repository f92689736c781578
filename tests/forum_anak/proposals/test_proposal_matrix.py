"""Acceptance 2 (issues 4 and 5): every proposal state x every action x every role.

The expected table is written here by hand, from DESIGN.md's lifecycle and the issues,
independently of the services' own TRANSITIONS and BUNDLE_TRANSITIONS. An allowed
combination succeeds with the expected result; a refused one raises with a message that
says why (the role, or the state it is in) and changes nothing: the proposal and its
bundle (state, public version, planning, references, funding, implementation), the
forwardings and their outcomes, the sessions, the timeline, notifications, concerns and
their access log, revisions, stored implementation photos and Wagtail's audit log.

From `approved` on a proposal moves with its bundle, so each such state gets a bundle in
that state with the forwarding that brought it there. Every case is given what its action
needs (a second approved bundle to merge with, a partner proposal to split from, a pending
forwarding to a held session for an outcome, a higher session to forward to), so that a
refusal can only be about the role or the state. Before approval a proposal never has a
bundle; for the musrenbang actions it gets one in its own state all the same, so that a
service forgetting its state check would let a draft reach a musrenbang and fail here.
"""

import io
import itertools
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry, PageLogEntry

from forum_anak.core.errors import ActionError
from forum_anak.models import (
    Bundle,
    ConcernAccess,
    Forwarding,
    MusrenbangCycle,
    MusrenbangSession,
    Notification,
    Proposal,
    ProposalRevision,
    SafeguardingConcern,
    TimelineEvent,
)
from forum_anak.musrenbang.services import (
    bundle_forward,
    bundle_fund,
    bundle_implement,
    bundle_set_references,
    bundle_split,
    bundle_update,
    bundles_merge,
    forwarding_record_outcome,
)
from forum_anak.proposals.services import (
    proposal_approve,
    proposal_reject,
    proposal_request_revision,
    proposal_resubmit,
    proposal_set_hidden,
    proposal_start_review,
    proposal_submit,
    proposal_withdraw,
)
from forum_anak.safeguarding.services import concern_raise
from portal import roles
from portal.images import SanitizedImage, image_sanitize
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify

S = Proposal.State
Level = MusrenbangSession.Level
ALL_STATES = set(S.values)
BEFORE_APPROVAL = {
    S.DRAFT,
    S.SUBMITTED,
    S.IN_REVIEW,
    S.REVISION_REQUESTED,
    S.REJECTED,
    S.WITHDRAWN,
}
# Approved and every musrenbang state: the proposal moves with its bundle.
WITH_BUNDLE = {
    S.APPROVED,
    S.FORWARDED,
    S.PRIORITISED,
    S.ADOPTED,
    S.PARTLY_ADOPTED,
    S.NOT_ADOPTED,
    S.FUNDED,
    S.IMPLEMENTED,
}
ADOPTED = {S.ADOPTED, S.PARTLY_ADOPTED, S.FUNDED, S.IMPLEMENTED}
STAFF = {"moderator", "superuser"}
COORDINATORS = {"coordinator", "superuser"}
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
    # Issue 4: writing and moderation.
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
    # Issue 5: the koordinator musrenbang's steps, on the proposal's bundle.
    "merge": (COORDINATORS, {S.APPROVED}),
    "split": (COORDINATORS, {S.APPROVED}),
    "edit": (COORDINATORS, WITH_BUNDLE),
    "forward": (COORDINATORS, {S.APPROVED, S.PRIORITISED}),
    "outcome_prioritised": (COORDINATORS, {S.FORWARDED}),
    "outcome_adopted": (COORDINATORS, {S.FORWARDED}),
    "outcome_partly_adopted": (COORDINATORS, {S.FORWARDED}),
    "outcome_not_adopted": (COORDINATORS, {S.FORWARDED}),
    "references": (COORDINATORS, ADOPTED),
    "fund": (COORDINATORS, {S.ADOPTED, S.PARTLY_ADOPTED}),
    "implement": (COORDINATORS, {S.FUNDED}),
}
MUSRENBANG_ACTIONS = {
    "merge",
    "split",
    "edit",
    "forward",
    "outcome_prioritised",
    "outcome_adopted",
    "outcome_partly_adopted",
    "outcome_not_adopted",
    "references",
    "fund",
    "implement",
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
    "merge": S.APPROVED,
    "split": S.APPROVED,
    "forward": S.FORWARDED,
    "outcome_prioritised": S.PRIORITISED,
    "outcome_adopted": S.ADOPTED,
    "outcome_partly_adopted": S.PARTLY_ADOPTED,
    "outcome_not_adopted": S.NOT_ADOPTED,
    "fund": S.FUNDED,
    "implement": S.IMPLEMENTED,
}
# What an allowed action writes: (timeline events, notifications). A merge tells both
# children of the two bundles; an edit is staff business, nobody told.
WRITES = {
    "submit": (1, 1),
    "resubmit": (1, 1),
    "withdraw": (1, 1),
    "start_review": (1, 1),
    "request_revision": (1, 1),
    "approve": (1, 1),
    "reject": (1, 1),
    "hide": (1, 0),
    "unhide": (1, 0),
    "raise_concern": (0, 0),  # a concern tells no one: the officer's business
    "merge": (2, 2),
    "split": (1, 1),
    "edit": (1, 0),
    "forward": (1, 1),
    "outcome_prioritised": (1, 1),
    "outcome_adopted": (1, 1),
    "outcome_partly_adopted": (1, 1),
    "outcome_not_adopted": (1, 1),
    "references": (1, 1),
    "fund": (1, 1),
    "implement": (1, 1),
}
# The outcome of the forwarding that brought a bundle to its state ("": still pending).
FORWARDING_OUTCOME = {
    S.FORWARDED: "",
    S.PRIORITISED: "prioritised",
    S.ADOPTED: "adopted",
    S.PARTLY_ADOPTED: "partly_adopted",
    S.NOT_ADOPTED: "not_adopted",
    S.FUNDED: "adopted",
    S.IMPLEMENTED: "adopted",
}
PUBLIC = {
    "public_title": "Lampu jalan menuju sekolah",
    "public_problem": "Gang menuju sekolah gelap pada malam hari.",
    "public_activity": "Pemasangan lampu penerangan jalan.",
    "cluster": "perlindungan",
}


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (30, 120, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class Case:
    """One combination's data: the proposal under test and what its action needs."""

    proposal: Proposal
    bundle: Bundle | None = None
    partner: Proposal | None = None  # shares the bundle (split takes the proposal out)
    other: Bundle | None = None  # a second approved bundle of the cycle (merge)
    forwarding: Forwarding | None = None  # the bundle's latest forwarding, pending (outcome)
    target: MusrenbangSession | None = None  # a higher level's session (forward)
    rank: int = 0  # not yet used in the session (outcome prioritised)
    photo: SanitizedImage | None = None  # implement


class World:
    def __init__(self, people, partner, cycle, sessions):
        self.people = people
        self.partner = partner
        self.cycle = cycle
        self.sessions = sessions
        self.ranks = itertools.count(1)
        self.photo = image_sanitize(io.BytesIO(_jpeg()))
        self.n = 0

    def proposal(self, proposer, *, state: str, hidden: bool = False) -> Proposal:
        """A child's proposal put straight into `state` (as the services would have left
        it: a code once sent, the public version once approved)."""
        self.n += 1
        home = proposer.member_profile.kelurahan
        fields = {}
        if state != S.DRAFT:
            fields["code"] = f"FA-MTX-{self.n:05d}"
        if state in WITH_BUNDLE:
            fields.update(PUBLIC, approved_at=timezone.now())
        return Proposal.objects.create(
            cycle=self.cycle,
            proposer=proposer,
            proposer_kelurahan=home,
            kelurahan=home,
            title="Lampu jalan di gang sekolah",
            problem="Gang ke sekolah gelap saat pulang les.",
            proposed_action="Pasang lampu jalan di gang itu.",
            state=state,
            hidden_from_public=hidden,
            **fields,
        )

    def bundle(self, state: str, *proposals: Proposal) -> Bundle:
        """A bundle in `state` with what that state implies (forwarding, references,
        funding, implementation), holding `proposals`."""
        fields = dict(PUBLIC)
        if state in (S.FUNDED, S.IMPLEMENTED):
            fields.update(
                rkpd_reference="RKPD-2028-07",
                sipd_reference="SIPD-1.03.02",
                apbd_year=2028,
                funded_amount=150_000_000,
            )
        if state == S.IMPLEMENTED:
            fields.update(
                implemented_on=timezone.localdate() - timedelta(days=3),
                implementation_note="Lampu sudah dipasang.",
            )
        bundle = Bundle.objects.create(cycle=self.cycle, state=state, **fields)
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(bundle=bundle)
        for proposal in proposals:
            proposal.bundle = bundle
        if state in FORWARDING_OUTCOME:
            self.forwarding(bundle, self.sessions["kelurahan"], FORWARDING_OUTCOME[state])
        return bundle

    def forwarding(self, bundle: Bundle, session, outcome: str) -> Forwarding:
        coordinator = self.people["coordinator"]
        fields = {}
        if outcome:
            fields.update(outcome=outcome, outcome_by=coordinator, outcome_at=timezone.now())
        if outcome == "prioritised":
            fields["rank"] = next(self.ranks)
        if outcome == "partly_adopted":
            fields.update(adopted_volume=Decimal("6"), adopted_cost=30_000_000)
        if outcome == "not_adopted":
            fields["reason"] = "Sudah ada lampu dari dana kelurahan."
        return Forwarding.objects.create(
            bundle=bundle, session=session, forwarded_by=coordinator, **fields
        )

    def case(self, *, state: str, action: str) -> Case:
        proposal = self.proposal(self.people["proposer"], state=state, hidden=(action == "unhide"))
        case = Case(proposal=proposal)
        if state not in WITH_BUNDLE and action not in MUSRENBANG_ACTIONS:
            return case
        members = [proposal]
        if action == "split":
            case.partner = self.proposal(self.partner, state=state)
            members.append(case.partner)
        case.bundle = self.bundle(state, *members)
        if action == "merge":
            other = self.proposal(self.partner, state=S.APPROVED)
            case.other = self.bundle(S.APPROVED, other)
        if action == "implement":
            case.photo = self.photo
        if action == "forward":
            case.target = self.sessions["kecamatan_ahead"]
        if action.startswith("outcome_"):
            latest = case.bundle.forwardings.order_by("-forwarded_at", "-pk").first()
            if latest is None or latest.outcome:
                latest = self.forwarding(case.bundle, self.sessions["kecamatan_held"], "")
            case.forwarding = latest
            case.rank = next(self.ranks)
        return case


def _outcome(outcome: str, **kwargs):
    return lambda actor, c: forwarding_record_outcome(
        actor=actor, forwarding=c.forwarding, outcome=outcome, **kwargs
    )


ACTIONS = {
    "submit": lambda actor, c: proposal_submit(actor=actor, proposal=c.proposal),
    "resubmit": lambda actor, c: proposal_resubmit(actor=actor, proposal=c.proposal),
    "withdraw": lambda actor, c: proposal_withdraw(actor=actor, proposal=c.proposal),
    "start_review": lambda actor, c: proposal_start_review(actor=actor, proposal=c.proposal),
    "request_revision": lambda actor, c: proposal_request_revision(
        actor=actor, proposal=c.proposal, message="Tulis tempatnya tanpa alamat rumah."
    ),
    "approve": lambda actor, c: proposal_approve(actor=actor, proposal=c.proposal, **PUBLIC),
    "reject": lambda actor, c: proposal_reject(
        actor=actor, proposal=c.proposal, reason="Sudah ada."
    ),
    "hide": lambda actor, c: proposal_set_hidden(actor=actor, proposal=c.proposal, hidden=True),
    "unhide": lambda actor, c: proposal_set_hidden(actor=actor, proposal=c.proposal, hidden=False),
    "raise_concern": lambda actor, c: concern_raise(
        actor=actor, source="proposal", proposal=c.proposal, description="Ada nomor telepon."
    ),
    "merge": lambda actor, c: bundles_merge(
        actor=actor,
        bundles=[c.bundle, c.other],
        public_title="Lampu jalan di dua gang sekolah",
        public_problem="Dua gang menuju sekolah gelap.",
        public_activity="Pasang lampu di kedua gang.",
        cluster="perlindungan",
    ),
    "split": lambda actor, c: bundle_split(actor=actor, bundle=c.bundle, proposal=c.proposal),
    "edit": lambda actor, c: bundle_update(
        actor=actor,
        bundle=c.bundle,
        public_title="Lampu penerangan gang sekolah",
        public_problem="Gang menuju sekolah gelap.",
        public_activity="Pasang dua belas lampu.",
        cluster="perlindungan",
        urusan=None,
        opd=None,
        volume=Decimal("12"),
        unit="titik",
        cost_estimate=60_000_000,
    ),
    "forward": lambda actor, c: bundle_forward(actor=actor, bundle=c.bundle, session=c.target),
    "outcome_prioritised": lambda actor, c: forwarding_record_outcome(
        actor=actor, forwarding=c.forwarding, outcome="prioritised", rank=c.rank
    ),
    "outcome_adopted": _outcome("adopted"),
    "outcome_partly_adopted": _outcome(
        "partly_adopted", adopted_volume=Decimal("6"), adopted_cost=30_000_000
    ),
    "outcome_not_adopted": _outcome("not_adopted", reason="Sudah ada lampu dari dana kelurahan."),
    "references": lambda actor, c: bundle_set_references(
        actor=actor, bundle=c.bundle, rkpd_reference="RKPD-2028-11", sipd_reference="SIPD-9"
    ),
    "fund": lambda actor, c: bundle_fund(
        actor=actor, bundle=c.bundle, apbd_year=2029, amount=175_000_000
    ),
    "implement": lambda actor, c: bundle_implement(
        actor=actor,
        bundle=c.bundle,
        implemented_on=timezone.localdate() - timedelta(days=1),
        note="Dua belas lampu dipasang.",
        photo=c.photo,
    ),
}


@pytest.fixture
def world(wilayah):
    today = timezone.localdate()
    cycle = MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=10),
        submission_closes=today + timedelta(days=10),
    )
    proposer = verify(MemberProfileFactory())
    kelurahan = proposer.kelurahan
    people = {
        "proposer": proposer.user,
        "other_member": verify(MemberProfileFactory()).user,
        # The facilitator of the proposer's own kecamatan: still not a moderator.
        "facilitator": make_facilitator(kelurahan.parent),
        "moderator": UserFactory(groups=[roles.PROPOSAL_MODERATOR]),
        "coordinator": UserFactory(groups=[roles.COORDINATOR]),
        "protection_officer": UserFactory(groups=[roles.PROTECTION_OFFICER]),
        "editor": UserFactory(groups=[roles.EDITOR]),
        "superuser": UserFactory(is_superuser=True),
    }
    held, planned = MusrenbangSession.Status.HELD, MusrenbangSession.Status.PLANNED
    past, ahead = today - timedelta(days=5), today + timedelta(days=20)
    sessions = {
        "kelurahan": MusrenbangSession.objects.create(
            cycle=cycle, level=Level.KELURAHAN, area=kelurahan, date=past, place="Aula", status=held
        ),
        "kecamatan_held": MusrenbangSession.objects.create(
            cycle=cycle,
            level=Level.KECAMATAN,
            area=kelurahan.parent,
            date=past,
            place="Aula kecamatan",
            status=held,
        ),
        "kecamatan_ahead": MusrenbangSession.objects.create(
            cycle=cycle,
            level=Level.KECAMATAN,
            area=kelurahan.parent,
            date=ahead,
            place="Aula kecamatan",
            status=planned,
        ),
    }
    partner = verify(MemberProfileFactory()).user
    return World(people, partner, cycle, sessions)


COUNTED = (
    Bundle,
    Forwarding,
    TimelineEvent,
    Notification,
    SafeguardingConcern,
    ConcernAccess,
    ProposalRevision,
    ModelLogEntry,
    PageLogEntry,
)


def _stored_photos() -> int:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "pelaksanaan"
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.exists() else 0


def _counts() -> dict:
    """Every counted table's row count, in one query."""
    from django.db import connection

    tables = [model._meta.db_table for model in COUNTED]
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return {model.__name__: count for model, count in zip(COUNTED, row, strict=True)}


def _snapshot(case: Case) -> dict:
    pks = [p.pk for p in (case.proposal, case.partner) if p is not None]
    proposals = list(
        Proposal.objects.filter(pk__in=pks)
        .order_by("pk")
        .values_list("pk", "state", "hidden_from_public", "bundle_id", "public_title", "code")
    )
    bundle_ids = {b.pk for b in (case.bundle, case.other) if b is not None}
    bundle_ids |= {row[3] for row in proposals if row[3]}
    return {
        "proposals": proposals,
        "bundles": list(Bundle.objects.filter(pk__in=bundle_ids).order_by("pk").values()),
        "forwardings": list(
            Forwarding.objects.filter(bundle_id__in=bundle_ids).order_by("pk").values()
        ),
        "sessions": list(MusrenbangSession.objects.order_by("pk").values("pk", "status")),
        "counts": _counts(),
        "photos": _stored_photos(),
    }


def test_the_table_covers_every_state_action_and_role():
    assert set(EXPECTED) == set(ACTIONS) == set(WRITES)
    assert set(EXPECTED) >= MUSRENBANG_ACTIONS
    assert BEFORE_APPROVAL | WITH_BUNDLE == ALL_STATES
    assert not BEFORE_APPROVAL & WITH_BUNDLE
    assert set(FORWARDING_OUTCOME) == WITH_BUNDLE - {S.APPROVED}
    assert all(states <= ALL_STATES for _, states in EXPECTED.values())
    assert all(set(roles_) <= set(ROLES) for roles_, _ in EXPECTED.values())
    # 14 states x 21 actions x 8 roles.
    assert len(ALL_STATES) * len(ACTIONS) * len(ROLES) == 14 * 21 * 8 == 2352


def _check_allowed(case: Case, action: str, state: str, before: dict, after: dict) -> None:
    where = (state, action)
    proposal = Proposal.objects.get(pk=case.proposal.pk)
    assert proposal.state == RESULT_STATE.get(action, state), where
    timeline, notifications = WRITES[action]
    assert after["counts"]["TimelineEvent"] == before["counts"]["TimelineEvent"] + timeline, where
    assert after["counts"]["Notification"] == before["counts"]["Notification"] + notifications, (
        where
    )
    if proposal.bundle_id is not None:
        # From approval on, the proposal's state is its bundle's.
        assert proposal.bundle.state == proposal.state, where
    if action == "raise_concern":
        assert after["counts"]["SafeguardingConcern"] == before["counts"]["SafeguardingConcern"] + 1
        assert Proposal.objects.under_concern().filter(pk=proposal.pk).exists(), where
    elif action in ("hide", "unhide"):
        assert proposal.hidden_from_public is (action == "hide"), where
    elif action == "approve":
        assert proposal.bundle.proposals.get() == proposal, where  # a bundle of one
    elif action == "merge":
        merged = proposal.bundle
        assert merged.pk not in (case.bundle.pk, case.other.pk), where
        assert merged.proposals.count() == 2, where
        assert not Bundle.objects.filter(pk__in=[case.bundle.pk, case.other.pk]).exists()
        assert merged.public_title == "Lampu jalan di dua gang sekolah", where
    elif action == "split":
        assert proposal.bundle_id != case.bundle.pk, where
        assert proposal.bundle.proposals.get() == proposal, where
        assert list(case.bundle.proposals.all()) == [case.partner], where
    elif action == "edit":
        bundle = proposal.bundle
        assert (bundle.public_title, bundle.volume, bundle.unit) == (
            "Lampu penerangan gang sekolah",
            Decimal("12"),
            "titik",
        ), where
    elif action == "forward":
        assert case.bundle.forwardings.filter(session=case.target, outcome="").exists(), where
    elif action.startswith("outcome_"):
        case.forwarding.refresh_from_db()
        assert case.forwarding.outcome == action.removeprefix("outcome_"), where
        assert case.forwarding.outcome_at is not None, where
    elif action == "references":
        bundle = proposal.bundle
        assert (bundle.rkpd_reference, bundle.sipd_reference) == ("RKPD-2028-11", "SIPD-9")
    elif action == "fund":
        assert (proposal.bundle.apbd_year, proposal.bundle.funded_amount) == (2029, 175_000_000)
    elif action == "implement":
        assert proposal.bundle.implementation_photo.name, where
        assert after["photos"] == before["photos"] + 1, where


@pytest.mark.django_db
@pytest.mark.parametrize("state", sorted(ALL_STATES))
def test_state_action_role_matrix(state, world):
    allowed_seen = refused_seen = 0
    for action, run in ACTIONS.items():
        allowed_roles, allowed_states = EXPECTED[action]
        # A refusal changes nothing (checked each time), so the same data serves the next
        # role; an allowed action gets fresh data for the roles after it.
        case = before = None
        for role in ROLES:
            case_id = (state, action, role)
            if case is None:
                case = world.case(state=state, action=action)
                before = _snapshot(case)
            if role in allowed_roles and state in allowed_states:
                allowed_seen += 1
                run(world.people[role], case)
                _check_allowed(case, action, state, before, _snapshot(case))
                case = None
                continue
            refused_seen += 1
            with pytest.raises((ActionError, ActionError)) as refused:
                run(world.people[role], case)
            message = str(refused.value).strip()
            assert message, case_id
            if role in allowed_roles:
                # The right person at the wrong time: the message names the state.
                assert f'"{S(state).label}"' in message, (case_id, message)
            elif action in MUSRENBANG_ACTIONS:
                assert "koordinator musrenbang" in message, (case_id, message)
            assert _snapshot(case) == before, case_id
    assert allowed_seen + refused_seen == len(ACTIONS) * len(ROLES) == 21 * 8
    assert allowed_seen == sum(
        len(roles_) for roles_, states in EXPECTED.values() if state in states
    )
