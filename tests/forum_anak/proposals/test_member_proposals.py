"""A member's own proposals under /forum/usulan/: writing, editing, sending, following,
withdrawing; who may open what; the neutral view under a concern; co-proposers; the
"Usulanku" list and its query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum_anak.core.errors import ActionError
from forum_anak.membership.services import member_suspend
from forum_anak.models import (
    CoProposer,
    ForumGroup,
    ForumMembership,
    MemberProfile,
    MusrenbangCycle,
    Notification,
    Proposal,
    ProposalRevision,
    SafeguardingConcern,
    TimelineEvent,
)
from forum_anak.proposals.services import (
    proposal_draft_create,
    proposal_reject,
    proposal_request_revision,
    proposal_resubmit,
    proposal_start_review,
    proposal_submit,
)
from forum_anak.proposals.writing import co_proposers_invite
from forum_anak.safeguarding.services import concern_raise
from portal import roles
from tests.factories import HotlineFactory, UserFactory
from tests.forum_anak.factories import MemberProfileFactory, birth_for_age, verify

pytestmark = pytest.mark.django_db
S = Proposal.State


@pytest.fixture
def other(cycle):
    return verify(MemberProfileFactory())


def url(name: str, *args) -> str:
    return reverse(f"forum_anak:{name}", args=args)


def form_data(profile: MemberProfile, **changes) -> dict:
    data = {
        "title": "Lampu jalan dekat masjid",
        "problem": "Lampu jalan di dekat masjid mati, jadi anak-anak takut pulang mengaji.",
        "proposed_action": "Lampu jalan diperbaiki dan dinyalakan setiap malam.",
        "beneficiaries": "Anak-anak yang mengaji",
        "kelurahan": profile.kelurahan_id,
        "landmark": "Depan masjid",
        "cluster_suggested": "",
        "action": "save",
    }
    data.update(changes)
    return data


def draft_of(profile: MemberProfile, **kwargs) -> Proposal:
    return proposal_draft_create(
        actor=profile.user,
        title=kwargs.pop("title", "Taman bermain"),
        problem="Tidak ada tempat bermain yang aman.",
        proposed_action="Bangun taman kecil di lahan kosong.",
        **kwargs,
    )


def text(response) -> str:
    return response.content.decode()


# --- Writing, editing, deleting ------------------------------------------------------------


def test_the_new_proposal_form_explains_each_field_with_an_example(client, member):
    client.force_login(member.user)
    page = text(client.get(url("proposal_create")))
    assert 'enctype="multipart/form-data"' in page
    for words in (
        "Masalah apa yang kamu lihat?",
        "Apa yang sebaiknya dilakukan?",
        "Siapa yang akan terbantu?",
        "Jangan pernah menulis alamat rumah",
        "Aku belum tahu",
        "Contoh: Lampu jalan di dekat masjid mati, jadi anak-anak takut pulang mengaji.",
        "Apa yang terjadi sesudah ini?",
        "Simpan draf",
    ):
        assert words in page


def test_a_missing_field_is_a_form_error_and_nothing_is_saved(client, member):
    client.force_login(member.user)
    response = client.post(url("proposal_create"), form_data(member, problem=""))
    assert response.status_code == 200
    assert "Ada yang perlu diperbaiki" in text(response)
    assert not Proposal.objects.exists()


def test_any_member_saves_a_draft_even_before_verification(client, cycle):
    pending = MemberProfileFactory()
    client.force_login(pending.user)
    response = client.post(
        url("proposal_create"), form_data(pending, cluster_suggested="kesehatan")
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("proposal_detail", proposal.pk)
    assert proposal.proposer == pending.user and proposal.state == S.DRAFT
    assert proposal.cluster_suggested == "kesehatan" and proposal.group is None
    page = text(client.get(url("proposal_detail", proposal.pk)))
    assert "Lampu jalan dekat masjid" in page
    assert "setelah akunmu terverifikasi" in page


def test_save_and_send_now_submits_in_one_go(client, member):
    client.force_login(member.user)
    client.post(url("proposal_create"), form_data(member, action="submit"))
    proposal = Proposal.objects.get()
    assert proposal.state == S.SUBMITTED and proposal.code


def test_the_owner_edits_a_draft(client, member):
    proposal = draft_of(member)
    client.force_login(member.user)
    assert client.get(url("proposal_edit", proposal.pk)).status_code == 200
    response = client.post(
        url("proposal_edit", proposal.pk), form_data(member, title="Taman bermain baru")
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Taman bermain baru" and proposal.landmark == "Depan masjid"


def test_a_submitted_proposal_can_no_longer_be_edited(client, member):
    proposal = proposal_submit(actor=member.user, proposal=draft_of(member))
    client.force_login(member.user)
    client.post(url("proposal_edit", proposal.pk), form_data(member, title="Diubah diam-diam"))
    proposal.refresh_from_db()
    assert proposal.title == "Taman bermain"


def test_the_owner_deletes_a_draft_after_confirming(client, member):
    proposal = draft_of(member)
    client.force_login(member.user)
    page = text(client.get(url("proposal_delete", proposal.pk)))
    assert "Hapus draf ini?" in page
    assert Proposal.objects.filter(pk=proposal.pk).exists()  # GET changes nothing
    response = client.post(url("proposal_delete", proposal.pk))
    assert response.status_code == 302
    assert not Proposal.objects.filter(pk=proposal.pk).exists()


def test_a_sent_proposal_cannot_be_deleted(client, member):
    proposal = proposal_submit(actor=member.user, proposal=draft_of(member))
    client.force_login(member.user)
    client.post(url("proposal_delete", proposal.pk))
    assert Proposal.objects.filter(pk=proposal.pk, state=S.SUBMITTED).exists()


# --- Who may open what -----------------------------------------------------------------------

OWNER_PAGES = ["proposal_detail", "proposal_edit", "proposal_delete", "proposal_send"]
OWNER_PAGES += ["proposal_withdraw", "proposal_photo", "proposal_invite"]


@pytest.mark.parametrize("name", OWNER_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_member_gets_404_and_changes_nothing(client, member, other, name, method):
    group = ForumGroup.objects.get(area=member.kelurahan)
    ForumMembership.objects.get_or_create(member=member.user, group=group)
    proposal = draft_of(member, group=group)
    client.force_login(other.user)
    response = getattr(client, method)(url(name, proposal.pk), form_data(other, title="Diambil"))
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == S.DRAFT and proposal.title == "Taman bermain"
    assert not TimelineEvent.objects.exists()


def test_staff_without_a_member_profile_get_the_plain_403(client, cycle, member):
    proposal = draft_of(member)
    client.force_login(UserFactory(groups=[roles.PROPOSAL_MODERATOR]))
    assert client.get(url("proposal_detail", proposal.pk)).status_code == 403


def test_signed_out_visitors_are_sent_to_the_login_page(client, member):
    proposal = draft_of(member)
    response = client.get(url("proposal_detail", proposal.pk))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]


# --- Sending -------------------------------------------------------------------------------


def test_the_send_page_says_what_happens_next_and_post_submits(client, member):
    proposal = draft_of(member)
    client.force_login(member.user)
    page = text(client.get(url("proposal_send", proposal.pk)))
    assert "Apa yang terjadi sesudah ini?" in page
    assert "tanpa namamu yang asli" in page
    proposal.refresh_from_db()
    assert proposal.state == S.DRAFT  # GET changes nothing
    response = client.post(url("proposal_send", proposal.pk), follow=True)
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED
    assert "Usulanmu sudah terkirim" in text(response)


def _alumni(profile):
    year, month = birth_for_age(18)
    MemberProfile.objects.filter(pk=profile.pk).update(birth_year=year, birth_month=month)


def _suspended(profile):
    member_suspend(actor=UserFactory(is_superuser=True), profile=profile, reason="Sedang diperiksa")


@pytest.mark.parametrize("make", ["pending", "suspended", "alumni"])
def test_submit_is_refused_with_a_message_for_members_who_may_not(client, cycle, make):
    profile = MemberProfileFactory()
    if make != "pending":
        verify(profile)
    proposal = draft_of(profile)
    if make == "suspended":
        _suspended(profile)
    elif make == "alumni":
        _alumni(profile)
    client.force_login(profile.user)
    response = client.post(url("proposal_send", proposal.pk), follow=True)
    assert "Akunmu belum bisa mengirim usulan" in text(response)
    proposal.refresh_from_db()
    assert proposal.state == S.DRAFT and proposal.code is None
    assert not TimelineEvent.objects.exists() and not Notification.objects.exists()


def test_a_closed_window_gives_the_dates(client, member, cycle):
    proposal = draft_of(member)
    today = timezone.localdate()
    MusrenbangCycle.objects.filter(pk=cycle.pk).update(
        submission_opens=today + timedelta(days=5), submission_closes=today + timedelta(days=30)
    )
    client.force_login(member.user)
    response = client.post(url("proposal_send", proposal.pk), follow=True)
    assert f"musrenbang {cycle.year} bisa dikirim dari" in text(response)
    proposal.refresh_from_db()
    assert proposal.state == S.DRAFT


def test_the_daily_limit_is_a_clear_message(client, member, settings):
    settings.PROPOSAL_SUBMITS_PER_DAY = 1
    first, second = draft_of(member), draft_of(member, title="Kedua")
    client.force_login(member.user)
    client.post(url("proposal_send", first.pk))
    response = client.post(url("proposal_send", second.pk), follow=True)
    assert "Kirim lagi besok" in text(response)
    second.refresh_from_db()
    assert second.state == S.DRAFT


def test_a_correction_is_resubmitted_as_a_new_revision(client, member, moderator):
    proposal = proposal_submit(actor=member.user, proposal=draft_of(member))
    proposal_start_review(actor=moderator, proposal=proposal)
    proposal_request_revision(
        actor=moderator, proposal=proposal, message="Sebutkan tempatnya, tanpa alamat rumah."
    )
    client.force_login(member.user)
    page = text(client.get(url("proposal_detail", proposal.pk)))
    assert "Kirim perbaikan" in page and "Perlu kamu perbaiki" in page
    client.post(url("proposal_edit", proposal.pk), form_data(member, title="Taman di lapangan"))
    client.post(url("proposal_send", proposal.pk))
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED
    revisions = list(ProposalRevision.objects.filter(proposal=proposal).order_by("number"))
    assert [r.title for r in revisions] == ["Taman bermain", "Taman di lapangan"]


@pytest.mark.parametrize("state", ["draft", "submitted", "revision_requested"])
def test_the_owner_withdraws(client, member, moderator, state):
    proposal = draft_of(member)
    if state != "draft":
        proposal = proposal_submit(actor=member.user, proposal=proposal)
    if state == "revision_requested":
        proposal_start_review(actor=moderator, proposal=proposal)
        proposal_request_revision(actor=moderator, proposal=proposal, message="Ubah")
    client.force_login(member.user)
    assert "Tarik usulan ini?" in text(client.get(url("proposal_withdraw", proposal.pk)))
    client.post(url("proposal_withdraw", proposal.pk))
    proposal.refresh_from_db()
    assert proposal.state == S.WITHDRAWN


# --- The private timeline and the neutral view -------------------------------------------


def test_the_timeline_shows_messages_newest_first_and_never_internal_notes(
    client, member, moderator
):
    proposal = proposal_submit(actor=member.user, proposal=draft_of(member))
    proposal_start_review(actor=moderator, proposal=proposal, internal_note="CATATAN-INTERNAL-SATU")
    proposal_request_revision(
        actor=moderator,
        proposal=proposal,
        message="PESAN-PERTAMA untukmu",
        internal_note="CATATAN-INTERNAL-DUA",
    )
    proposal_resubmit(actor=member.user, proposal=proposal)
    proposal_start_review(actor=moderator, proposal=proposal)
    proposal_reject(
        actor=moderator, proposal=proposal, reason="PESAN-KEDUA alasannya", internal_note="X-NOTE"
    )
    client.force_login(member.user)
    page = text(client.get(url("proposal_detail", proposal.pk)))
    assert "PESAN-PERTAMA" in page and "PESAN-KEDUA" in page
    assert page.index("PESAN-KEDUA") < page.index("PESAN-PERTAMA")
    assert "CATATAN-INTERNAL" not in page and "X-NOTE" not in page
    assert "Belum bisa diteruskan" in page


def test_under_a_concern_the_writer_sees_only_the_neutral_status_and_help(
    client, member, moderator
):
    HotlineFactory(name="Layanan Kota", phone="0374 12345", sort_order=1)
    HotlineFactory()  # SAPA 129, which comes first
    proposal = proposal_submit(actor=member.user, proposal=draft_of(member))
    proposal_start_review(actor=moderator, proposal=proposal)
    proposal_request_revision(actor=moderator, proposal=proposal, message="PESAN-SEBELUM-LAPORAN")
    concern_raise(actor=moderator, source="proposal", proposal=proposal, description="x")
    client.force_login(member.user)
    page = text(client.get(url("proposal_detail", proposal.pk)))
    assert "Sedang ditinjau petugas" in page
    for hidden in ("PESAN-SEBELUM-LAPORAN", "Taman bermain", "Perlu kamu perbaiki", proposal.code):
        assert hidden not in page
    assert page.index("129") < page.index("0374 12345")
    home = text(client.get(url("home")))
    assert "Sedang ditinjau petugas" in home and "Taman bermain" not in home
    # Nor can it be changed or its photo fetched meanwhile.
    client.post(url("proposal_withdraw", proposal.pk))
    proposal.refresh_from_db()
    assert proposal.state == S.REVISION_REQUESTED
    assert client.get(url("proposal_photo", proposal.pk)).status_code == 404


# --- Co-proposers ----------------------------------------------------------------------------


@pytest.fixture
def group_with_friend(member):
    group = ForumGroup.objects.get(area=member.kelurahan)
    friend = verify(MemberProfileFactory(nickname="Melati"), approve_nickname=True)
    for profile in (member, friend):
        ForumMembership.objects.get_or_create(member=profile.user, group=group)
    return group, friend


def test_writing_for_my_group_sets_the_group(client, member, group_with_friend):
    group, _friend = group_with_friend
    client.force_login(member.user)
    assert group.name in text(client.get(url("proposal_create")))
    client.post(url("proposal_create"), form_data(member, for_whom=group.pk))
    assert Proposal.objects.get().group == group


def test_a_group_i_do_not_belong_to_is_refused(client, member, group_with_friend):
    stranger_group = ForumGroup.objects.exclude(memberships__member=member.user).first()
    client.force_login(member.user)
    response = client.post(url("proposal_create"), form_data(member, for_whom=stranger_group.pk))
    assert response.status_code == 200 and not Proposal.objects.exists()


def test_a_co_proposer_is_listed_only_after_confirming(client, member, group_with_friend):
    group, friend = group_with_friend
    proposal = draft_of(member, group=group)
    client.force_login(member.user)
    assert "Melati" in text(client.get(url("proposal_invite", proposal.pk)))
    client.post(url("proposal_invite", proposal.pk), {"members": [friend.user_id]})
    invitation = CoProposer.objects.get(proposal=proposal)
    assert invitation.member == friend.user and invitation.confirmed_at is None
    note = Notification.objects.get(recipient=friend.user)
    assert note.subject == "Ada kabar baru di Portal Forum Anak"
    assert "Melati" not in text(client.get(url("proposal_detail", proposal.pk)))

    client.force_login(friend.user)
    assert client.get(url("proposal_detail", proposal.pk)).status_code == 404
    assert "Taman bermain" in text(client.get(url("invitations")))
    client.post(url("invitation_respond", proposal.pk), {"answer": "yes"})
    assert client.get(url("proposal_detail", proposal.pk)).status_code == 200
    # Not the owner: no edit, no withdraw.
    assert client.get(url("proposal_edit", proposal.pk)).status_code == 404

    client.force_login(member.user)
    assert "Melati" in text(client.get(url("proposal_detail", proposal.pk)))


def test_a_declined_invitation_lists_nobody(client, member, group_with_friend):
    group, friend = group_with_friend
    proposal = draft_of(member, group=group)
    co_proposers_invite(actor=member.user, proposal=proposal, member_ids=[friend.user_id])
    client.force_login(friend.user)
    client.post(url("invitation_respond", proposal.pk), {"answer": "no"})
    assert client.get(url("proposal_detail", proposal.pk)).status_code == 404
    client.force_login(member.user)
    assert "Melati" not in text(client.get(url("proposal_detail", proposal.pk)))


def test_only_members_of_the_group_can_be_invited(member, other, group_with_friend):
    group, _friend = group_with_friend
    proposal = draft_of(member, group=group)
    with pytest.raises(ActionError):
        co_proposers_invite(actor=member.user, proposal=proposal, member_ids=[other.user_id])
    assert not CoProposer.objects.exists()


def test_co_proposers_do_not_see_a_proposal_under_concern(
    client, member, group_with_friend, moderator
):
    group, friend = group_with_friend
    proposal = draft_of(member, group=group)
    co_proposers_invite(actor=member.user, proposal=proposal, member_ids=[friend.user_id])
    CoProposer.objects.update(confirmed_at=timezone.now())
    proposal = proposal_submit(actor=member.user, proposal=proposal)
    concern_raise(actor=moderator, source="proposal", proposal=proposal)
    client.force_login(friend.user)
    assert client.get(url("proposal_detail", proposal.pk)).status_code == 404
    assert "Taman bermain" not in text(client.get(url("home")))
    assert SafeguardingConcern.objects.count() == 1


# --- "Usulanku" on /forum/ ----------------------------------------------------------------


def test_home_lists_my_proposals_newest_first_with_their_state(client, member, other):
    older = draft_of(member, title="Usulan lama")
    Proposal.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=2))
    proposal_submit(actor=member.user, proposal=draft_of(member, title="Usulan baru"))
    draft_of(other, title="Punya orang lain")
    client.force_login(member.user)
    page = text(client.get(url("home")))
    assert page.index("Usulan baru") < page.index("Usulan lama")
    assert "Terkirim, menunggu diperiksa" in page and "Draf, belum dikirim" in page
    assert "Punya orang lain" not in page


def test_home_costs_the_same_queries_with_2_or_20_proposals(client, member, moderator):
    client.force_login(member.user)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("home")).status_code == 200
        return len(captured)

    for i in range(2):
        draft_of(member, title=f"Usulan {i}")
    count()  # warm-up
    with_two = count()
    for i in range(18):
        proposal = draft_of(member, title=f"Lagi {i}")
        if i % 3 == 0:
            concern_raise(actor=moderator, source="proposal", proposal=proposal)
    assert count() == with_two


# --- The writing services on their own ----------------------------------------------------


def test_an_edit_from_a_stale_page_cannot_land_on_a_sent_proposal(member):
    from forum_anak.proposals.writing import proposal_draft_update

    stale = draft_of(member)
    proposal_submit(actor=member.user, proposal=Proposal.objects.get(pk=stale.pk))
    assert stale.state == S.DRAFT  # the object in memory still says draft
    with pytest.raises(ActionError):
        proposal_draft_update(
            actor=member.user,
            proposal=stale,
            title="Diubah",
            problem="x",
            proposed_action="y",
        )
    assert Proposal.objects.get(pk=stale.pk).title == "Taman bermain"


def test_only_the_writer_may_update_or_delete(member, other):
    from forum_anak.proposals.writing import proposal_draft_delete, proposal_draft_update

    proposal = draft_of(member)
    with pytest.raises(ActionError):
        proposal_draft_update(
            actor=other.user, proposal=proposal, title="Diambil", problem="x", proposed_action="y"
        )
    with pytest.raises(ActionError):
        proposal_draft_delete(actor=other.user, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.title == "Taman bermain"
