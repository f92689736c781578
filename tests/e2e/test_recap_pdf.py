"""Issue 5, acceptance 5: the session recap ("Berita acara") of a 60-proposal session prints
on A4 from Chromium: every page of the PDF is A4 (595 x 842 points), the list's header row
repeats on every page that carries list rows, and in print media no element is wider than the
printable area (210 mm minus two 15 mm margins)."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal import roles
from tests.e2e.conftest import ARTIFACTS
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, verify

pytestmark = pytest.mark.e2e

PASSWORD = "pelangi-sore-2031"
PROPOSALS = 60
# Printable width at 96 CSS px per inch: (210 - 2 x 15) mm.
PRINTABLE_PX = (210 - 2 * 15) / 25.4 * 96
A4_POINTS = (595.28, 841.89)
SHOTS = ARTIFACTS  # the browser tests' screenshots folder (git-ignored)


@pytest.fixture
def recap_session(e2e_site, settings):
    """A held kelurahan session with 60 children's proposals forwarded: 45 bundles of one and
    5 bundles of three, with long public texts (and one unbroken long word) to stress the
    table's width. Written straight to the tables: this test is about the printed page."""
    from forum_anak.membership.services import WILAYAH_FILE, wilayah_load
    from forum_anak.models import (
        Area,
        Bundle,
        Forwarding,
        MusrenbangCycle,
        MusrenbangSession,
        Opd,
        Proposal,
        Urusan,
    )

    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    settings.SMALL_KELURAHAN_MIN_MEMBERS = 0
    wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8"))
    today = timezone.localdate()
    cycle = MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=60),
        submission_closes=today + timedelta(days=30),
    )
    kelurahan = Area.objects.get(code="52.72.01.1001")
    neighbours = list(Area.objects.filter(parent=kelurahan.parent).order_by("code")[:3])
    session = MusrenbangSession.objects.create(
        cycle=cycle,
        level=MusrenbangSession.Level.KELURAHAN,
        area=kelurahan,
        date=today - timedelta(days=3),
        place="Aula Kantor Kelurahan, Jalan Soekarno-Hatta Nomor 12",
        status=MusrenbangSession.Status.HELD,
    )
    children = [
        verify(
            MemberProfileFactory(kelurahan=area, nickname=f"Camar{n}"),
            approve_nickname=n % 2 == 0,
        )
        for n, area in enumerate(neighbours * 2)
    ]
    urusan, _ = Urusan.objects.get_or_create(
        code="1.03", defaults={"name": "Pekerjaan umum dan penataan ruang"}
    )
    opd, _ = Opd.objects.get_or_create(
        code="1.03.0.00.0.00.01.0000",
        defaults={"name": "Dinas Pekerjaan Umum dan Penataan Ruang", "short_name": ""},
    )
    clusters = ["perlindungan", "pendidikan", "kesehatan", "keluarga", "hak_sipil"]
    sizes = [3] * 5 + [1] * 45
    number = 0
    for index, size in enumerate(sizes):
        bundle = Bundle.objects.create(
            cycle=cycle,
            state=Proposal.State.FORWARDED,
            public_title=f"Lampu penerangan jalan umum di gang menuju sekolah dasar nomor {index}",
            public_problem="Gang menuju sekolah gelap setelah magrib. " * 4,
            public_activity=(
                "Pemasangan-lampu-penerangan-jalan-umum-tenaga-surya-sepanjang-gang "
                "dan perbaikan saluran air di sisi jalan. " * 2
            ),
            cluster=clusters[index % len(clusters)],
            urusan=urusan,
            opd=opd,
            volume=Decimal("12.5") if index % 3 else Decimal("4"),
            unit="titik lampu",
            cost_estimate=125_000_000 + index * 1_000_000,
        )
        for _ in range(size):
            number += 1
            child = children[number % len(children)]
            Proposal.objects.create(
                cycle=cycle,
                code=f"FA-{cycle.year}-{number:05d}",
                state=Proposal.State.FORWARDED,
                proposer=child.user,
                proposer_kelurahan=child.kelurahan,
                kelurahan=child.kelurahan,
                title="Teks anak",
                problem="Teks anak",
                proposed_action="Teks anak",
                cluster=bundle.cluster,
                public_title=bundle.public_title,
                public_problem=bundle.public_problem,
                public_activity=bundle.public_activity,
                bundle=bundle,
                submitted_at=timezone.now(),
                approved_at=timezone.now(),
            )
        Forwarding.objects.create(bundle=bundle, session=session, rank=index + 1)
    assert number == PROPOSALS
    coordinator = UserFactory(username="koordinator_uji", groups=[roles.COORDINATOR])
    coordinator.set_password(PASSWORD)
    coordinator.save()
    return session


def sign_in_staff(browser_session) -> None:
    browser_session.goto("/akun/login/")
    browser_session.page.fill("#id_login", "koordinator_uji")
    browser_session.page.fill("#id_password", PASSWORD)
    browser_session.page.get_by_role("button", name="Masuk", exact=True).click()
    browser_session.page.wait_for_load_state("load")


# Everything wider than the printable area in print media: [tag, class, right edge].
TOO_WIDE = """(limit) => {
    const wide = [];
    for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.right > limit + 0.5) {
            wide.push([element.tagName, element.className, box.right]);
        }
    }
    return wide;
}"""


def test_recap_of_a_60_proposal_session_prints_on_a4(recap_session, open_browser):
    from pypdf import PdfReader

    from forum_anak.models import ExportLog

    width = int(PRINTABLE_PX)
    staff = open_browser({"width": width, "height": 1000})
    sign_in_staff(staff)
    response = staff.goto(f"/admin/musrenbang/sesi/{recap_session.pk}/berita-acara/")
    assert response.status == 200
    page = staff.page
    assert "Berita Acara" in page.content()
    assert ExportLog.objects.filter(format="recap", session=recap_session).count() == 1

    page.emulate_media(media="print")
    assert page.evaluate(
        "getComputedStyle(document.querySelector('table.list thead')).display"
    ) == ("table-header-group")
    assert page.evaluate("getComputedStyle(document.querySelector('.toolbar')).display") == "none"
    assert page.evaluate(TOO_WIDE, PRINTABLE_PX) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    pdf_bytes = page.pdf(format="A4", prefer_css_page_size=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "recap.pdf").write_bytes(pdf_bytes)
    for viewport in ({"width": 1280, "height": 900}, {"width": 360, "height": 640}):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SHOTS / f"recap-print-{viewport['width']}.png"), full_page=True)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 360, "height": 640})
    page.screenshot(path=str(SHOTS / "recap-screen-360.png"), full_page=True)
    page.emulate_media(media="print")

    pdf = PdfReader(io.BytesIO(pdf_bytes))
    assert len(pdf.pages) > 1
    for number, pdf_page in enumerate(pdf.pages, start=1):
        size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
        assert abs(size[0] - A4_POINTS[0]) <= 1 and abs(size[1] - A4_POINTS[1]) <= 1, (
            number,
            size,
        )
    # Every page that carries rows of the list starts them under the list's header row.
    texts = [pdf_page.extract_text() for pdf_page in pdf.pages]
    with_rows = [
        n
        for n, text in enumerate(texts, start=1)
        if "sekolah dasar nomor" in " ".join(text.split())
    ]
    assert len(with_rows) > 1, texts
    for n in with_rows:
        flat = " ".join(texts[n - 1].split())
        assert "Judul usulan" in flat and "Usulan kegiatan" in flat and "Pengusul" in flat, (
            n,
            flat[:300],
        )
    # All 60 codes made it to paper (a code may wrap inside its cell).
    everything = re.sub(r"\s+", "", "".join(texts))
    for code in recap_session.forwardings.values_list("bundle__proposals__code", flat=True):
        assert code in everything

    assert not staff.csp_violations
