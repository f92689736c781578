"""Issue 4 acceptance 4: who reaches which proposal page, found by walking the URL resolver
(GET and POST per role), so pages added later are covered without touching this file.

- a member reaches only their own proposals and drafts: another member's gives 404 on
  every /forum/ URL that takes a proposal, and nothing changes;
- the moderation back office (/admin/usulan/) answers moderators only;
- concerns (/admin/perlindungan/) answer the protection officer only, a superuser without
  the role included, and each read is logged.
"""

from datetime import timedelta

import pytest
from django.urls import resolve
from django.utils import timezone

from forum_anak.models import (
    ConcernAccess,
    MusrenbangCycle,
    Notification,
    Proposal,
    SafeguardingConcern,
    TimelineEvent,
)
from forum_anak.proposals.services import proposal_draft_create, proposal_submit
from forum_anak.safeguarding.services import concern_raise
from portal import roles
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, verify
from tests.portal.test_access_walk import concrete_paths

pytestmark = pytest.mark.django_db

_ID_KWARGS = {"pk", "id", "proposal_id", "photo_id", "concern_id", "report_id", "notification_id"}


@pytest.fixture
def world(wilayah, settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    today = timezone.localdate()
    MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=5),
        submission_closes=today + timedelta(days=5),
    )
    owner = verify(MemberProfileFactory())
    other = verify(MemberProfileFactory())
    moderator = UserFactory(groups=[roles.PROPOSAL_MODERATOR])

    def proposal(title):
        return proposal_draft_create(
            actor=owner.user,
            title=title,
            problem="Masalah rahasia pemilik.",
            proposed_action="Tindakan rahasia pemilik.",
        )

    draft = proposal("Draf milik orang lain")
    sent = proposal_submit(actor=owner.user, proposal=proposal("Terkirim milik lain"))
    concern = concern_raise(actor=moderator, source="proposal", proposal=sent)
    return {
        "owner": owner,
        "other": other,
        "moderator": moderator,
        "draft": draft,
        "sent": sent,
        "concern": concern,
    }


def _snapshot():
    return (
        list(Proposal.objects.order_by("pk").values_list("pk", "state", "title", "updated_at")),
        TimelineEvent.objects.count(),
        Notification.objects.count(),
        SafeguardingConcern.objects.count(),
    )


def test_the_walk_covers_the_proposal_pages(world):
    forum = concrete_paths(("/forum/usulan/",), {"default": world["draft"].pk})
    assert "/forum/usulan/baru/" in forum
    assert any(set(resolve(p).kwargs) & _ID_KWARGS for p in forum)
    assert concrete_paths(("/admin/usulan/",), {"default": 1})
    assert concrete_paths(("/admin/perlindungan/",), {"default": 1})


@pytest.mark.parametrize("target", ["draft", "sent"])
def test_a_member_gets_404_on_every_page_of_someone_elses_proposal(client, world, target):
    client.force_login(world["other"].user)
    before = _snapshot()
    proposal = world[target]
    paths = [
        path
        for path in concrete_paths(("/forum/",), {"default": proposal.pk})
        if set(resolve(path).kwargs) & _ID_KWARGS
    ]
    assert paths
    for path in paths:
        for method in (client.get, client.post):
            response = method(path, {"title": "Diubah orang lain"})
            assert response.status_code == 404, f"{method.__name__} {path}"
    assert _snapshot() == before


def test_the_owner_reaches_their_own_draft(client, world):
    client.force_login(world["owner"].user)
    paths = [
        path
        for path in concrete_paths(("/forum/usulan/",), {"default": world["draft"].pk})
        if set(resolve(path).kwargs) & _ID_KWARGS and "foto" not in path
    ]
    assert paths
    for path in paths:
        assert client.get(path).status_code in (200, 302, 405), path


@pytest.mark.parametrize(
    "role",
    [None, roles.EDITOR, roles.CONTENT_MODERATOR, roles.PROTECTION_OFFICER, "member"],
)
def test_moderation_pages_refuse_everyone_but_moderators(client, world, role):
    user = world["other"].user if role == "member" else UserFactory(groups=[role] if role else [])
    client.force_login(user)
    before = _snapshot()
    for path in concrete_paths(("/admin/usulan/",), {"default": world["sent"].pk}):
        if "kertas" in path:
            continue  # the paper entry belongs to facilitators (tested with them)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code in (302, 403), f"{role} {method.__name__} {path}"
            if response.status_code == 302:
                assert response["Location"].startswith("/akun/login/"), path
    assert _snapshot() == before


def test_moderators_reach_the_moderation_pages(client, world):
    client.force_login(world["moderator"])
    paths = concrete_paths(("/admin/usulan/",), {"default": world["sent"].pk})
    ok = [p for p in paths if client.get(p).status_code == 200]
    assert ok, paths


@pytest.mark.parametrize(
    "role", [roles.PROPOSAL_MODERATOR, roles.FACILITATOR, roles.COORDINATOR, "superuser"]
)
def test_concerns_are_readable_only_by_the_protection_officer(client, world, role):
    superuser = role == "superuser"
    user = (
        UserFactory(is_superuser=True, is_staff=True) if superuser else UserFactory(groups=[role])
    )
    client.force_login(user)
    concern = world["concern"]
    paths = [
        p
        for p in concrete_paths(("/admin/perlindungan/",), {"default": concern.pk})
        if resolve(p).url_name != "raise"  # raising one is for moderators and facilitators
    ]
    assert paths
    for path in paths:
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 403, f"{role} {method.__name__} {path}"
    assert not ConcernAccess.objects.exists()
    concern.refresh_from_db()
    assert concern.status == SafeguardingConcern.Status.OPEN


def test_every_read_by_the_officer_is_logged(client, world):
    officer = UserFactory(groups=[roles.PROTECTION_OFFICER])
    client.force_login(officer)
    concern = world["concern"]
    detail_paths = [
        p
        for p in concrete_paths(("/admin/perlindungan/",), {"default": concern.pk})
        if resolve(p).kwargs and client.get(p).status_code == 200
    ]
    assert detail_paths
    reads = ConcernAccess.objects.filter(user=officer, concern=concern, action="read").count()
    assert reads >= 1
    before = reads
    client.get(detail_paths[0])
    assert (
        ConcernAccess.objects.filter(user=officer, concern=concern, action="read").count()
        == before + 1
    )
