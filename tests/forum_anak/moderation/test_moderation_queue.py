"""The moderation queue: each filter narrows the list, search, oldest first, constant query
count; the admin home panels; the public reports list; the daily staff digest."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum_anak.models import Area, MusrenbangCycle, Proposal, ProposalReport
from forum_anak.safeguarding.services import concern_raise
from portal import roles
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify
from tests.forum_anak.moderation.test_moderation import submitted, u

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_second_factor")]
S = Proposal.State


def listed(response) -> list[int]:
    return [row["proposal"].pk for row in response.context["rows"]]


def _kelurahan(index):
    return Area.objects.filter(level=Area.Level.KELURAHAN).order_by("code")[index]


def _bulk_rows(cycle, n, *, kelurahan, state=S.SUBMITTED, days=1, prefix="Usulan"):
    """Many sent proposals at once (the lifecycle is tested elsewhere): rows only."""
    now = timezone.now()
    Proposal.objects.bulk_create(
        Proposal(
            cycle=cycle,
            code=f"FA-{cycle.year}-{9000 + index + Proposal.objects.count()}",
            state=state,
            proposer_kelurahan=kelurahan,
            kelurahan=kelurahan,
            title=f"{prefix} {index}",
            problem="Masalah.",
            proposed_action="Tindakan.",
            submitted_at=now - timedelta(days=days),
        )
        for index in range(n)
    )


@pytest.fixture
def varied(member, moderator, cycle):
    """Proposals that differ in one thing each, so every filter has something to drop."""
    own = member.kelurahan
    elsewhere = Area.objects.filter(level=Area.Level.KELURAHAN).exclude(parent=own.parent).first()
    other_member = verify(MemberProfileFactory(kelurahan=elsewhere))
    old_cycle = MusrenbangCycle.objects.create(
        year=cycle.year - 1,
        rkpd_year=cycle.rkpd_year - 1,
        submission_opens=cycle.submission_opens - timedelta(days=365),
        submission_closes=cycle.submission_closes - timedelta(days=365),
    )
    p = {
        "base": submitted(member, title="Taman bermain"),
        "health": submitted(member, title="Posyandu remaja", cluster_suggested="kesehatan"),
        "elsewhere": submitted(other_member, title="Jembatan kampung"),
        "old": submitted(member, title="Lama sekali"),
        "approved": submitted(member, title="Sudah disetujui"),
        "old_cycle": submitted(member, title="Siklus lalu"),
    }
    Proposal.objects.filter(pk=p["old"].pk).update(submitted_at=timezone.now() - timedelta(days=10))
    Proposal.objects.filter(pk=p["approved"].pk).update(state=S.APPROVED)
    Proposal.objects.filter(pk=p["old_cycle"].pk).update(cycle=old_cycle)
    p["old_cycle_obj"] = old_cycle
    p["elsewhere_kelurahan"] = elsewhere
    return p


def test_default_is_waiting_oldest_first(client, moderator, varied):
    client.force_login(moderator)
    rows = listed(client.get(u("queue")))
    assert varied["approved"].pk not in rows
    assert rows[0] == varied["old"].pk
    submitted_at = list(Proposal.objects.filter(pk__in=rows).values_list("pk", "submitted_at"))
    order = [pk for pk, _ in sorted(submitted_at, key=lambda r: (r[1], r[0]))]
    assert rows == order


@pytest.mark.parametrize(
    ("params", "kept", "dropped"),
    [
        ({"state": "approved"}, ["approved"], ["base", "old"]),
        ({"state": "all"}, ["approved", "base"], []),
        ({"cluster": "kesehatan"}, ["health"], ["base", "elsewhere"]),
        ({"waiting": "7"}, ["old"], ["base", "health"]),
        ({"q": "posyandu"}, ["health"], ["base"]),
    ],
)
def test_each_filter_narrows_the_queue(client, moderator, varied, params, kept, dropped):
    client.force_login(moderator)
    everything = listed(client.get(u("queue")))
    rows = listed(client.get(u("queue"), params))
    for name in kept:
        assert varied[name].pk in rows, name
    for name in dropped:
        assert varied[name].pk not in rows, name
    if "state" not in params:
        assert set(rows) < set(everything)


def test_area_cycle_code_and_final_cluster_filters(client, moderator, member, varied):
    client.force_login(moderator)
    elsewhere = varied["elsewhere_kelurahan"]
    assert listed(client.get(u("queue"), {"kelurahan": elsewhere.pk})) == [varied["elsewhere"].pk]
    rows = listed(client.get(u("queue"), {"kecamatan": member.kelurahan.parent_id}))
    assert varied["base"].pk in rows and varied["elsewhere"].pk not in rows
    rows = listed(client.get(u("queue"), {"cycle": varied["old_cycle_obj"].pk}))
    assert rows == [varied["old_cycle"].pk]
    code = varied["base"].code
    assert listed(client.get(u("queue"), {"q": code})) == [varied["base"].pk]
    Proposal.objects.filter(pk=varied["base"].pk).update(cluster="pendidikan")
    assert listed(client.get(u("queue"), {"cluster": "pendidikan"})) == [varied["base"].pk]


def test_queue_flags_hidden_concern_and_reports_without_concern_details(client, moderator, varied):
    Proposal.objects.filter(pk=varied["base"].pk).update(hidden_from_public=True)
    concern_raise(
        actor=moderator, source="proposal", proposal=varied["health"], description="DETAIL-X"
    )
    ProposalReport.objects.create(proposal=varied["old"], reason="other")
    ProposalReport.objects.create(proposal=varied["old"], reason="wrong")
    client.force_login(moderator)
    response = client.get(u("queue"))
    rows = {row["proposal"].pk: row["proposal"] for row in response.context["rows"]}
    assert rows[varied["base"].pk].hidden_from_public
    assert rows[varied["health"].pk].under_concern
    assert not rows[varied["base"].pk].under_concern
    assert rows[varied["old"].pk].open_reports == 2
    html = response.content.decode()
    assert "Sedang ditinjau petugas perlindungan" in html
    assert "DETAIL-X" not in html
    assert "2 laporan" in html


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(u("queue"), {"state": "all"})
    assert response.status_code == 200
    return len(queries)


def test_queue_query_count_is_the_same_for_10_and_200_proposals(client, moderator, cycle, wilayah):
    client.force_login(moderator)
    _bulk_rows(cycle, 10, kelurahan=_kelurahan(0))
    for index in range(3):
        ProposalReport.objects.create(proposal=Proposal.objects.all()[index], reason="other")
    _queue_queries(client)  # warm-up: session, permissions, content types
    ten = _queue_queries(client)
    _bulk_rows(cycle, 190, kelurahan=_kelurahan(5), prefix="Lagi")
    two_hundred = _queue_queries(client)
    assert ten == two_hundred
    response = client.get(u("queue"), {"state": "all", "p": "4"})
    assert len(response.context["rows"]) == 50


def test_queue_pages_keep_the_filters(client, moderator, cycle, wilayah):
    _bulk_rows(cycle, 60, kelurahan=_kelurahan(0), days=9)
    client.force_login(moderator)
    response = client.get(u("queue"), {"waiting": "7"})
    assert response.context["page"].paginator.count == 60
    assert "waiting=7&amp;p=2" in response.content.decode()


# --- Admin home panels ------------------------------------------------------------------------


def test_moderator_home_panel_counts_waiting_late_new_and_reports(client, moderator, varied):
    ProposalReport.objects.create(proposal=varied["approved"], reason="other")
    client.force_login(moderator)
    response = client.get("/admin/")
    html = response.content.decode()
    # Waiting: base, health, elsewhere, old, old_cycle (approved is not waiting).
    assert "5 usulan menunggu" in html
    assert "1 menunggu lebih dari 7 hari" in html
    assert "1 laporan dari papan usulan" in html
    assert f'href="{u("queue")}?waiting=7"' in html


def test_facilitator_home_panel_counts_only_their_kecamatan(client, member, varied):
    facilitator = make_facilitator(member.kelurahan.parent)
    client.force_login(facilitator)
    html = client.get("/admin/").content.decode()
    # base, health, old_cycle in the last 7 days in the member's kecamatan ("old" is older).
    assert "3 usulan baru terkirim" in html
    assert "usulan menunggu" not in html
    assert "Taman bermain" not in html


def test_editor_home_has_no_proposal_panel(client, varied):
    client.force_login(UserFactory(groups=[roles.EDITOR]))
    html = client.get("/admin/").content.decode()
    assert "usulan menunggu" not in html and "usulan baru terkirim" not in html


# --- Public reports list ----------------------------------------------------------------------


def test_reports_list_shows_open_reports_and_handles_one(client, moderator, varied):
    open_one = ProposalReport.objects.create(
        proposal=varied["approved"], reason="personal_data", note="Ada nama sekolah."
    )
    handled = ProposalReport.objects.create(
        proposal=varied["approved"], reason="other", handled_at=timezone.now()
    )
    client.force_login(moderator)
    response = client.get(u("reports"))
    assert list(response.context["page"].object_list) == [open_one]
    assert handled not in response.context["page"].object_list
    response = client.post(
        u("report_handle", varied["approved"].pk, open_one.pk), {"next": "reports"}
    )
    assert response["Location"] == u("reports")
    open_one.refresh_from_db()
    assert open_one.handled_by == moderator


# --- Daily digest -----------------------------------------------------------------------------


def test_digest_goes_to_moderators_with_a_verified_address_and_has_no_child_text(
    moderator, member, varied
):
    EmailAddress.objects.create(user=moderator, email="mod@example.org", verified=True)
    unverified = UserFactory(groups=[roles.PROPOSAL_MODERATOR])
    EmailAddress.objects.create(user=unverified, email="belum@example.org", verified=False)
    editor = UserFactory(groups=[roles.EDITOR])
    EmailAddress.objects.create(user=editor, email="editor@example.org", verified=True)
    ProposalReport.objects.create(proposal=varied["approved"], reason="other", note="Catatan")
    mail.outbox.clear()
    call_command("send_staff_digest")
    assert [m.to for m in mail.outbox] == [["mod@example.org"]]
    message = mail.outbox[0]
    text = message.subject + message.body
    assert "menunggu diperiksa: 5" in text
    assert "lebih dari 7 hari: 1" in text
    assert "belum ditangani: 1" in text
    assert "/admin/usulan/" in text
    for proposal in Proposal.objects.all():
        for secret in (proposal.title, proposal.problem, proposal.proposed_action, proposal.code):
            assert secret not in text
    for secret in (member.nickname, member.user.first_name, member.school, "Catatan"):
        assert secret not in text
