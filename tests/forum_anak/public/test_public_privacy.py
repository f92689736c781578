"""Acceptance 7: no member's personal data reaches a public surface, header or log line.

Members are seeded with a unique marker in every personal field; then every public surface
a visitor, crawler, feed reader or API client can reach is read, and no marker may appear.
"""

import io
import json
import logging
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from forum_anak.models import Area, MemberProfile
from tests import factories
from tests.forum_anak.factories import MemberProfileFactory, verify

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _markers_for(n: int) -> dict[str, str]:
    return {
        "username": f"zqusername{n}x",
        "nickname": f"Zqnick{n}x",
        "guardian_name": f"Zqguardian{n}x",
        "guardian_phone": f"08127777{n:04d}",
        "school": f"Zqschool{n}x",
        "email": f"zqmail{n}x@example.org",
    }


@pytest.fixture
def members(site_tree, wilayah):
    """A pending, a verified (nickname not approved) and a verified member with an approved
    nickname, each with unique markers; plus some public content around them."""
    kelurahan = Area.objects.filter(level=Area.Level.KELURAHAN).first()
    markers = []
    for n in range(3):
        m = _markers_for(n)
        user = get_user_model().objects.create_user(
            username=m["username"], email=m["email"], password="kata-sandi-uji-123"
        )
        EmailAddress.objects.create(user=user, email=m["email"], verified=True, primary=True)
        profile = MemberProfileFactory(
            user=user,
            kelurahan=kelurahan,
            nickname=m["nickname"],
            guardian_name=m["guardian_name"],
            guardian_phone=m["guardian_phone"],
            school=m["school"],
        )
        if n:
            verify(profile, approve_nickname=n == 2)
        markers.append(m)
    index = site_tree["news_index"]
    for n in range(2):
        factories.NewsArticlePageFactory(parent=index, title=f"Berita umum {n}")
    factories.EducationResourcePageFactory(parent=site_tree["education_index"])
    all_markers = [value for m in markers for value in m.values()]
    # Nicknames, even approved ones, may appear only where a member's work is shown (the
    # proposal board, a later issue); none of these surfaces shows members.
    return all_markers


def _assert_clean(response, markers, where):
    blob = response.content.decode("utf-8", "replace").lower()
    headers = "\n".join(f"{k}: {v}" for k, v in response.items()).lower()
    cookies = str(response.cookies).lower()
    for marker in markers:
        assert marker.lower() not in blob, f"{marker} in body of {where}"
        assert marker.lower() not in headers, f"{marker} in headers of {where}"
        assert marker.lower() not in cookies, f"{marker} in cookies of {where}"


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_no_marker_on_any_public_surface(client, members):
    seen = set()

    def read(path):
        if path in seen:
            return None
        seen.add(path)
        response = client.get(path)
        _assert_clean(response, members, path)
        return response

    sitemap = read("/sitemap.xml")
    urls = [loc.text for loc in ET.fromstring(sitemap.content).findall(".//sm:loc", SITEMAP_NS)]
    assert len(urls) >= 6
    for url in urls:
        assert read(_local(url)).status_code == 200

    feed = read("/berita/feed/")
    for item in ET.fromstring(feed.content).find("channel").findall("item"):
        read(_local(item.findtext("link")))

    for endpoint in ("/api/v2/", "/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"):
        listing = read(endpoint)
        assert listing.status_code == 200
        data = json.loads(listing.content)
        for item in data.get("items", []):
            detail = item.get("meta", {}).get("detail_url")
            if detail:
                read(_local(detail))
        total = data.get("meta", {}).get("total_count", 0)
        for offset in range(0, total, 20):
            read(f"{endpoint}?limit=20&offset={offset}")

    # A search page echoes the visitor's own query; it must otherwise be exactly the page a
    # search for a string stored nowhere gives (no result, no count, no suggestion).
    for marker in members:
        for template in ("/cari/?q={}", "/api/v2/pages/?search={}"):
            found = client.get(template.format(marker)).content.decode().replace(marker, "Q")
            control = "qqkosongqq"
            nothing = client.get(template.format(control)).content.decode().replace(control, "Q")
            assert found == nothing, f"searching {marker} found something"
    for path in ("/robots.txt", "/healthz", "/tidak-ada/", "/berita/tidak-ada/", "/usulan/"):
        read(path)
    for path in ("/akun/login/", "/akun/signup/", "/bantuan/"):
        read(path)


def test_forced_error_during_signup_leaves_no_marker_in_report_or_log(
    client, members, settings, monkeypatch, mailoutbox
):
    """A crash in the middle of sign-up: the error report (mailed to admins) and the log
    record carry none of what the child typed."""
    from django.core import mail

    settings.ADMINS = ["admin@example.org"]
    settings.DEBUG = False

    def boom(**kwargs):
        raise RuntimeError("simulated failure while saving the profile")

    monkeypatch.setattr("forum_anak.membership.signup.member_register", boom)
    client.raise_request_exception = False
    kelurahan = Area.objects.filter(level=Area.Level.KELURAHAN).first()
    m = _markers_for(9)
    from forum_anak.models import PrivacyNotice
    from tests.forum_anak.factories import birth_for_age

    year, month = birth_for_age(14)
    # The real log line: what the configured console handler (with its filters) writes.
    console = next(
        h for h in logging.getLogger("django.request").handlers if type(h) is logging.StreamHandler
    )
    log_output = io.StringIO()
    old_stream = console.setStream(log_output)
    try:
        response = client.post(
            "/akun/signup/?sekolah=" + m["school"],
            {
                "username": m["username"],
                "email": "",
                "password1": "Sandi-rahasia-9x",
                "password2": "Sandi-rahasia-9x",
                "nickname": m["nickname"],
                "birth_year": year,
                "birth_month": month,
                "kelurahan": kelurahan.pk,
                "guardian_name": m["guardian_name"],
                "guardian_relationship": MemberProfile.Relationship.MOTHER,
                "guardian_phone": m["guardian_phone"],
                "guardian_knows": "on",
                "notice_accepted": "on",
                "notice_version": PrivacyNotice.current().version,
            },
            HTTP_REFERER="http://testserver/akun/signup/?nama=" + m["guardian_name"],
        )
    finally:
        console.setStream(old_stream)
    assert response.status_code == 500
    assert "Internal Server Error: /akun/signup/" in log_output.getvalue()
    assert not get_user_model().objects.filter(username=m["username"]).exists()
    reports = [message for message in mail.outbox if "admin@example.org" in message.to]
    assert reports, "the crash produced no error report"
    texts = [r.body + "".join(str(a[1]) for a in r.alternatives) for r in reports]
    texts.append(log_output.getvalue())
    for text in texts:
        for marker in m.values():
            assert marker.lower() not in text.lower()
