"""The in-site inbox (/forum/kabar/), the "Kabar (N)" unread count in the header, and the
private "Aku perlu bicara dengan petugas" request."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum_anak.models import Notification, Proposal, SafeguardingConcern
from forum_anak.proposals.services import proposal_draft_create, proposal_submit
from portal.context_processors import inbox as inbox_context
from tests.factories import HotlineFactory
from tests.forum_anak.factories import MemberProfileFactory, verify

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"forum_anak:{name}", args=args)


def notify(user, body: str = "Isi kabar", **kwargs) -> Notification:
    return Notification.objects.create(
        recipient=user,
        kind="test",
        subject="Ada kabar baru di Portal Forum Anak",
        body=body,
        **kwargs,
    )


def header_count(page: str) -> str:
    start = page.index('class="inbox-link"')
    return page[start : page.index("</a>", start)]


# --- Inbox -----------------------------------------------------------------------------------


def test_the_header_shows_the_unread_count_for_signed_in_accounts(client, member):
    for _ in range(3):
        notify(member.user)
    notify(member.user, read_at=timezone.now())
    notify(verify(MemberProfileFactory()).user)  # somebody else's
    client.force_login(member.user)
    assert "Kabar (3)" in header_count(client.get(url("home")).content.decode())


def test_anonymous_visitors_get_no_count_and_no_query(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as captured:
        assert inbox_context(request) == {}
    assert len(captured) == 0


def test_a_signed_in_count_is_exactly_one_query(rf, member):
    notify(member.user)
    request = rf.get("/")
    request.user = member.user
    context = inbox_context(request)
    with CaptureQueriesContext(connection) as captured:
        assert context["unread_notifications"]() == 1
    assert len(captured) == 1


def test_the_inbox_lists_newest_first_and_listing_marks_nothing_read(client, member):
    old = notify(member.user, body="LAMA")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1))
    new = notify(member.user, body="BARU")
    client.force_login(member.user)
    page = client.get(url("inbox")).content.decode()
    assert page.index(url("inbox_message", new.pk)) < page.index(url("inbox_message", old.pk))
    assert "Ada kabar baru di Portal Forum Anak" in page
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


def test_opening_a_message_marks_it_read(client, member):
    message = notify(member.user, body="Usulanmu sudah terkirim.")
    client.force_login(member.user)
    page = client.get(url("inbox_message", message.pk)).content.decode()
    assert "Usulanmu sudah terkirim." in page
    message.refresh_from_db()
    assert message.read_at is not None
    assert "Kabar (0)" in header_count(client.get(url("inbox")).content.decode())


def test_mark_all_read_is_a_post(client, member):
    for _ in range(2):
        notify(member.user)
    client.force_login(member.user)
    client.get(url("inbox_mark_read"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    client.post(url("inbox_mark_read"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_a_message_of_someone_else_is_404_and_stays_unread(client, member):
    theirs = notify(verify(MemberProfileFactory()).user)
    client.force_login(member.user)
    assert client.get(url("inbox_message", theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_inbox_is_paginated(client, member):
    for i in range(25):
        notify(member.user, body=f"Kabar {i}")
    client.force_login(member.user)
    first = client.get(url("inbox")).content.decode()
    second = client.get(url("inbox") + "?halaman=2").content.decode()
    assert first.count('class="inbox__item') == 20
    assert second.count('class="inbox__item') == 5


def test_a_transition_reaches_the_inbox(client, member):
    proposal = proposal_draft_create(
        actor=member.user, title="Taman", problem="Tidak ada taman.", proposed_action="Bangun."
    )
    proposal_submit(actor=member.user, proposal=proposal)
    client.force_login(member.user)
    assert "Kabar (1)" in header_count(client.get(url("home")).content.decode())
    message = Notification.objects.get(recipient=member.user)
    page = client.get(url("inbox_message", message.pk)).content.decode()
    assert url("proposal_detail", proposal.pk) in page


# --- "Aku perlu bicara dengan petugas" -----------------------------------------------------


def test_every_member_page_has_the_private_help_button(client, member):
    proposal = proposal_draft_create(
        actor=member.user, title="Taman", problem="Tidak ada taman.", proposed_action="Bangun."
    )
    client.force_login(member.user)
    for page_url in (url("home"), url("proposal_create"), url("proposal_detail", proposal.pk)):
        page = client.get(page_url).content.decode()
        assert "Aku perlu bicara dengan petugas" in page
        assert f'method="post" action="{url("help_request")}"' in page


def test_the_help_button_opens_a_concern_and_tells_nobody(client, member, site_tree):
    HotlineFactory(name="UPTD PPA Kota Bima", phone="0374 43210", sort_order=5)
    client.force_login(member.user)
    mail.outbox.clear()
    response = client.post(url("help_request"), {"message": "Aku takut pulang."})
    assert response.status_code == 302 and response["Location"] == url("help_sent")
    concern = SafeguardingConcern.objects.get()
    assert concern.source == SafeguardingConcern.Source.HELP
    assert concern.member == member.user and concern.raised_by_child
    assert concern.description == "Aku takut pulang."
    assert not Notification.objects.exists()
    assert mail.outbox == []

    page = client.get(response["Location"]).content.decode()
    assert "Petugas akan menghubungimu" in page
    assert "telepon SAPA 129 di 129" in page  # from the Hotline data
    assert page.index("SAPA 129") < page.index("0374 43210")


def test_the_one_tap_button_needs_no_message(client, member):
    client.force_login(member.user)
    response = client.post(url("help_request"))
    assert response.status_code == 302
    assert SafeguardingConcern.objects.filter(member=member.user, raised_by_child=True).exists()
    assert not Notification.objects.exists() and mail.outbox == []


def test_asking_for_help_leaves_proposals_visible(client, member):
    proposal = proposal_draft_create(
        actor=member.user, title="Taman", problem="Tidak ada taman.", proposed_action="Bangun."
    )
    client.force_login(member.user)
    client.post(url("help_request"))
    assert not Proposal.objects.under_concern().exists()
    assert "Taman" in client.get(url("proposal_detail", proposal.pk)).content.decode()
