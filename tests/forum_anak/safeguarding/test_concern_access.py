"""/admin/perlindungan/: only the petugas perlindungan lists, reads and acts on concerns
(a superuser without the role is refused), every list view and read is logged exactly once,
a refused request logs nothing; moderators and facilitators raise within their scope."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum_anak.models import Area, ConcernAccess, SafeguardingConcern
from forum_anak.safeguarding.services import concern_raise, concern_refer
from portal import roles
from tests.factories import HotlineFactory, UserFactory, with_totp
from tests.forum_anak.factories import make_facilitator
from tests.forum_anak.safeguarding.test_concerns import approved, draft, with_photo

pytestmark = pytest.mark.django_db
Status = SafeguardingConcern.Status


@pytest.fixture
def member_details():
    """A nickname and guardian phone the officer's page must show."""
    return {"guardian_phone": "081299990000", "nickname": "Melati"}


@pytest.fixture
def concern(member, moderator):
    proposal = approved(member, moderator)
    return concern_raise(
        actor=moderator, source="proposal", proposal=proposal, description="Ada alamat rumah."
    )


def u(name, *args):
    return reverse(f"concerns:{name}", args=args)


def outsiders(member):
    """Everyone but the officer, a superuser without the role first."""
    return {
        "superuser": with_totp(UserFactory(is_superuser=True)),
        "moderator": with_totp(UserFactory(groups=[roles.PROPOSAL_MODERATOR])),
        "facilitator": with_totp(make_facilitator(member.kelurahan.parent)),
        "coordinator": with_totp(UserFactory(groups=[roles.COORDINATOR])),
        "editor": UserFactory(groups=[roles.EDITOR]),
        "member": member.user,
    }


def test_officer_reads_and_every_read_is_logged_once(client, officer, concern, member):
    client.force_login(officer)
    response = client.get(u("index"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert str(concern) in response.content.decode()
    assert list(ConcernAccess.objects.values_list("action", "concern", "user")) == [
        ("list", None, officer.pk)
    ]
    for view in ("detail", "refer", "close"):
        ConcernAccess.objects.all().delete()
        response = client.get(u(view, concern.pk))
        assert response.status_code == 200, view
        assert list(ConcernAccess.objects.values_list("action", "concern", "user")) == [
            ("read", concern.pk, officer.pk)
        ], view
    html = client.get(u("detail", concern.pk)).content.decode()
    # What the officer needs: the child's own text from the proposal, what was seen, the log.
    assert "Gang ke sekolah gelap saat pulang les." in html
    assert "Ada alamat rumah." in html
    assert "Catatan akses" in html and "Rina Petugas" in html
    # A proposal concern is not the place for the guardian's number.
    assert member.guardian_phone not in html


@pytest.mark.parametrize("who", ["superuser", "moderator", "facilitator", "coordinator", "editor"])
def test_everyone_else_is_refused_and_nothing_is_logged_or_changed(
    client, who, concern, member, hotline
):
    client.force_login(outsiders(member)[who])
    gets = [u("index"), u("detail", concern.pk), u("refer", concern.pk), u("close", concern.pk)]
    for address in gets:
        response = client.get(address)
        assert response.status_code == 403, (who, address)
        assert "Ada alamat rumah." not in response.content.decode()
    posts = {
        u("refer", concern.pk): {
            "referred_to": hotline.pk,
            "contact": "X",
            "referred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "action_taken": "Y",
        },
        u("close", concern.pk): {"note": "Aman."},
    }
    for address, data in posts.items():
        assert client.post(address, data).status_code == 403, (who, address)
    assert not ConcernAccess.objects.exists()
    concern.refresh_from_db()
    assert concern.status == Status.OPEN


def test_a_member_and_anonymous_never_reach_a_concern(client, concern, member):
    client.force_login(member.user)
    assert client.get(u("detail", concern.pk)).status_code in (302, 403)
    client.logout()
    response = client.get(u("detail", concern.pk))
    assert response.status_code == 302 and "Ada alamat rumah." not in response.content.decode()
    assert not ConcernAccess.objects.exists()


def test_missing_or_impossible_concern_ids_are_404_and_not_logged(client, officer):
    client.force_login(officer)
    for address in (u("detail", 999999), "/admin/perlindungan/99999999999999999999/"):
        assert client.get(address).status_code == 404
    assert not ConcernAccess.objects.exists()


def test_refer_then_detail_shows_the_referral(client, officer, concern, hotline):
    client.force_login(officer)
    page = client.get(u("refer", concern.pk))
    seen = page.context["form"].initial["seen"]
    inactive = HotlineFactory(name="Layanan lama", is_active=False)
    assert inactive.name not in page.content.decode()
    ConcernAccess.objects.all().delete()
    response = client.post(
        u("refer", concern.pk),
        {
            "referred_to": hotline.pk,
            "contact": "Ibu Ani, konselor",
            "referred_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "action_taken": "Ditelepon; anak didampingi.",
            "seen": seen,
        },
    )
    assert response.status_code == 302 and response["Location"] == u("detail", concern.pk)
    assert list(ConcernAccess.objects.values_list("action", flat=True)) == ["refer"]
    concern.refresh_from_db()
    assert concern.status == Status.REFERRED and concern.referral_contact == "Ibu Ani, konselor"
    html = client.get(u("detail", concern.pk)).content.decode()
    assert "UPTD PPA Kota Bima" in html and "Ditelepon; anak didampingi." in html
    assert "Rujukan dicatat" in html


def test_refused_action_is_a_clear_message_and_changes_nothing(client, officer, concern, hotline):
    concern_refer(
        actor=officer, concern_id=concern.pk, referred_to=hotline, contact="A", action_taken="B"
    )
    client.force_login(officer)
    response = client.post(u("close", concern.pk), {"note": "Aman."})
    assert response.status_code == 200
    assert "Dirujuk" in response.content.decode()
    concern.refresh_from_db()
    assert concern.status == Status.REFERRED
    # An empty form is a form error, not a 500.
    response = client.post(u("refer", concern.pk), {})
    assert response.status_code == 200 and response.context["form"].errors


def test_close_brings_the_source_back(client, officer, concern):
    from forum_anak.models import Proposal

    client.force_login(officer)
    seen = client.get(u("close", concern.pk)).context["form"].initial["seen"]
    response = client.post(u("close", concern.pk), {"note": "Alamat kantor.", "seen": seen})
    assert response.status_code == 302
    assert Proposal.objects.public().filter(pk=concern.proposal_id).exists()


def test_profile_concern_detail_shows_how_to_reach_the_child(client, officer, member):
    facilitator = make_facilitator(member.kelurahan.parent, first_name="Siti")
    profile_concern = concern_raise(actor=facilitator, source="profile", member=member.user)
    client.force_login(officer)
    html = client.get(u("detail", profile_concern.pk)).content.decode()
    assert member.guardian_phone in html and "Melati" in html
    assert member.kelurahan.name in html and "Siti" in html
    assert member.guardian_name not in html  # the number is enough to reach the child


def test_the_photo_opens_only_from_a_logged_read(
    client, officer, member, moderator, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    photo = with_photo(approved(member, moderator))
    photo_concern = concern_raise(actor=moderator, source="photo", photo=photo)
    client.force_login(officer)
    page = client.get(u("detail", photo_concern.pk))
    photo_url = page.context["photo_url"]
    assert photo_url and photo_url in page.content.decode()
    response = client.get(photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert client.get(u("photo", photo_concern.pk)).status_code == 404
    assert client.get(u("photo", photo_concern.pk) + "?t=forged").status_code == 404
    colleague = with_totp(UserFactory(groups=[roles.PROTECTION_OFFICER]))
    client.force_login(colleague)
    assert client.get(photo_url).status_code == 404  # someone else's ticket
    client.force_login(with_totp(UserFactory(is_superuser=True)))
    assert client.get(photo_url).status_code == 403


def test_menu_and_home_panel_only_for_the_officer(client, officer, concern, member):
    client.force_login(officer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert u("index") in html
    assert "1 laporan terbuka" in html
    for who, user in outsiders(member).items():
        if who in ("member", "editor"):
            continue
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert u("index") not in html, who
        assert "laporan terbuka" not in html and "Laporan perlindungan" not in html, who


# --- Raising through the back office -----------------------------------------------------------


def raise_url(source, key, value, next_url=""):
    query = f"?source={source}&{key}={value}"
    return u("raise") + query + (f"&next={next_url}" if next_url else "")


def test_moderator_raises_about_a_proposal(client, moderator, member):
    proposal = draft(member)
    client.force_login(moderator)
    address = raise_url("proposal", "proposal", proposal.pk, next_url="/admin/")
    page = client.get(address)
    assert page.status_code == 200 and "Apa yang kamu lihat?" in page.content.decode()
    assert client.post(address, {"description": ""}).status_code == 200  # a form error
    assert not SafeguardingConcern.objects.exists()
    response = client.post(address, {"description": "Nomor HP anak.", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    concern = SafeguardingConcern.objects.get()
    assert concern.proposal == proposal and concern.raised_by == moderator
    followed = client.get(response["Location"]).content.decode()
    assert "Laporan dikirim ke petugas perlindungan. Sumbernya langsung disembunyikan." in followed
    # Somewhere else is never a redirect target: back to the proposal's moderation page.
    response = client.post(address, {"description": "Lagi.", "next": "https://contoh.example/"})
    assert SafeguardingConcern.objects.count() == 2
    assert response["Location"] == reverse("usulan_admin:detail", args=[proposal.pk])


def test_facilitator_raises_about_own_members_only(client, member, wilayah):
    own = with_totp(make_facilitator(member.kelurahan.parent))
    elsewhere = with_totp(
        make_facilitator(
            Area.objects.filter(level=Area.Level.KECAMATAN).exclude(pk=member.kelurahan.parent_id)[
                0
            ]
        )
    )
    address = raise_url("profile", "member", member.user_id)
    client.force_login(elsewhere)
    assert client.get(address).status_code == 403
    assert client.post(address, {"description": "x"}).status_code == 403
    client.force_login(own)
    detail = client.get(reverse("anggota:detail", args=[member.user_id])).content.decode()
    assert "Laporkan ke petugas perlindungan" in detail
    response = client.post(address, {"description": "Cerita di rapat forum."})
    assert response.status_code == 302
    assert response["Location"] == reverse("anggota:detail", args=[member.user_id])
    assert SafeguardingConcern.objects.get().source == "profile"
    # A facilitator does not raise about a proposal's text (that is the moderators' queue).
    proposal = draft(member)
    assert client.get(raise_url("proposal", "proposal", proposal.pk)).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "?source=proposal&proposal=abc",
        "?source=proposal&proposal=99999999999999999999999",
        "?source=proposal",
        "?source=sesuatu&proposal=1",
        "?source=profile&member=424242",
    ],
)
def test_bad_raise_queries_are_404_not_500(client, moderator, query, wilayah):
    client.force_login(moderator)
    assert client.get(u("raise") + query).status_code == 404


def test_list_and_detail_cost_the_same_queries_whatever_the_rows(
    client, officer, member, moderator, hotline
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(address):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    client.force_login(officer)
    first = concern_raise(actor=moderator, source="proposal", proposal=draft(member))
    concern_refer(
        actor=officer, concern_id=first.pk, referred_to=hotline, contact="A", action_taken="B"
    )
    queries(u("index")), queries(u("detail", first.pk))  # warm the per-session caches
    few = (queries(u("index")), queries(u("detail", first.pk)))
    for _ in range(12):
        concern_raise(actor=moderator, source="proposal", proposal=draft(member))
        client.get(u("detail", first.pk))  # more rows in the access log too
    assert (queries(u("index")), queries(u("detail", first.pk))) == few
