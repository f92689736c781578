"""Issue 5 acceptance 7, in a real browser at 360 px: the koordinator merges two children's
approved proposals into one bundle in the back office (/admin/musrenbang/gabungan/), forwards
it to a kelurahan session, records "prioritised" (rank 1), forwards it to a kecamatan
session and records "adopted"; each child then reads the steps in their own timeline, the
public page shows the path, and axe-core finds nothing on the public pages touched."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import roles
from tests.e2e.test_member_journey import page_problems, sign_in
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, verify

pytestmark = pytest.mark.e2e

PASSWORD = "pelangi-sore-2031"
MERGED_TITLE = "Lampu penerangan jalan menuju sekolah"
# Each child's own words: private, never on a public page.
CHILD_TEXT = {"camar_laut": "Jalan ke rumah Budi gelap", "kenari_kecil": "Gang dekat rumah Sari"}


@pytest.fixture
def musrenbang_site(e2e_site, settings):
    """Two verified children of one kelurahan, each with an approved proposal (a bundle of
    one), a kelurahan and a kecamatan session held in the last days, and a koordinator."""
    from forum_anak.membership.services import WILAYAH_FILE, wilayah_load
    from forum_anak.models import Area, MusrenbangCycle, MusrenbangSession, Proposal
    from forum_anak.proposals.services import (
        proposal_approve,
        proposal_draft_create,
        proposal_start_review,
        proposal_submit,
    )

    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8"))
    today = timezone.localdate()
    cycle = MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=20),
        submission_closes=today + timedelta(days=30),
    )
    kelurahan = Area.objects.filter(level=Area.Level.KELURAHAN).order_by("code").first()
    moderator = UserFactory(username="mod_usulan", groups=[roles.PROPOSAL_MODERATOR])
    koordinator = UserFactory(username="koordinator_kota", groups=[roles.COORDINATOR])
    koordinator.set_password(PASSWORD)
    koordinator.save()
    proposals = {}
    for n, (username, nickname) in enumerate((("camar_laut", "Camar"), ("kenari_kecil", "Kenari"))):
        child = UserFactory(username=username)
        child.set_password(PASSWORD)
        child.save()
        verify(
            MemberProfileFactory(user=child, nickname=nickname, kelurahan=kelurahan),
            approve_nickname=True,
        )
        proposal = proposal_draft_create(
            actor=child,
            title=CHILD_TEXT[username],
            problem=f"{CHILD_TEXT[username]}, kami takut pulang sore.",
            proposed_action="Pasang lampu jalan.",
            beneficiaries="Anak-anak yang pulang sekolah.",
            kelurahan=kelurahan,
            cycle=cycle,
        )
        proposal_submit(actor=child, proposal=proposal)
        proposal_start_review(actor=moderator, proposal=proposal)
        proposal_approve(
            actor=moderator,
            proposal=proposal,
            public_title=f"Lampu jalan umum {n + 1}",
            public_problem="Jalan menuju sekolah gelap sore hari.",
            public_activity="Memasang lampu penerangan jalan.",
            cluster="perlindungan",
        )
        proposals[username] = Proposal.objects.get(pk=proposal.pk)
    sessions = {
        "kelurahan": MusrenbangSession.objects.create(
            cycle=cycle,
            level=MusrenbangSession.Level.KELURAHAN,
            area=kelurahan,
            date=today - timedelta(days=3),
            place="Aula kantor kelurahan",
        ),
        "kecamatan": MusrenbangSession.objects.create(
            cycle=cycle,
            level=MusrenbangSession.Level.KECAMATAN,
            area=kelurahan.parent,
            date=today - timedelta(days=1),
            place="Aula kantor camat",
        ),
    }
    return {**e2e_site, "proposals": proposals, "sessions": sessions, "cycle": cycle}


def _staff_sign_in(session, username: str) -> None:
    session.goto("/akun/login/")
    session.page.fill("#id_login", username)
    session.page.fill("#id_password", PASSWORD)
    session.page.get_by_role("button", name="Masuk", exact=True).click()
    session.page.wait_for_load_state("load")


def _click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).click()
    page.wait_for_load_state("load")


def _record(page, outcome_label: str, *, rank: str = "") -> None:
    """On a session's page: open the only "Catat hasil", choose, save."""
    _click(page, "link", "Catat hasil")
    page.get_by_label(outcome_label, exact=True).check()
    if rank:
        page.fill("[name=rank]", rank)
    _click(page, "button", "Catat hasil")


def test_koordinator_merges_forwards_and_records_while_children_follow(
    musrenbang_site, open_browser
):
    from forum_anak.models import Bundle, Forwarding, Proposal

    proposals = musrenbang_site["proposals"]
    sessions = musrenbang_site["sessions"]
    first, second = proposals["camar_laut"], proposals["kenari_kecil"]

    koordinator = open_browser()
    page = koordinator.page
    _staff_sign_in(koordinator, "koordinator_kota")
    koordinator.goto("/admin/musrenbang/gabungan/")
    page.check(f"#pick-{first.bundle_id}")
    page.check(f"#pick-{second.bundle_id}")
    page.select_option("[name=action]", "merge")
    _click(page, "button", "Jalankan")
    assert "/admin/musrenbang/gabungan/gabung/" in page.url
    page.fill("[name=public_title]", MERGED_TITLE)
    _click(page, "button", "Gabungkan")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.bundle_id == second.bundle_id
    bundle = Bundle.objects.get(pk=first.bundle_id)
    assert bundle.public_title == MERGED_TITLE
    assert page.url.endswith(f"/admin/musrenbang/gabungan/{bundle.pk}/")
    koordinator.screenshot("musrenbang-bundle-merged")

    page.select_option("[name=session]", str(sessions["kelurahan"].pk))
    _click(page, "button", "Teruskan")
    koordinator.goto(f"/admin/musrenbang/sesi/{sessions['kelurahan'].pk}/")
    _record(page, "Diprioritaskan", rank="1")
    forwarding = Forwarding.objects.get(bundle=bundle, session=sessions["kelurahan"])
    assert (forwarding.outcome, forwarding.rank) == ("prioritised", 1)

    koordinator.goto(f"/admin/musrenbang/gabungan/{bundle.pk}/")
    page.select_option("[name=session]", str(sessions["kecamatan"].pk))
    _click(page, "button", "Teruskan")
    koordinator.goto(f"/admin/musrenbang/sesi/{sessions['kecamatan'].pk}/")
    koordinator.screenshot("musrenbang-session")
    _record(page, "Diakomodasi")
    bundle.refresh_from_db()
    assert bundle.state == "adopted"
    assert set(Proposal.objects.filter(bundle=bundle).values_list("state", flat=True)) == {
        "adopted"
    }
    assert page.locator(".messages").inner_text().strip()  # the success message is shown

    # Each child reads every step, newest first, in their own words.
    steps = [
        "diterima di Musrenbang Kecamatan",
        "dibawa ke Musrenbang Kecamatan",
        "prioritas nomor 1",
        "dibawa ke Musrenbang Kelurahan",
        "digabung dengan 1 usulan lain",
    ]
    problems = {}
    for username, proposal in proposals.items():
        child = open_browser()
        sign_in(child, username, PASSWORD)
        child.goto(f"/forum/usulan/{proposal.pk}/")
        content = child.page.content()
        positions = [content.find(step) for step in steps]
        assert -1 not in positions and positions == sorted(positions), (username, positions)
        problems[f"timeline {username}"] = page_problems(child)
        child.screenshot(f"musrenbang-timeline-{username}")

    visitor = open_browser()
    visitor.goto("/usulan/")
    board = visitor.page.content()
    # One row per child's proposal (its own public version), each saying it was merged.
    assert first.public_title in board and second.public_title in board
    assert board.count("digabung dengan usulan serupa") >= 2
    assert not any(text in board for text in CHILD_TEXT.values())
    problems["board"] = page_problems(visitor)
    visitor.goto(f"/usulan/{first.code}/")
    detail = visitor.page.content()
    assert MERGED_TITLE in detail and second.code in detail
    assert "Diakomodasi" in detail
    assert not any(text in detail for text in CHILD_TEXT.values())
    problems["public detail"] = page_problems(visitor)
    visitor.screenshot("musrenbang-public-detail")
    assert not visitor.csp_violations
    assert {name: found for name, found in problems.items() if found} == {}
