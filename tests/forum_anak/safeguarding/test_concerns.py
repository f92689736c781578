"""Safeguarding concerns: raising hides the source at once and tells nobody; closing as
"no concern" brings it back, a referral keeps it hidden; two officers cannot both win."""

import threading
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.db import connections
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image

from forum_anak.core.errors import ActionError
from forum_anak.models import (
    Area,
    ConcernAccess,
    CoProposer,
    Notification,
    Proposal,
    ProposalPhoto,
    SafeguardingConcern,
    TimelineEvent,
)
from forum_anak.proposals.services import (
    proposal_approve,
    proposal_draft_create,
    proposal_start_review,
    proposal_submit,
)
from forum_anak.safeguarding.services import (
    concern_close,
    concern_raise,
    concern_refer,
    concern_request_help,
    concern_version,
    concerns_list_read,
)
from portal import roles
from tests.factories import HotlineFactory, UserFactory
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify

S = Proposal.State
Status = SafeguardingConcern.Status


def draft(profile, **kwargs):
    return proposal_draft_create(
        actor=profile.user,
        title=kwargs.pop("title", "Lampu jalan di gang sekolah"),
        problem="Gang ke sekolah gelap saat pulang les.",
        proposed_action="Pasang lampu jalan di gang itu.",
        **kwargs,
    )


def approved(profile, moderator) -> Proposal:
    proposal = proposal_submit(actor=profile.user, proposal=draft(profile))
    proposal_start_review(actor=moderator, proposal=proposal)
    proposal.refresh_from_db()
    proposal_approve(
        actor=moderator,
        proposal=proposal,
        public_title="Lampu jalan menuju sekolah",
        public_problem="Gang menuju sekolah gelap pada malam hari.",
        public_activity="Pemasangan lampu penerangan jalan.",
        cluster="perlindungan",
    )
    proposal.refresh_from_db()
    return proposal


def jpeg() -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name="foto.jpg")


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def with_photo(proposal) -> ProposalPhoto:
    return ProposalPhoto.objects.create(
        proposal=proposal, file=jpeg(), width=40, height=30, safe_for_public=True
    )


def public(proposal) -> bool:
    from forum_anak.public.selectors import board_proposals

    in_public = Proposal.objects.public().filter(pk=proposal.pk).exists()
    on_board = board_proposals().filter(pk=proposal.pk).exists()
    assert in_public == on_board
    return in_public


# --- Paths (acceptance 1) -----------------------------------------------------------------------


def test_proposal_concern_hides_closing_brings_back_referral_keeps_hidden(
    member, moderator, officer, hotline
):
    proposal = approved(member, moderator)
    assert public(proposal)

    first = concern_raise(
        actor=moderator, source="proposal", proposal=proposal, description="Ada nomor HP."
    )
    assert first.status == Status.OPEN and first.member_label == member.label
    assert not public(proposal)
    assert Proposal.objects.under_concern().filter(pk=proposal.pk).exists()

    concern_close(actor=officer, concern_id=first.pk, note="Nomornya milik kantor lurah.")
    assert public(proposal)

    second = concern_raise(actor=moderator, source="proposal", proposal=proposal)
    assert not public(proposal)
    referred = concern_refer(
        actor=officer,
        concern_id=second.pk,
        referred_to=hotline,
        contact="Ibu Ani, konselor",
        action_taken="Ditelepon, anak didampingi.",
    )
    assert referred.status == Status.REFERRED and referred.referred_to == hotline
    assert not public(proposal)
    # A referred concern is not closed as "no concern": the source stays hidden.
    with pytest.raises(ActionError, match="Dirujuk"):
        concern_close(actor=officer, concern_id=second.pk, note="Selesai.")
    assert not public(proposal)
    proposal.refresh_from_db()
    assert proposal.state == S.APPROVED and not proposal.hidden_from_public


def test_profile_concern_hides_every_proposal_of_the_member(member, moderator, officer):
    proposals = [approved(member, moderator) for _ in range(2)]
    other = approved(verify(MemberProfileFactory()), moderator)
    facilitator = make_facilitator(member.kelurahan.parent)
    concern = concern_raise(
        actor=facilitator, source="profile", member=member.user, description="Cerita di rapat."
    )
    assert concern.proposal is None and concern.member == member.user
    assert not any(public(p) for p in proposals)
    assert public(other)
    concern_close(actor=officer, concern_id=concern.pk, note="Sudah dicek.")
    assert all(public(p) for p in proposals)


def test_photo_concern_hides_the_photo_not_the_proposal(member, moderator, officer, private_media):
    from forum_anak.public.selectors import board_proposals, public_photo

    proposal = approved(member, moderator)
    photo = with_photo(proposal)
    assert public_photo(code=proposal.code) == photo
    assert board_proposals().get(pk=proposal.pk).photo_public
    concern = concern_raise(actor=moderator, source="photo", photo=photo, description="Wajah.")
    assert concern.proposal == proposal and concern.photo == photo
    assert public_photo(code=proposal.code) is None
    assert not board_proposals().get(pk=proposal.pk).photo_public
    assert public(proposal)
    concern_close(actor=officer, concern_id=concern.pk, note="Bukan wajah anak.")
    assert public_photo(code=proposal.code) == photo


def test_a_concern_about_a_proposal_also_hides_its_photo(member, moderator, private_media):
    from forum_anak.public.selectors import board_proposals, public_photo

    proposal = approved(member, moderator)
    photo = with_photo(proposal)
    assert public_photo(code=proposal.code) == photo
    concern_raise(actor=moderator, source="proposal", proposal=proposal)
    assert public_photo(code=proposal.code) is None
    assert not board_proposals().filter(pk=proposal.pk).exists()


@pytest.mark.parametrize("state", list(S.values))
def test_a_moderator_can_raise_from_any_state(state, member, moderator):
    proposal = draft(member)
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    proposal.refresh_from_db()
    concern = concern_raise(actor=moderator, source="proposal", proposal=proposal)
    assert concern.is_active
    assert Proposal.objects.under_concern().filter(pk=proposal.pk).exists()


def test_who_may_raise_about_what(member, moderator, wilayah, private_media):
    proposal = approved(member, moderator)
    photo = with_photo(proposal)
    own = make_facilitator(member.kelurahan.parent)
    elsewhere = make_facilitator(
        Area.objects.filter(level=Area.Level.KECAMATAN).exclude(pk=member.kelurahan.parent_id)[0]
    )
    editor = UserFactory(groups=[roles.EDITOR])
    superuser = UserFactory(is_superuser=True)
    cases = [
        (moderator, "proposal", True),
        (moderator, "photo", True),
        (moderator, "profile", False),
        (own, "profile", True),
        (own, "photo", True),
        (own, "proposal", False),
        (elsewhere, "profile", False),
        (elsewhere, "photo", False),
        (editor, "proposal", False),
        (editor, "profile", False),
        (member.user, "proposal", False),
        (superuser, "proposal", True),
    ]
    targets = {
        "proposal": {"proposal": proposal},
        "photo": {"photo": photo},
        "profile": {"member": member.user},
    }
    for actor, source, allowed in cases:
        before = SafeguardingConcern.objects.count()
        if allowed:
            concern_raise(actor=actor, source=source, **targets[source])
            assert SafeguardingConcern.objects.count() == before + 1, (actor, source)
        else:
            with pytest.raises(ActionError, match="tidak boleh"):
                concern_raise(actor=actor, source=source, **targets[source])
            assert SafeguardingConcern.objects.count() == before, (actor, source)


# --- Raising tells nobody (acceptance 7) ---------------------------------------------------------


def test_raising_sends_no_mail_no_notification_no_timeline_and_tells_no_co_proposer(
    member, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    proposal = approved(member, moderator)
    co = verify(MemberProfileFactory())
    CoProposer.objects.create(proposal=proposal, member=co.user, confirmed_at=timezone.now())
    for profile in (member, co):
        EmailAddress.objects.create(
            user=profile.user, email=f"{profile.nickname}@example.org", verified=True
        )
    facilitator = make_facilitator(member.kelurahan.parent)
    before = (
        Notification.objects.count(),
        TimelineEvent.objects.count(),
        Notification.objects.filter(recipient=co.user).count(),
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        concern_raise(actor=moderator, source="proposal", proposal=proposal, description="A")
        concern_raise(actor=facilitator, source="profile", member=member.user, description="B")
        concern_request_help(actor=member.user, message="Aku takut.", proposal=proposal)
        concern_request_help(actor=co.user, message="")
    assert callbacks == []
    assert mailoutbox == []
    after = (
        Notification.objects.count(),
        TimelineEvent.objects.count(),
        Notification.objects.filter(recipient=co.user).count(),
    )
    assert after == before
    assert SafeguardingConcern.objects.count() == 4
    proposal.refresh_from_db()
    assert proposal.state == S.APPROVED


def test_child_help_request_about_own_proposal_hides_it_and_a_second_tap_adds_nothing(
    member, moderator
):
    proposal = approved(member, moderator)
    first = concern_request_help(actor=member.user, proposal=proposal)
    assert first.source == "help" and first.raised_by_child and first.proposal == proposal
    assert not public(proposal)
    again = concern_request_help(actor=member.user, proposal=proposal)
    assert again.pk == first.pk
    stranger = verify(MemberProfileFactory())
    theirs = concern_request_help(actor=stranger.user, proposal=proposal)
    assert theirs.proposal is None  # not their proposal: the request is about them only
    with pytest.raises(ActionError):
        concern_request_help(actor=moderator, message="x")


def test_the_child_sees_only_the_neutral_status_on_their_proposal_page(client, member, moderator):
    """The child's own page (forum_anak:proposal_detail, built with the member area) shows
    "sedang ditinjau petugas" and nothing of the concern: who raised it, why, its status."""
    proposal = approved(member, moderator)
    concern_raise(
        actor=moderator,
        source="proposal",
        proposal=proposal,
        description="RAHASIA-PETUGAS nomor HP di foto",
    )
    try:
        page = reverse("forum_anak:proposal_detail", args=[proposal.pk])
    except NoReverseMatch:
        page = reverse("forum_anak:proposal_detail", args=[proposal.code])
    client.force_login(member.user)
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "sedang ditinjau petugas" in html.lower()
    # The help information may name the petugas perlindungan; the concern itself never shows.
    for secret in ("RAHASIA-PETUGAS", "Dirujuk", "Terbuka", moderator.username):
        assert secret not in html, secret
    assert "laporan perlindungan" not in html.lower()
    assert proposal.get_state_display() not in html


# --- The officer's actions ----------------------------------------------------------------------


def test_refusals_change_nothing(member, moderator, officer, hotline):
    proposal = approved(member, moderator)
    concern = concern_raise(actor=moderator, source="proposal", proposal=proposal)
    inactive = HotlineFactory(name="Layanan lama", is_active=False)

    def snapshot():
        concern.refresh_from_db()
        return (
            concern.status,
            concern.referred_to_id,
            concern.closing_note,
            ConcernAccess.objects.count(),
        )

    before = snapshot()
    refusals = [
        lambda: concern_close(actor=officer, concern_id=concern.pk, note="  "),
        lambda: concern_refer(
            actor=officer, concern_id=concern.pk, referred_to=hotline, contact="", action_taken="x"
        ),
        lambda: concern_refer(
            actor=officer,
            concern_id=concern.pk,
            referred_to=inactive,
            contact="Ibu Ani",
            action_taken="x",
        ),
        lambda: concern_refer(
            actor=officer,
            concern_id=concern.pk,
            referred_to=hotline,
            contact="Ibu Ani",
            action_taken="x",
            referred_at=timezone.now() + timedelta(days=2),
        ),
        lambda: concern_close(actor=moderator, concern_id=concern.pk, note="Bukan apa-apa."),
        lambda: concern_close(
            actor=UserFactory(is_superuser=True), concern_id=concern.pk, note="Bukan."
        ),
        lambda: concern_close(actor=officer, concern_id=concern.pk + 999, note="x"),
        lambda: concern_close(actor=officer, concern_id=concern.pk, note="x", seen="referred|x"),
    ]
    for refuse in refusals:
        with pytest.raises(ActionError) as refused:
            refuse()
        assert str(refused.value)
        assert snapshot() == before
    assert not public(proposal)


def test_list_is_open_first_then_referred_then_closed(member, moderator, officer, hotline):
    proposals = [draft(member) for _ in range(3)]
    closed, referred, open_ = (
        concern_raise(actor=moderator, source="proposal", proposal=p) for p in proposals
    )
    concern_close(actor=officer, concern_id=closed.pk, note="Aman.")
    concern_refer(
        actor=officer, concern_id=referred.pk, referred_to=hotline, contact="A", action_taken="B"
    )
    listed = list(concerns_list_read(actor=officer))
    assert [c.pk for c in listed] == [open_.pk, referred.pk, closed.pk]
    only_closed = list(concerns_list_read(actor=officer, status="closed"))
    assert [c.pk for c in only_closed] == [closed.pk]


def test_a_second_referral_over_a_colleagues_is_refused_with_what_they_saw(
    member, moderator, officer, hotline
):
    concern = concern_raise(actor=moderator, source="proposal", proposal=draft(member))
    seen = concern_version(concern)
    colleague = UserFactory(groups=[roles.PROTECTION_OFFICER])
    concern_refer(
        actor=colleague, concern_id=concern.pk, referred_to=hotline, contact="A", action_taken="B"
    )
    with pytest.raises(ActionError, match="diubah orang lain"):
        concern_refer(
            actor=officer,
            concern_id=concern.pk,
            referred_to=hotline,
            contact="C",
            action_taken="D",
            seen=seen,
        )
    concern.refresh_from_db()
    assert concern.referral_contact == "A"


def _in_threads(*calls):
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
@pytest.mark.parametrize("second_action", ["close", "refer"])
def test_two_officers_at_once_exactly_one_wins(wilayah, cycle, second_action):
    member = verify(MemberProfileFactory())
    moderator = UserFactory(groups=[roles.PROPOSAL_MODERATOR])
    first, second = (UserFactory(groups=[roles.PROTECTION_OFFICER]) for _ in range(2))
    hotline = HotlineFactory()
    concern = concern_raise(actor=moderator, source="proposal", proposal=draft(member))
    seen = concern_version(concern)

    def refer(actor, contact):
        return concern_refer(
            actor=actor,
            concern_id=concern.pk,
            referred_to=hotline,
            contact=contact,
            action_taken="Dirujuk.",
            seen=seen,
        )

    other = (
        (lambda: concern_close(actor=second, concern_id=concern.pk, note="Aman.", seen=seen))
        if second_action == "close"
        else (lambda: refer(second, "Petugas kedua"))
    )
    results = _in_threads(lambda: refer(first, "Petugas pertama"), other)
    assert sorted(kind for kind, _ in results) == ["ok", "refused"], results
    decisions = ConcernAccess.objects.filter(
        concern=concern, action__in=[ConcernAccess.Action.REFER, ConcernAccess.Action.CLOSE]
    )
    assert decisions.count() == 1
    concern.refresh_from_db()
    winner = first if results[0][0] == "ok" else second
    assert concern.decided_by == winner
