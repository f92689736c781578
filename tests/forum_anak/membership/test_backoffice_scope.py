"""Who may open the facilitator back office, and on whom: own kecamatan only; members and
other staff are refused with a plain 403 (never a redirect loop)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum_anak.models import (
    Area,
    FacilitatorAssignment,
    ForumGroup,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
    PrivacyNotice,
)
from portal import roles
from tests.factories import UserFactory, with_totp
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify

pytestmark = pytest.mark.django_db


def member_in(kecamatan, *, verified=False):
    profile = MemberProfileFactory(kelurahan=Area.objects.filter(parent=kecamatan).first())
    return verify(profile) if verified else profile


def member_urls(profile):
    """Every member URL: the page and each action."""
    uid = profile.user_id
    group = ForumGroup.objects.get(area=profile.kelurahan.parent)
    return [
        reverse("anggota:detail", args=[uid]),
        *(
            reverse(f"anggota:{name}", args=[uid])
            for name in (
                "verify",
                "nickname",
                "reject",
                "suspend",
                "reinstate",
                "membership_set",
                "consent_withdraw",
                "reset_link",
            )
        ),
        reverse("anggota:membership_remove", args=[uid, group.pk]),
    ]


POST_DATA = {
    "method": GuardianConsent.Method.SIGNED_FORM,
    "evidence_reference": "FORM-1",
    "given_at": "2026-01-05",
    "reason": "Alasan.",
    "role": "ketua",
}


def test_facilitator_of_another_kecamatan_gets_404_everywhere(client, kecamatan):
    a, b = kecamatan
    client.force_login(with_totp(make_facilitator(a)))
    for verified in (False, True):
        profile = member_in(b, verified=verified)
        data = {**POST_DATA, "group": ForumGroup.objects.get(area=b).pk}
        for url in member_urls(profile):
            assert client.get(url).status_code == 404, url
            assert client.post(url, data).status_code == 404, url
        profile.refresh_from_db()
        assert profile.status == (
            MemberProfile.Status.VERIFIED if verified else MemberProfile.Status.PENDING
        )
    assert MemberProfile.objects.filter(kelurahan__parent=b).count() == 2
    # Nothing happened to them beyond what the test set up.
    assert not MemberEvent.objects.exclude(
        kind__in=[MemberEvent.Kind.SIGNED_UP, MemberEvent.Kind.VERIFIED]
    ).exists()


def test_bulk_verify_refuses_a_member_of_another_kecamatan(client, kecamatan):
    a, b = kecamatan
    own, other = member_in(a), member_in(b)
    client.force_login(with_totp(make_facilitator(a)))
    url = (
        reverse("wagtail_bulk_action", args=["forum_anak", "memberprofile", "verifikasi"])
        + f"?id={own.pk}&id={other.pk}"
    )
    data = {"method": "signed_form", "evidence_reference": "F-1", "given_at": "2026-01-05"}
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    assert client.post(url.replace(f"id={other.pk}", "id=abc"), data).status_code == 404
    own.refresh_from_db()
    assert own.status == MemberProfile.Status.PENDING


def test_facilitator_without_assignment_sees_nobody(client, kecamatan):
    profile = member_in(kecamatan[0])
    client.force_login(with_totp(make_facilitator()))
    response = client.get(reverse("anggota:queue"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert client.get(reverse("anggota:detail", args=[profile.user_id])).status_code == 404


def all_urls(profile):
    bulk = reverse("wagtail_bulk_action", args=["forum_anak", "memberprofile", "verifikasi"])
    return [
        reverse("anggota:queue"),
        reverse("anggota:queue_results"),
        reverse("anggota:index"),
        f"{bulk}?id={profile.pk}",
        *member_urls(profile),
    ]


def test_a_member_gets_403_not_a_redirect(client, kecamatan):
    profile = member_in(kecamatan[0], verified=True)
    client.force_login(MemberProfileFactory(kelurahan=profile.kelurahan).user)
    for url in all_urls(profile):
        assert client.get(url).status_code == 403, url
        assert client.post(url, POST_DATA).status_code == 403, url
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.VERIFIED


def test_other_staff_get_403(client, kecamatan):
    profile = member_in(kecamatan[0])
    client.force_login(UserFactory(groups=[roles.EDITOR]))
    for url in all_urls(profile):
        assert client.get(url).status_code == 403, url
        assert client.post(url, POST_DATA).status_code == 403, url
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.PENDING


def test_signed_out_visitor_is_sent_to_login(client, kecamatan):
    profile = member_in(kecamatan[0])
    response = client.get(reverse("anggota:detail", args=[profile.user_id]))
    assert response.status_code == 302
    assert response.url.startswith("/akun/login/")


# --- Admins' snippets -------------------------------------------------------------------------


def snippet_url(model, view, *args):
    return reverse(f"wagtailsnippets_forum_anak_{model}:{view}", args=args)


def test_facilitators_cannot_manage_assignments_groups_or_notices(client, kecamatan):
    client.force_login(with_totp(make_facilitator(kecamatan[0])))
    for model in ("facilitatorassignment", "forumgroup", "privacynotice"):
        for view in ("list", "add"):
            response = client.get(snippet_url(model, view))
            assert response.status_code in (302, 403), (model, view)
            assert response.status_code == 403 or response.url == "/admin/"


def test_assignment_offers_only_fasilitator_accounts(client, kecamatan):
    admin = with_totp(UserFactory(is_superuser=True))
    facilitator = UserFactory(username="fasilitator-rasanae", groups=[roles.FACILITATOR])
    child = MemberProfileFactory(kelurahan=Area.objects.filter(parent=kecamatan[0]).first()).user
    editor = UserFactory(groups=[roles.EDITOR])
    client.force_login(admin)

    form = client.get(snippet_url("facilitatorassignment", "add")).context["form"]
    choices = set(form.fields["facilitator"].queryset)
    assert facilitator in choices
    assert child not in choices and editor not in choices and admin not in choices

    response = client.post(
        snippet_url("facilitatorassignment", "add"),
        {"facilitator": child.pk, "kecamatan": kecamatan[0].pk},
    )
    assert response.status_code == 200
    assert not FacilitatorAssignment.objects.exists()
    response = client.post(
        snippet_url("facilitatorassignment", "add"),
        {"facilitator": facilitator.pk, "kecamatan": kecamatan[0].pk},
    )
    assert response.status_code == 302
    assert FacilitatorAssignment.objects.get().facilitator == facilitator


def test_forum_groups_are_renamed_not_added_or_deleted(client, kecamatan):
    client.force_login(with_totp(UserFactory(is_superuser=True)))
    group = ForumGroup.objects.get(area=kecamatan[0])
    assert client.get(snippet_url("forumgroup", "edit", group.pk)).status_code == 200
    assert client.get(snippet_url("forumgroup", "add")).status_code in (302, 403)
    assert client.get(snippet_url("forumgroup", "delete", group.pk)).status_code in (302, 403)
    assert ForumGroup.objects.filter(pk=group.pk).exists()


def test_a_published_privacy_notice_is_not_edited(client, kecamatan):
    client.force_login(with_totp(UserFactory(is_superuser=True)))
    current = PrivacyNotice.current()
    edit = snippet_url("privacynotice", "edit", current.pk)
    assert client.get(edit).status_code in (302, 403)
    client.post(edit, {"version": current.version, "title": "Diubah", "body": "x"})
    current.refresh_from_db()
    assert current.title != "Diubah"
    assert client.get(snippet_url("privacynotice", "inspect", current.pk)).status_code == 200

    add = client.get(snippet_url("privacynotice", "add"))
    assert "tidak bisa diubah" in add.content.decode()
    response = client.post(
        snippet_url("privacynotice", "add"),
        {
            "version": current.version + 1,
            "title": "Pemberitahuan privasi",
            "body": "Isi baru.",
            "published_at": (timezone.now() + timezone.timedelta(days=7)).strftime(
                "%Y-%m-%d %H:%M"
            ),
        },
    )
    assert response.status_code == 302
    upcoming = PrivacyNotice.objects.get(version=current.version + 1)
    assert client.get(snippet_url("privacynotice", "edit", upcoming.pk)).status_code == 200


def test_impossible_ids_are_a_404_not_a_server_error(client, wilayah):
    from forum_anak.models import Area
    from tests.factories import with_totp
    from tests.forum_anak.factories import make_facilitator as _make

    facilitator = with_totp(_make(Area.objects.filter(level="kecamatan").first()))
    client.force_login(facilitator)
    huge = "9" * 25
    assert client.get(f"/admin/anggota/{huge}/").status_code == 404
    assert client.post(f"/admin/anggota/{huge}/verifikasi/").status_code == 404
    response = client.get(f"/admin/bulk/forum_anak/memberprofile/verifikasi/?id={huge}")
    assert response.status_code == 404
