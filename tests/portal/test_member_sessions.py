"""Shared phones: a member's session ends with the browser and after idle time."""

import re
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.middleware import LAST_SEEN_SESSION_KEY
from tests import factories
from tests.forum_anak.factories import MemberProfileFactory

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-uji-123"  # the UserFactory default


@pytest.fixture
def member(wilayah):
    return MemberProfileFactory().user


def _log_in(client, user):
    response = client.post("/akun/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    return response


def _idle_for(client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time() - minutes * 60)
    session.save()


def test_a_members_session_cookie_ends_with_the_browser(client, site_tree, member):
    response = _log_in(client, member)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert client.session.get_expire_at_browser_close()


def test_any_way_in_gives_a_member_a_browser_session(client, site_tree, member):
    """Not only allauth's password form: a session made another way is turned into a
    browser session on the member's first request."""
    client.force_login(member)
    assert not client.session.get_expire_at_browser_close()

    response = client.get("/")

    assert response.status_code == 200
    assert client.session.get_expire_at_browser_close()
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_a_member_idle_for_longer_than_the_limit_is_signed_out(client, site_tree, member):
    _log_in(client, member)
    _idle_for(client, settings.MEMBER_IDLE_MINUTES + 1)

    response = client.get("/berita/")

    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_URL
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "keluar otomatis" in page and f"{settings.MEMBER_IDLE_MINUTES} menit" in page


def test_a_post_after_the_idle_limit_changes_nothing_and_signs_out(client, site_tree, member):
    _log_in(client, member)
    _idle_for(client, settings.MEMBER_IDLE_MINUTES + 5)

    response = client.post("/akun/password/change/", {"oldpassword": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_URL
    assert "_auth_user_id" not in client.session


def test_the_limit_follows_the_setting(client, site_tree, member, settings):
    settings.MEMBER_IDLE_MINUTES = 5
    _log_in(client, member)
    _idle_for(client, 6)

    assert client.get("/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_member_active_within_the_limit_stays_signed_in(client, site_tree, member):
    _log_in(client, member)
    _idle_for(client, settings.MEMBER_IDLE_MINUTES - 1)

    assert client.get("/").status_code == 200
    assert client.session["_auth_user_id"] == str(member.pk)
    # That request counts as activity: the clock starts again.
    assert time.time() - client.session[LAST_SEEN_SESSION_KEY] < 5


def test_activity_is_written_at_most_about_once_a_minute(client, site_tree, member):
    _log_in(client, member)
    _idle_for(client, 0.5)
    stamped = client.session[LAST_SEEN_SESSION_KEY]

    client.get("/")
    assert client.session[LAST_SEEN_SESSION_KEY] == stamped

    _idle_for(client, 1.5)
    client.get("/")
    assert time.time() - client.session[LAST_SEEN_SESSION_KEY] < 5


def test_a_members_requests_cost_no_membership_query_once_known(client, site_tree, member):
    _log_in(client, member)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200

    assert not [q for q in queries.captured_queries if "memberprofile" in q["sql"].lower()]


def test_staff_requests_cost_no_membership_query_once_known(client, site_tree):
    client.force_login(factories.UserFactory(groups=["Editor"]))
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200

    assert not [q for q in queries.captured_queries if "memberprofile" in q["sql"].lower()]


@pytest.mark.parametrize(
    "fields", [{"is_superuser": True, "is_staff": True}, {"groups": ["Editor"]}]
)
def test_staff_sessions_are_left_alone(client, site_tree, fields):
    staff = factories.with_totp(factories.UserFactory(**fields))
    client.force_login(staff)
    _idle_for(client, settings.MEMBER_IDLE_MINUTES * 10)

    assert client.get("/").status_code == 200
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert not client.session.get_expire_at_browser_close()


def test_a_signed_out_member_session_keeps_nothing_of_the_member(client, site_tree, member):
    _log_in(client, member)
    _idle_for(client, settings.MEMBER_IDLE_MINUTES + 1)

    client.get("/")

    assert LAST_SEEN_SESSION_KEY not in client.session
    assert not any(key.startswith("portal.") for key, _ in client.session.items())


# --- Header: signing out on a shared phone ------------------------------------------------


def test_signed_in_pages_have_a_sign_out_button_after_the_quick_exit(client, site_tree, member):
    _log_in(client, member)

    html = client.get("/").content.decode()

    form = re.search(r'<form class="sign-out" method="post" action="([^"]+)">(.*?)</form>', html)
    assert form, "no sign-out form in the header"
    assert form.group(1) == "/akun/logout/"
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert '<button type="submit">Keluar</button>' in form.group(2)
    assert html.index("data-quick-exit") < html.index('class="sign-out"')
    assert re.search(r"<body[^>]*>\s*<a [^>]*data-quick-exit", html)
    assert ">Masuk<" not in html


def test_the_sign_out_button_signs_out(client, site_tree, member):
    _log_in(client, member)

    response = client.post("/akun/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_anonymous_pages_offer_masuk_and_no_sign_out(client, site_tree):
    html = client.get("/").content.decode()

    assert '<a href="/akun/login/">Masuk</a>' in html
    assert 'class="sign-out"' not in html
    assert "csrfmiddlewaretoken" not in html
