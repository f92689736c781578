"""The moderation back office (/admin/usulan/): who gets in, each action through its view,
refusals, the approve form, bulk actions, the staff layer and the photo stream."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from forum_anak.core.errors import ActionError
from forum_anak.models import (
    Area,
    Notification,
    Opd,
    Proposal,
    ProposalPhoto,
    ProposalReport,
    TimelineEvent,
    Urusan,
)
from forum_anak.moderation.services import proposal_public_version_save
from forum_anak.proposals.services import (
    proposal_draft_create,
    proposal_reject,
    proposal_request_revision,
    proposal_resubmit,
    proposal_start_review,
    proposal_submit,
)
from portal import roles
from tests.factories import UserFactory
from tests.forum_anak.factories import make_facilitator
from tests.forum_anak.moderation.conftest import SECRET_NAME, SECRET_SCHOOL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_second_factor")]
S = Proposal.State


# --- Helpers (shared with the other moderation test files) ------------------------------------


def submitted(member, *, title="Lampu jalan di gang sekolah", **kwargs) -> Proposal:
    """A proposal the member wrote and sent (daily limit lifted by moving old events)."""
    draft = proposal_draft_create(
        actor=member.user,
        title=title,
        problem=kwargs.pop("problem", "Gang ke sekolah gelap saat pulang les."),
        proposed_action=kwargs.pop("proposed_action", "Pasang lampu jalan di gang itu."),
        **kwargs,
    )
    proposal = proposal_submit(actor=member.user, proposal=draft)
    TimelineEvent.objects.filter(action="submit").update(
        created_at=timezone.now() - timedelta(days=2)
    )
    return proposal


def in_review(member, moderator, **kwargs) -> Proposal:
    proposal = submitted(member, **kwargs)
    proposal_start_review(actor=moderator, proposal=proposal)
    proposal.refresh_from_db()
    return proposal


def add_photo(proposal) -> ProposalPhoto:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, format="JPEG")
    return ProposalPhoto.objects.create(
        proposal=proposal, file=ContentFile(buffer.getvalue(), name="foto.jpg"), width=40, height=30
    )


def u(name, *args):
    return reverse(f"usulan_admin:{name}", args=args)


def message_texts(response) -> list[str]:
    return [str(m.message) for m in get_messages(response.wsgi_request)]


def state_snapshot():
    return (
        list(Proposal.objects.order_by("pk").values_list("pk", "state", "hidden_from_public")),
        TimelineEvent.objects.count(),
        Notification.objects.count(),
        list(ProposalPhoto.objects.values_list("safe_for_public", flat=True)),
        list(ProposalReport.objects.values_list("handled_at", flat=True)),
    )


# --- Who gets in ------------------------------------------------------------------------------


def _user_for(role, member):
    if role == "anonymous":
        return None
    if role == "member":
        return member.user
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if role == "facilitator":
        return make_facilitator(member.kelurahan.parent)
    return UserFactory(groups=[role])


def _moderation_urls(proposal, report):
    pk = proposal.pk
    return [
        u("queue"),
        u("bulk"),
        u("reports"),
        u("detail", pk),
        u("photo", pk),
        u("photo_safe", pk),
        u("start_review", pk),
        u("request_revision", pk),
        u("approve", pk),
        u("public_version", pk),
        u("reject", pk),
        u("hide", pk),
        u("staff_layer", pk),
        u("report_handle", pk, report.pk),
    ]


@pytest.fixture
def world(member, moderator):
    proposal = in_review(member, moderator)
    add_photo(proposal)
    Proposal.objects.filter(pk=proposal.pk).update(state=S.APPROVED)
    report = ProposalReport.objects.create(proposal=proposal, reason="other", note="cek")
    Proposal.objects.filter(pk=proposal.pk).update(state=S.IN_REVIEW)
    proposal.refresh_from_db()
    return {"proposal": proposal, "report": report}


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "member",
        roles.EDITOR,
        "facilitator",
        roles.COORDINATOR,
        roles.PROTECTION_OFFICER,
    ],
)
def test_everyone_but_moderators_is_refused_everywhere(client, member, world, role):
    user = _user_for(role, member)
    if user:
        client.force_login(user)
    before = state_snapshot()
    post = {
        "internal_note": "x",
        "message": "x",
        "reason": "x",
        "hidden": "1",
        "public_title": "x",
        "public_problem": "x",
        "public_activity": "x",
        "cluster": "kesehatan",
        "action": "start_review",
        "ids": [world["proposal"].pk],
    }
    for path in _moderation_urls(world["proposal"], world["report"]):
        for method in (client.get, client.post):
            response = method(path, post) if method == client.post else method(path)
            if role in ("anonymous", "member"):
                assert response.status_code in (302, 403), f"{role} {path}"
                if response.status_code == 302:
                    assert "/login/" in response["Location"], path
            else:
                assert response.status_code == 403, f"{role} {method.__name__} {path}"
    assert state_snapshot() == before


@pytest.mark.parametrize("role", [roles.PROPOSAL_MODERATOR, "superuser"])
def test_moderators_and_superusers_reach_every_page(client, member, world, role):
    client.force_login(_user_for(role, member))
    for path in _moderation_urls(world["proposal"], world["report"]):
        response = client.get(path)
        expected = 405 if path == u("bulk") else 200
        assert response.status_code == expected, path


def test_paper_entry_is_for_facilitators_not_moderators(client, member, moderator):
    client.force_login(moderator)
    assert client.get(u("paper")).status_code == 403
    assert client.post(u("paper"), {"title": "x"}).status_code == 403
    client.force_login(make_facilitator(member.kelurahan.parent))
    assert client.get(u("paper")).status_code == 200
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(u("paper")).status_code == 200


def test_a_draft_is_not_there_for_moderators(client, member, moderator):
    draft = proposal_draft_create(
        actor=member.user, title="Draf", problem="Masalah", proposed_action="Usul"
    )
    client.force_login(moderator)
    assert client.get(u("detail", draft.pk)).status_code == 404
    assert client.post(u("hide", draft.pk), {"hidden": "1"}).status_code == 404
    assert client.get(u("detail", 2**63)).status_code == 404


# --- The detail page --------------------------------------------------------------------------


def test_detail_shows_the_childs_text_revisions_and_no_identity(client, member, moderator):
    proposal = in_review(member, moderator, landmark="Dekat masjid")
    proposal_request_revision(
        actor=moderator, proposal=proposal, message="Tulis lebih jelas tempatnya."
    )
    Proposal.objects.filter(pk=proposal.pk).update(title="Lampu jalan di Gang Mawar")
    proposal.refresh_from_db()
    proposal_resubmit(actor=member.user, proposal=proposal)
    TimelineEvent.objects.create(
        proposal=proposal,
        actor=moderator,
        actor_label="Mira",
        action="hide",
        internal_note="RAHASIA-INTERNAL",
    )
    client.force_login(moderator)
    response = client.get(u("detail", proposal.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lampu jalan di Gang Mawar" in html  # current text
    assert "Lampu jalan di gang sekolah" in html  # revision 1, shown as "before"
    assert "Revisi 2" in html
    assert "RAHASIA-INTERNAL" in html  # internal notes are for staff
    assert "Tulis lebih jelas tempatnya." in html
    assert f"Anggota #{member.user_id}" in html
    for secret in (SECRET_NAME, SECRET_SCHOOL, member.guardian_name, member.guardian_phone):
        assert secret not in html
    # The nickname is not approved: it does not appear either.
    assert "Bintang Kecil" not in html


def test_detail_shows_an_approved_nickname_and_the_concern_flag_only(client, member, moderator):
    from forum_anak.safeguarding.services import concern_raise

    member.nickname_approved = True
    member.save()
    proposal = submitted(member)
    concern_raise(
        actor=moderator, source="proposal", proposal=proposal, description="DETAIL-KONSERN"
    )
    client.force_login(moderator)
    html = client.get(u("detail", proposal.pk)).content.decode()
    assert "Bintang Kecil" in html
    assert "Sedang ditinjau petugas perlindungan" in html
    assert "DETAIL-KONSERN" not in html


def test_the_concern_link_is_there_when_the_concern_page_exists(client, member, moderator):
    proposal = submitted(member)
    client.force_login(moderator)
    html = client.get(u("detail", proposal.pk)).content.decode()
    try:
        raise_url = reverse("concerns:raise")
    except Exception:  # the concerns back office is not there: no link, no error
        assert "Laporkan ke petugas perlindungan" not in html
    else:
        assert f"{raise_url}?source=proposal&amp;proposal={proposal.pk}" in html


# --- Each action through its view -------------------------------------------------------------


def _post_action(client, name, proposal, data=None):
    return client.post(u(name, proposal.pk), data or {})


@pytest.mark.parametrize(
    ("name", "data", "start", "end"),
    [
        ("start_review", {"internal_note": "mulai"}, S.SUBMITTED, S.IN_REVIEW),
        ("request_revision", {"message": "Perjelas tempatnya."}, S.IN_REVIEW, S.REVISION_REQUESTED),
        ("reject", {"reason": "Sudah ada usulan yang sama."}, S.IN_REVIEW, S.REJECTED),
        (
            "approve",
            {
                "public_title": "Lampu jalan menuju sekolah",
                "public_problem": "Jalan menuju sekolah gelap.",
                "public_activity": "Pemasangan lampu jalan.",
                "cluster": "perlindungan",
                "message": "Terima kasih!",
            },
            S.IN_REVIEW,
            S.APPROVED,
        ),
    ],
)
def test_each_transition_through_its_view(client, member, moderator, name, data, start, end):
    proposal = submitted(member) if start == S.SUBMITTED else in_review(member, moderator)
    events = TimelineEvent.objects.filter(proposal=proposal).count()
    client.force_login(moderator)
    response = _post_action(client, name, proposal, data)
    assert response.status_code == 302
    assert response["Location"] == u("detail", proposal.pk)
    proposal.refresh_from_db()
    assert proposal.state == end
    assert TimelineEvent.objects.filter(proposal=proposal).count() == events + 1
    assert TimelineEvent.objects.filter(proposal=proposal).first().action == name
    assert any(proposal.code in text for text in message_texts(response))
    if name == "approve":
        assert proposal.public_title == "Lampu jalan menuju sekolah"


def test_hide_and_unhide_through_the_view(client, member, moderator):
    proposal = submitted(member)
    client.force_login(moderator)
    _post_action(client, "hide", proposal, {"hidden": "1"})
    proposal.refresh_from_db()
    assert proposal.hidden_from_public
    _post_action(client, "hide", proposal, {"hidden": "0"})
    proposal.refresh_from_db()
    assert not proposal.hidden_from_public
    assert list(proposal.timeline.values_list("action", flat=True)[:2]) == ["unhide", "hide"]


def test_a_refused_action_shows_a_message_and_changes_nothing(client, member, moderator):
    proposal = submitted(member)  # not in review: approve and reject are refused
    client.force_login(moderator)
    before = state_snapshot()
    response = _post_action(
        client,
        "approve",
        proposal,
        {
            "public_title": "Judul",
            "public_problem": "Masalah",
            "public_activity": "Kegiatan",
            "cluster": "kesehatan",
        },
    )
    assert response.status_code == 302
    assert any("tindakan ini tidak bisa" in text for text in message_texts(response))
    response = _post_action(client, "reject", proposal, {"reason": "Alasan"})
    assert response.status_code == 302
    assert state_snapshot() == before
    # Hiding twice: the second one is refused the same way.
    _post_action(client, "hide", proposal, {"hidden": "1"})
    after_hide = state_snapshot()
    response = _post_action(client, "hide", proposal, {"hidden": "1"})
    assert any("sudah disembunyikan" in text for text in message_texts(response))
    assert state_snapshot() == after_hide


def test_an_empty_required_text_is_a_form_error_not_a_change(client, member, moderator):
    proposal = in_review(member, moderator)
    client.force_login(moderator)
    before = state_snapshot()
    response = _post_action(client, "request_revision", proposal, {"message": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert state_snapshot() == before


def test_the_approve_form_is_prefilled_with_the_childs_text_and_a_reminder(
    client, member, moderator
):
    proposal = in_review(member, moderator, cluster_suggested="kesehatan")
    client.force_login(moderator)
    response = client.get(u("approve", proposal.pk))
    form = response.context["form"]
    assert form["public_title"].value() == "Lampu jalan di gang sekolah"
    assert form["public_problem"].value() == "Gang ke sekolah gelap saat pulang les."
    assert form["public_activity"].value() == "Pasang lampu jalan di gang itu."
    assert form["cluster"].value() == "kesehatan"
    html = response.content.decode()
    assert "Hapus nama orang, nama sekolah, alamat rumah" in html
    assert "Simpan versi publik (belum disetujui)" in html


def test_saving_the_public_version_does_not_approve(client, member, moderator):
    proposal = submitted(member)
    client.force_login(moderator)
    response = _post_action(
        client,
        "public_version",
        proposal,
        {
            "public_title": "Lampu jalan",
            "public_problem": "Gelap.",
            "public_activity": "Pasang lampu.",
            "cluster": "perlindungan",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED
    assert proposal.public_title == "Lampu jalan"
    assert proposal.timeline.first().action == "public_draft"
    assert not Proposal.objects.public().filter(pk=proposal.pk).exists()
    assert not Notification.objects.filter(proposal=proposal, kind="public_draft").exists()
    # The approve form now starts from the saved public version.
    form = client.get(u("approve", proposal.pk)).context["form"]
    assert form["public_title"].value() == "Lampu jalan"


def test_photo_is_streamed_to_moderators_only_and_marked_safe(client, member, moderator):
    proposal = submitted(member)
    photo = add_photo(proposal)
    client.force_login(moderator)
    response = client.get(u("photo", proposal.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    response = _post_action(client, "photo_safe", proposal)
    photo.refresh_from_db()
    assert photo.safe_for_public and photo.marked_safe_by == moderator and photo.marked_safe_at
    assert proposal.timeline.first().action == "photo_safe"
    # Twice: refused, nothing changes.
    before = state_snapshot()
    response = _post_action(client, "photo_safe", proposal)
    assert any("sudah ditandai aman" in text for text in message_texts(response))
    assert state_snapshot() == before
    # Everyone else: no photo.
    client.force_login(UserFactory(groups=[roles.EDITOR]))
    assert client.get(u("photo", proposal.pk)).status_code == 403
    client.force_login(member.user)
    assert client.get(u("photo", proposal.pk)).status_code in (302, 403)


def test_staff_layer_saves_with_one_internal_event_and_no_notification(client, member, moderator):
    proposal = submitted(member)
    urusan = Urusan.objects.create(code="UJI.01", name="Urusan uji")
    opd = Opd.objects.create(code="OPD-UJI", name="Dinas Uji", short_name="DUJI")
    notifications = Notification.objects.count()
    events = proposal.timeline.count()
    client.force_login(moderator)
    response = _post_action(
        client,
        "staff_layer",
        proposal,
        {
            "urusan": urusan.pk,
            "opd": opd.pk,
            "volume": "12.5",
            "unit": "titik",
            "cost_estimate": "45000000",
            "internal_note": "Cek dengan DPUPR",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.urusan, proposal.opd, str(proposal.volume), proposal.unit) == (
        urusan,
        opd,
        "12.50",
        "titik",
    )
    assert proposal.cost_estimate == 45_000_000
    assert proposal.state == S.SUBMITTED
    assert Notification.objects.count() == notifications
    assert proposal.timeline.count() == events + 1
    event = proposal.timeline.first()
    assert event.action == "staff_layer"
    assert "Cek dengan DPUPR" in event.internal_note
    assert not event.message_to_proposer and not event.public_note


def test_staff_layer_refuses_bad_input_without_a_500(client, member, moderator):
    proposal = submitted(member)
    client.force_login(moderator)
    before = state_snapshot()
    response = _post_action(client, "staff_layer", proposal, {"volume": "-3", "unit": "m"})
    assert response.status_code == 200 and response.context["form"].errors
    response = _post_action(client, "staff_layer", proposal, {"volume": "3"})
    assert any("satuan" in text for text in message_texts(response))
    assert state_snapshot() == before


def test_a_coordinator_may_set_the_staff_layer_through_the_service(member, moderator):
    proposal = submitted(member)
    coordinator = UserFactory(groups=[roles.COORDINATOR])
    services_moderation = __import__(
        "forum_anak.moderation.services", fromlist=["proposal_staff_layer_set"]
    )
    services_moderation.proposal_staff_layer_set(
        actor=coordinator,
        proposal=proposal,
        urusan=None,
        opd=None,
        volume=None,
        unit="",
        cost_estimate=1000,
    )
    proposal.refresh_from_db()
    assert proposal.cost_estimate == 1000
    with pytest.raises(ActionError):
        services_moderation.proposal_staff_layer_set(
            actor=UserFactory(groups=[roles.FACILITATOR]),
            proposal=proposal,
            urusan=None,
            opd=None,
            volume=None,
            unit="",
            cost_estimate=5,
        )


def test_a_report_is_marked_handled_from_the_proposal_page(client, member, moderator, world):
    client.force_login(moderator)
    report = world["report"]
    response = client.post(
        u("report_handle", world["proposal"].pk, report.pk), {"note": "Sudah dicek."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.handled_at and report.handled_by == moderator
    assert report.handled_note == "Sudah dicek."
    response = client.post(u("report_handle", world["proposal"].pk, report.pk), {})
    assert any("sudah ditangani" in text for text in message_texts(response))


# --- Bulk actions -----------------------------------------------------------------------------


def test_bulk_approve_counts_done_taken_and_missing_public_versions(client, member, moderator):
    ready = [in_review(member, moderator, title=f"Siap {n}") for n in range(3)]
    for proposal in ready:
        proposal_public_version_save(
            actor=moderator,
            proposal=proposal,
            public_title=f"Publik {proposal.pk}",
            public_problem="Masalah publik.",
            public_activity="Kegiatan publik.",
            cluster="pendidikan",
        )
    taken = ready[2]
    proposal_reject(
        actor=UserFactory(groups=[roles.PROPOSAL_MODERATOR]), proposal=taken, reason="Sudah ada."
    )
    bare = in_review(member, moderator, title="Tanpa versi publik")
    waiting = submitted(member, title="Belum diperiksa")
    client.force_login(moderator)
    response = client.post(
        u("bulk"),
        {
            "action": "approve",
            "ids": [p.pk for p in [*ready, bare, waiting]],
            "query": "state=all",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == u("queue") + "?state=all"
    states = dict(Proposal.objects.values_list("pk", "state"))
    assert [states[p.pk] for p in ready] == [S.APPROVED, S.APPROVED, S.REJECTED]
    assert states[bare.pk] == S.IN_REVIEW and states[waiting.pk] == S.SUBMITTED
    summary = message_texts(response)[-1]
    assert "2 disetujui" in summary
    assert "1 sudah diproses orang lain" in summary
    assert "1 belum punya versi publik" in summary
    assert "1 belum mulai diperiksa" in summary
    assert TimelineEvent.objects.filter(action="approve").count() == 2


def test_bulk_start_review_counts_the_ones_someone_else_took(client, member, moderator):
    proposals = [submitted(member, title=f"Usulan {n}") for n in range(3)]
    proposal_start_review(
        actor=UserFactory(groups=[roles.PROPOSAL_MODERATOR]), proposal=proposals[0]
    )
    client.force_login(moderator)
    response = client.post(u("bulk"), {"action": "start_review", "ids": [p.pk for p in proposals]})
    assert response.status_code == 302
    assert Proposal.objects.filter(state=S.IN_REVIEW).count() == 3
    assert TimelineEvent.objects.filter(action="start_review", actor=moderator).count() == 2
    summary = message_texts(response)[-1]
    assert "2 mulai diperiksa" in summary and "1 sudah diproses orang lain" in summary


def test_bulk_without_a_choice_or_with_unknown_ids(client, member, moderator):
    proposal = submitted(member)
    client.force_login(moderator)
    before = state_snapshot()
    response = client.post(u("bulk"), {"action": "approve"})
    assert response.status_code == 302
    assert any("Pilih paling sedikit" in text for text in message_texts(response))
    assert (
        client.post(u("bulk"), {"action": "approve", "ids": [proposal.pk + 999]}).status_code == 404
    )
    assert client.post(u("bulk"), {"action": "approve", "ids": ["abc"]}).status_code == 302
    assert state_snapshot() == before


def test_urusan_and_opd_are_snippets_for_the_coordinator(client, db):
    Area.objects.all()  # nothing needed
    coordinator = UserFactory(groups=[roles.COORDINATOR])
    client.force_login(coordinator)
    assert client.get(reverse("wagtailsnippets_forum_anak_urusan:list")).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_forum_anak_opd:add"),
        {
            "code": "DIKBUD-UJI",
            "name": "Dinas Pendidikan",
            "short_name": "Dikbud",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Opd.objects.filter(code="DIKBUD-UJI").exists()


def test_impossible_ids_and_numbers_are_no_500(client, member, moderator):
    proposal = submitted(member)
    client.force_login(moderator)
    big = str(2**70)
    for key in ("kecamatan", "kelurahan", "cycle", "p", "waiting", "state", "cluster"):
        assert client.get(u("queue"), {key: big}).status_code == 200, key
    before = state_snapshot()
    response = client.post(
        u("staff_layer", proposal.pk),
        {"urusan": big, "opd": big, "cost_estimate": big, "volume": "1e99"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert client.post(u("bulk"), {"action": "approve", "ids": [big]}).status_code == 404
    assert state_snapshot() == before


def test_bulk_approve_skips_a_public_version_older_than_the_childs_last_change(
    client, member, moderator
):
    proposal = in_review(member, moderator)
    proposal_public_version_save(
        actor=moderator,
        proposal=proposal,
        public_title="Versi lama",
        public_problem="Masalah lama.",
        public_activity="Kegiatan lama.",
        cluster="pendidikan",
    )
    proposal_request_revision(actor=moderator, proposal=proposal, message="Perjelas.")
    proposal.refresh_from_db()
    proposal_resubmit(actor=member.user, proposal=proposal)
    proposal.refresh_from_db()
    proposal_start_review(actor=moderator, proposal=proposal)
    client.force_login(moderator)
    response = client.post(u("bulk"), {"action": "approve", "ids": [proposal.pk]})
    proposal.refresh_from_db()
    assert proposal.state == S.IN_REVIEW
    assert "1 belum punya versi publik" in message_texts(response)[-1]


def test_the_forum_anak_menu_shows_each_role_its_own_entries(client, member, moderator):
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert u("queue") in html and u("paper") not in html
    client.force_login(make_facilitator(member.kelurahan.parent))
    html = client.get("/admin/").content.decode()
    assert u("paper") in html
    assert not re.search(r"/admin/usulan/(?!kertas/)", html)
