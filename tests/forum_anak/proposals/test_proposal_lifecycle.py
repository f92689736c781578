"""The usulan lifecycle up to approval: paths, the refusal matrix, races, notifications."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forum_anak.core.errors import ActionError
from forum_anak.membership.services import member_suspend
from forum_anak.models import (
    MemberProfile,
    MusrenbangCycle,
    Notification,
    Proposal,
    ProposalRevision,
    TimelineEvent,
)
from forum_anak.privacy.services import member_erase
from forum_anak.proposals.services import (
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
from tests.forum_anak.factories import MemberProfileFactory, birth_for_age, verify

S = Proposal.State


def _draft(member, **kwargs):
    return proposal_draft_create(
        actor=member.user,
        title=kwargs.pop("title", "Lampu jalan di gang sekolah"),
        problem="Gang ke sekolah gelap saat pulang les.",
        proposed_action="Pasang lampu jalan di gang itu.",
        **kwargs,
    )


def _approve(moderator, proposal):
    return proposal_approve(
        actor=moderator,
        proposal=proposal,
        public_title="Lampu jalan di gang menuju sekolah",
        public_problem="Gang menuju sekolah gelap pada sore dan malam hari.",
        public_activity="Pemasangan lampu penerangan jalan.",
        cluster="perlindungan",
    )


@pytest.mark.django_db
def test_the_whole_path_to_approval(member, moderator, cycle):
    proposal = _draft(member)
    assert proposal.state == S.DRAFT and proposal.code is None
    proposal = proposal_submit(actor=member.user, proposal=proposal)
    assert proposal.code == f"FA-{cycle.year}-0001"
    proposal_start_review(actor=moderator, proposal=proposal)
    proposal_request_revision(
        actor=moderator, proposal=proposal, message="Tulis nama gangnya, tanpa alamat rumah."
    )
    Proposal.objects.filter(pk=proposal.pk).update(title="Lampu jalan di Gang Mawar")
    proposal.refresh_from_db()
    proposal_resubmit(actor=member.user, proposal=proposal)
    proposal_start_review(actor=moderator, proposal=proposal)
    proposal.refresh_from_db()
    proposal = _approve(moderator, proposal)
    assert proposal.state == S.APPROVED and proposal.approved_at
    assert proposal.public_title == "Lampu jalan di gang menuju sekolah"
    assert [r.title for r in ProposalRevision.objects.filter(proposal=proposal)] == [
        "Lampu jalan di gang sekolah",
        "Lampu jalan di Gang Mawar",
    ]
    actions = list(proposal.timeline.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "submit",
        "start_review",
        "request_revision",
        "resubmit",
        "start_review",
        "approve",
    ]
    # Every transition told the proposer, in the site.
    assert Notification.objects.filter(recipient=member.user, proposal=proposal).count() == 6
    revision = proposal.timeline.get(action="request_revision")
    assert revision.message_to_proposer.startswith("Tulis nama gangnya")


@pytest.mark.django_db
def test_reject_withdraw_and_hide(member, moderator):
    rejected = proposal_submit(actor=member.user, proposal=_draft(member))
    proposal_start_review(actor=moderator, proposal=rejected)
    rejected.refresh_from_db()
    proposal_reject(actor=moderator, proposal=rejected, reason="Ini sudah ada.")
    rejected.refresh_from_db()
    assert rejected.state == S.REJECTED
    for state in (S.DRAFT, S.SUBMITTED, S.REVISION_REQUESTED):
        proposal = _draft(member)
        Proposal.objects.filter(pk=proposal.pk).update(state=state)
        proposal.refresh_from_db()
        assert proposal_withdraw(actor=member.user, proposal=proposal).state == S.WITHDRAWN
    proposal_set_hidden(actor=moderator, proposal=rejected, hidden=True)
    rejected.refresh_from_db()
    assert rejected.hidden_from_public and rejected.state == S.REJECTED
    proposal_set_hidden(actor=moderator, proposal=rejected, hidden=False)
    rejected.refresh_from_db()
    assert not rejected.hidden_from_public


# Written independently of the service's own table: (action, role) -> states it is allowed in.
ALL = set(S.values)
ALLOWED = {
    ("submit", "proposer"): {S.DRAFT},
    ("resubmit", "proposer"): {S.REVISION_REQUESTED},
    ("withdraw", "proposer"): {S.DRAFT, S.SUBMITTED, S.REVISION_REQUESTED},
    ("start_review", "moderator"): {S.SUBMITTED},
    ("request_revision", "moderator"): {S.IN_REVIEW},
    ("approve", "moderator"): {S.IN_REVIEW},
    ("reject", "moderator"): {S.IN_REVIEW},
    ("hide", "moderator"): ALL,
}
ACTIONS = {
    "submit": lambda actor, p: proposal_submit(actor=actor, proposal=p),
    "resubmit": lambda actor, p: proposal_resubmit(actor=actor, proposal=p),
    "withdraw": lambda actor, p: proposal_withdraw(actor=actor, proposal=p),
    "start_review": lambda actor, p: proposal_start_review(actor=actor, proposal=p),
    "request_revision": lambda actor, p: proposal_request_revision(
        actor=actor, proposal=p, message="Perbaiki."
    ),
    "approve": _approve,
    "reject": lambda actor, p: proposal_reject(actor=actor, proposal=p, reason="Maaf."),
    "hide": lambda actor, p: proposal_set_hidden(actor=actor, proposal=p, hidden=True),
}
ROLES = ["proposer", "other_member", "moderator", "facilitator", "editor"]


def _counts(proposal):
    proposal.refresh_from_db()
    return (
        proposal.state,
        proposal.hidden_from_public,
        TimelineEvent.objects.count(),
        Notification.objects.count(),
        ModelLogEntry.objects.count(),
        ProposalRevision.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("state", sorted(ALL))
def test_refusal_matrix(state, member, moderator, wilayah):
    people = {
        "proposer": member.user,
        "other_member": verify(MemberProfileFactory()).user,
        "moderator": moderator,
        "facilitator": UserFactory(groups=[roles.FACILITATOR]),
        "editor": UserFactory(groups=[roles.EDITOR]),
    }
    for action, run in ACTIONS.items():
        for role in ROLES:
            proposal = _draft(member)
            Proposal.objects.filter(pk=proposal.pk).update(state=state)
            proposal.refresh_from_db()
            allowed = state in ALLOWED.get((action, role), set())
            before = _counts(proposal)
            if allowed:
                run(people[role], proposal)
                assert _counts(proposal) != before, (action, role, state)
                continue
            with pytest.raises(ActionError) as refused:
                run(people[role], proposal)
            assert str(refused.value), (action, role, state)
            assert _counts(proposal) == before, (action, role, state)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["pending", "suspended", "alumni"])
def test_only_members_who_may_submit_can_submit(kind, wilayah, cycle, moderator):
    profile = MemberProfileFactory()
    if kind != "pending":
        verify(profile)
    if kind == "suspended":
        admin = UserFactory(is_superuser=True)
        member_suspend(actor=admin, profile=profile, reason="Tunggu rapat.")
    if kind == "alumni":
        year, month = birth_for_age(18)
        MemberProfile.objects.filter(pk=profile.pk).update(birth_year=year, birth_month=month)
    proposal = _draft(profile)
    before = _counts(proposal)
    with pytest.raises(ActionError, match="belum bisa mengirim"):
        proposal_submit(actor=profile.user, proposal=proposal)
    assert _counts(proposal) == before


@pytest.mark.django_db
def test_closed_window_and_daily_limit(member, cycle, settings):
    settings.PROPOSAL_SUBMITS_PER_DAY = 2
    for _ in range(2):
        proposal_submit(actor=member.user, proposal=_draft(member))
    with pytest.raises(ActionError, match="besok"):
        proposal_submit(actor=member.user, proposal=_draft(member))
    MusrenbangCycle.objects.filter(pk=cycle.pk).update(
        submission_closes=timezone.localdate() - timedelta(days=1)
    )
    settings.PROPOSAL_SUBMITS_PER_DAY = 10
    with pytest.raises(ActionError, match="bisa dikirim dari"):
        proposal_submit(actor=member.user, proposal=_draft(member))


@pytest.mark.django_db
def test_a_failing_mail_server_breaks_nothing_and_the_retry_sends_once(
    member, moderator, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member.user, email="anak@example.org", verified=True)

    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("forum_anak.notifications.channels.send_mail", down)
    proposal = _draft(member)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_submit(actor=member.user, proposal=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_start_review(actor=moderator, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.state == S.IN_REVIEW
    failed = Notification.objects.filter(email_status="failed")
    assert failed.count() == 2 and not mailoutbox
    monkeypatch.undo()
    call_command("send_pending_notifications", stdout=__import__("io").StringIO())
    assert len(mailoutbox) == 2
    assert mailoutbox[0].subject == "Ada kabar baru di Portal Forum Anak"
    assert mailoutbox[0].to == ["anak@example.org"]
    call_command("send_pending_notifications", stdout=__import__("io").StringIO())
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_erasing_a_member_keeps_their_proposals_anonymised(member, moderator):
    proposal = proposal_submit(actor=member.user, proposal=_draft(member))
    proposal_start_review(actor=moderator, proposal=proposal)
    proposal.refresh_from_db()
    proposal_request_revision(actor=moderator, proposal=proposal, message="Pesan pribadi.")
    member_erase(user=member.user)
    proposal.refresh_from_db()
    assert proposal.proposer is None and proposal.proposer_kelurahan == member.kelurahan
    assert not TimelineEvent.objects.filter(message_to_proposer__contains="Pesan pribadi").exists()
    assert not Notification.objects.exists()


def test_erasing_a_member_deletes_their_photos_and_co_proposals(
    member, wilayah, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from forum_anak.models import CoProposer, ProposalPhoto

    proposal = proposal_submit(actor=member.user, proposal=_draft(member))
    draft = _draft(member, title="Belum dikirim")
    photo = ProposalPhoto(proposal=proposal)
    photo.file.save("foto.jpg", ContentFile(b"pixels"), save=True)
    stored = photo.file.name
    assert photo.file.storage.exists(stored)
    other = verify(MemberProfileFactory())
    others_proposal = _draft(other)
    CoProposer.objects.create(proposal=others_proposal, member=member.user)
    with django_capture_on_commit_callbacks(execute=True):
        member_erase(user=member.user)
    assert not ProposalPhoto.objects.exists()
    assert not photo.file.storage.exists(stored)
    assert not CoProposer.objects.exists()
    assert Proposal.objects.filter(pk=proposal.pk, proposer=None).exists()
    assert not Proposal.objects.filter(pk=draft.pk).exists()


def _in_threads(*calls):
    """Run each call in its own thread with its own database connection, at once."""
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, call):
        try:
            barrier.wait()
            results[i] = ("ok", call())
        except ActionError as error:
            results[i] = ("refused", str(error))
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            results[i] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_at_once_exactly_one_wins(wilayah, cycle):
    member = verify(MemberProfileFactory())
    first, second = (UserFactory(groups=[roles.PROPOSAL_MODERATOR]) for _ in range(2))
    proposal = proposal_submit(actor=member.user, proposal=_draft(member))
    proposal_start_review(actor=first, proposal=proposal)
    proposal.refresh_from_db()
    results = _in_threads(
        lambda: _approve(first, Proposal.objects.get(pk=proposal.pk)),
        lambda: proposal_reject(
            actor=second, proposal=Proposal.objects.get(pk=proposal.pk), reason="Maaf."
        ),
    )
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["ok", "refused"], results
    assert TimelineEvent.objects.filter(action__in=["approve", "reject"]).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_first_submits_at_once_get_different_codes(wilayah, cycle):
    members = [verify(MemberProfileFactory()) for _ in range(2)]
    drafts = [_draft(m) for m in members]
    results = _in_threads(
        *(
            (lambda m=m, d=d: proposal_submit(actor=m.user, proposal=d).code)
            for m, d in zip(members, drafts, strict=True)
        )
    )
    assert [kind for kind, _ in results] == ["ok", "ok"], results
    codes = {code for _, code in results}
    assert codes == {f"FA-{cycle.year}-0001", f"FA-{cycle.year}-0002"}
    assert connection.vendor in ("sqlite", "postgresql")
