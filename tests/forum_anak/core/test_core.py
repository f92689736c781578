"""The ground floor: role predicates, the actor label, and the transition helper's
compare-and-set and after-commit "changed" hook."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from forum_anak.core import access, transitions
from forum_anak.core.errors import ActionError
from forum_anak.core.labels import actor_label
from forum_anak.core.transitions import (
    Change,
    Transition,
    on_changed,
    row_locked,
    state_check,
    state_compare_and_set,
)
from forum_anak.models import MusrenbangCycle, Proposal
from forum_anak.proposals.services import proposal_draft_create
from portal import roles
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory

State = Proposal.State
SUBMIT = Transition("submit", (State.DRAFT,), State.SUBMITTED, "proposer")


@pytest.fixture
def heard():
    """Changes the hook delivered, in order; the receiver is removed afterwards."""
    changes: list[Change] = []
    receiver = on_changed(changes.append)
    yield changes
    transitions._receivers.remove(receiver)


@pytest.fixture
def draft(wilayah):
    cycle = MusrenbangCycle.objects.create(
        year=2027,
        rkpd_year=2028,
        submission_opens="2026-01-01",
        submission_closes="2027-12-31",
    )
    member = MemberProfileFactory()
    return proposal_draft_create(
        actor=member.user, title="Lampu", problem="Gelap", proposed_action="Pasang", cycle=cycle
    )


@pytest.mark.django_db
def test_changed_is_heard_once_after_commit_never_on_rollback(
    draft, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            state_compare_and_set(obj=draft, transition=SUBMIT, stale="stale")
        assert heard == []  # not before the outermost transaction commits
    assert heard == [Change(model="proposal", pk=draft.pk, action="submit")]

    draft.refresh_from_db()
    back = Transition("back", (State.SUBMITTED,), State.DRAFT)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        state_compare_and_set(obj=draft, transition=back, stale="stale")
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert len(heard) == 1
    assert Proposal.objects.get(pk=draft.pk).state == State.SUBMITTED


@pytest.mark.django_db
def test_a_failing_receiver_does_not_undo_the_change(
    draft, heard, django_capture_on_commit_callbacks, caplog
):
    def broken(change):
        raise RuntimeError("cache down")

    on_changed(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            state_compare_and_set(obj=draft, transition=SUBMIT, stale="stale")
    finally:
        transitions._receivers.remove(broken)
    assert Proposal.objects.get(pk=draft.pk).state == State.SUBMITTED
    assert "cache down" in caplog.text


@pytest.mark.django_db
def test_compare_and_set_refuses_a_stale_state(draft):
    stale_copy = Proposal.objects.get(pk=draft.pk)
    state_compare_and_set(obj=draft, transition=SUBMIT, stale="stale")
    with pytest.raises(ActionError, match="baru saja"):
        state_compare_and_set(obj=stale_copy, transition=SUBMIT, stale="baru saja")
    assert Proposal.objects.get(pk=draft.pk).state == State.SUBMITTED


@pytest.mark.django_db
def test_state_check_and_row_locked_refuse_with_the_given_words(draft):
    approve = Transition("approve", (State.IN_REVIEW,), State.APPROVED)
    with pytest.raises(ActionError, match="tidak bisa"):
        state_check(state=draft.state, transition=approve, refusal="tidak bisa")
    assert state_check(state=draft.state, transition=SUBMIT, refusal="x") is SUBMIT
    Proposal.objects.filter(pk=draft.pk).delete()
    with pytest.raises(ActionError, match="sudah tidak ada"):
        row_locked(draft, gone="sudah tidak ada")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "facilitator", "moderator", "coordinator", "officer"),
    [
        (roles.FACILITATOR, True, False, False, False),
        (roles.PROPOSAL_MODERATOR, False, True, False, False),
        (roles.COORDINATOR, False, False, True, False),
        (roles.PROTECTION_OFFICER, False, False, False, True),
    ],
)
def test_each_role_passes_only_its_own_predicate(
    group, facilitator, moderator, coordinator, officer
):
    user = UserFactory(groups=[group])
    assert access.is_facilitator(user) is facilitator
    assert access.is_moderator(user) is moderator
    assert access.is_coordinator(user) is coordinator
    assert access.is_officer(user) is officer
    user.is_active = False
    assert not any(
        check(user)
        for check in (
            access.is_facilitator,
            access.is_moderator,
            access.is_coordinator,
            access.is_officer,
        )
    )


@pytest.mark.django_db
def test_a_superuser_is_every_staff_role_but_not_the_protection_officer():
    admin = UserFactory(is_superuser=True)
    assert access.is_facilitator(admin) and access.is_moderator(admin)
    assert access.is_coordinator(admin) and access.is_admin(admin)
    assert not access.is_officer(admin)
    anonymous = AnonymousUser()
    assert not any(
        check(anonymous)
        for check in (access.is_facilitator, access.is_moderator, access.is_officer)
    )


@pytest.mark.django_db
def test_actor_label_never_names_a_member(wilayah):
    member = MemberProfileFactory(user__first_name="Rahasia")
    assert actor_label(member.user) == f"Anggota #{member.user.pk}"
    staff = UserFactory(first_name="Bu", last_name="Fasil")
    assert actor_label(staff) == "Bu Fasil"
    assert actor_label(None) == "Sistem"
