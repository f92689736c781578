"""Issue 4 acceptance 9, in a real browser at 360 px: a verified member writes, saves,
submits and reads the timeline; a moderator approves it writing the public version; the
public board shows the public version, never the child's text. axe-core finds nothing on
the member and public proposal pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import roles
from tests.e2e.test_member_journey import page_problems, sign_in
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, verify

pytestmark = pytest.mark.e2e

PASSWORD = "pelangi-sore-2031"
CHILD_TITLE = "Lampu gang dekat rumah Budi mati"
PUBLIC_TITLE = "Lampu penerangan gang menuju masjid"


@pytest.fixture
def proposal_site(e2e_site, settings):
    from forum_anak.membership.services import WILAYAH_FILE, wilayah_load
    from forum_anak.models import MusrenbangCycle

    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8"))
    today = timezone.localdate()
    MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=5),
        submission_closes=today + timedelta(days=30),
    )
    child = UserFactory(username="camar_laut")
    child.set_password(PASSWORD)
    child.save()
    verify(MemberProfileFactory(user=child, nickname="Camar"), approve_nickname=True)
    moderator = UserFactory(username="mod_usulan", groups=[roles.PROPOSAL_MODERATOR])
    moderator.set_password(PASSWORD)
    moderator.save()
    return e2e_site


def test_write_submit_approve_and_see_it_on_the_board(proposal_site, open_browser):
    from forum_anak.models import Proposal

    problems = {}
    child = open_browser()
    page = child.page
    sign_in(child, "camar_laut", PASSWORD)
    child.goto("/forum/usulan/baru/")
    problems["form"] = page_problems(child)
    page.fill("[name=title]", CHILD_TITLE)
    page.fill("[name=problem]", "Gang ke masjid gelap. Kami takut pulang mengaji.")
    page.fill("[name=proposed_action]", "Pasang lampu di gang itu.")
    page.fill("[name=beneficiaries]", "Anak-anak yang mengaji.")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state("load")
    proposal = Proposal.objects.get(title=CHILD_TITLE)
    assert proposal.state == "draft"
    assert page.url.endswith(f"/forum/usulan/{proposal.pk}/"), page.url
    problems["draft"] = page_problems(child)

    page.get_by_role("link", name="Kirim", exact=True).click()
    page.wait_for_load_state("load")
    problems["send"] = page_problems(child)
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.wait_for_load_state("load")
    proposal.refresh_from_db()
    assert proposal.state == "submitted" and proposal.code
    assert "Usulanmu sudah terkirim" in page.content()
    problems["submitted"] = page_problems(child)

    staff = open_browser()
    staff.goto("/akun/login/")
    staff.page.fill("#id_login", "mod_usulan")
    staff.page.fill("#id_password", PASSWORD)
    staff.page.get_by_role("button", name="Masuk", exact=True).click()
    staff.page.wait_for_load_state("load")
    staff.goto(f"/admin/usulan/{proposal.pk}/")
    staff.page.get_by_role("button", name="Mulai periksa").click()
    staff.page.wait_for_load_state("load")
    staff.page.get_by_role("link", name="Setujui dan tulis versi publik").click()
    staff.page.wait_for_load_state("load")
    assert staff.page.input_value("[name=public_title]") == CHILD_TITLE  # prefilled
    staff.page.fill("[name=public_title]", PUBLIC_TITLE)
    staff.page.select_option("[name=cluster]", "perlindungan")
    staff.page.get_by_role("button", name="Setujui", exact=True).click()
    staff.page.wait_for_load_state("load")
    proposal.refresh_from_db()
    assert proposal.state == "approved" and proposal.public_title == PUBLIC_TITLE

    child.goto(f"/forum/usulan/{proposal.pk}/")
    content = page.content()
    steps = ["Usulan disetujui", "Petugas mulai memeriksa", "Usulan dikirim"]
    positions = [content.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), positions  # newest first
    problems["approved"] = page_problems(child)

    visitor = open_browser()
    visitor.goto("/usulan/")
    board = visitor.page.content()
    assert PUBLIC_TITLE in board and "Budi" not in board
    problems["board"] = page_problems(visitor)
    visitor.page.get_by_role("link", name=PUBLIC_TITLE).click()
    visitor.page.wait_for_load_state("load")
    assert proposal.code in visitor.page.content() and "Budi" not in visitor.page.content()
    problems["public detail"] = page_problems(visitor)
    assert not child.csp_violations and not visitor.csp_violations
    assert {name: found for name, found in problems.items() if found} == {}
