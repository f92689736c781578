"""Acceptance 4: who reaches what, found by walking the URL resolver rather than listing URLs.

Every URL pattern under /admin/, /forum/ and /api/ is turned into a concrete path (path
parameters filled in: member ids with a member the caller must not reach), then requested
with GET and POST as each kind of account. New views are covered without touching this file.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from forum_anak.models import Area
from portal import roles
from tests import factories
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify

pytestmark = pytest.mark.django_db

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _fill(name: str, converter: str, ids: dict) -> str:
    if converter == "int" or name in ("pk", "id", "member_id", "profile_id", "user_id"):
        return str(ids.get(name, ids["default"]))
    if converter == "path":
        return "x/x"
    return "x"


def _route_to_path(route: str, ids: dict) -> str:
    route = _ROUTE_PARAM.sub(lambda m: _fill(m["name"], m["converter"] or "str", ids), route)
    return route


def _regex_to_path(regex: str, ids: dict) -> str:
    path = _REGEX_GROUP.sub(lambda m: _fill(m["name"], "", ids), regex)
    path = path.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    path = re.sub(r"\(\?:[^)]*\)\??", "", path)
    path = re.sub(r"\[[^\]]*\][*+?]?", "x", path)
    return path.replace("?", "").replace("*", "").replace("+", "")


def _walk(patterns, prefix: str, ids: dict):
    for pattern in patterns:
        raw = str(pattern.pattern)
        part = (
            _regex_to_path(raw, ids)
            if hasattr(pattern.pattern, "regex") and raw.startswith("^")
            else _route_to_path(raw, ids)
        )
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + part, ids)
        elif isinstance(pattern, URLPattern):
            yield prefix + part


def concrete_paths(starts: tuple[str, ...], ids: dict) -> list[str]:
    """Every resolvable concrete path under the given prefixes."""
    paths = set()
    for path in _walk(get_resolver().url_patterns, "/", ids):
        if not path.startswith(starts):
            continue
        try:
            resolve(path)
        except Resolver404:
            continue
        paths.add(path)
    return sorted(paths)


@pytest.fixture
def people(wilayah, settings):
    """A member in kecamatan A and one in kecamatan B; a facilitator of A (with a second
    factor) and one without a second factor; an editor."""
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    kecamatan = list(Area.objects.filter(level=Area.Level.KECAMATAN).order_by("code"))
    facilitator = make_facilitator(kecamatan[0])
    factories.with_totp(facilitator)
    member_a = MemberProfileFactory(kelurahan=kecamatan[0].children.first())
    member_b = MemberProfileFactory(kelurahan=kecamatan[1].children.first())
    verify(member_b)
    return {
        "facilitator": facilitator,
        "facilitator_without_second_factor": make_facilitator(kecamatan[0]),
        "member_a": member_a,
        "member_b": member_b,
    }


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/akun/login/")


def test_walk_finds_the_areas_it_must_cover(people):
    ids = {"default": people["member_b"].pk}
    admin = concrete_paths(("/admin/",), ids)
    forum = concrete_paths(("/forum/",), ids)
    assert len(admin) > 100
    assert "/forum/" in forum and "/forum/data-saya/" in forum and "/forum/profil/" in forum
    assert any(path.startswith("/admin/anggota/") for path in admin)


def test_anonymous_visitors_are_sent_to_login_from_every_forum_url(client, people):
    ids = {"default": people["member_b"].pk, "user_id": people["member_b"].user_id}
    for path in concrete_paths(("/forum/",), ids):
        for method in (client.get, client.post):
            response = method(path)
            assert _is_login_redirect(response), f"{method.__name__} {path}"


def test_member_gets_403_on_every_back_office_url(client, people):
    client.force_login(people["member_a"].user)
    ids = {"default": people["member_b"].pk}
    for path in concrete_paths(("/admin/",), ids):
        if path == "/admin/login/":
            continue
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 403, f"{method.__name__} {path}"


def test_staff_without_second_factor_reach_no_back_office_page(client, people):
    client.force_login(people["facilitator_without_second_factor"])
    ids = {"default": people["member_a"].pk}
    for path in concrete_paths(("/admin/",), ids):
        if path == "/admin/login/":
            continue
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code in (302, 403), f"{method.__name__} {path}"
            if response.status_code == 302:
                assert response["Location"].startswith("/akun/2fa/"), path


def test_facilitator_gets_403_or_404_on_members_outside_their_kecamatan(client, people):
    client.force_login(people["facilitator"])
    outsider = people["member_b"]
    member_urls = concrete_paths(
        ("/admin/anggota/",), {"default": outsider.pk, "user_id": outsider.user_id}
    )
    assert member_urls
    for path in member_urls:
        match = resolve(path)
        if not set(match.kwargs) & {"pk", "id", "member_id", "profile_id", "user_id"}:
            continue
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code in (403, 404), f"{method.__name__} {path}"
    outsider.refresh_from_db()
    assert outsider.status == "verified"
    assert outsider.user.member_events.exclude(kind__in=["signed_up", "verified"]).count() == 0


def test_member_sees_only_their_own_data(client, people):
    client.force_login(people["member_a"].user)
    other = people["member_b"]
    for path in concrete_paths(("/forum/",), {"default": other.pk}):
        response = client.get(path)
        body = response.content.decode("utf-8", "replace")
        assert other.nickname not in body, path
        assert other.guardian_name not in body, path
        assert response.status_code in (200, 302, 404, 405), path


def test_editor_without_child_data_role_is_not_asked_for_a_second_factor(client, people):
    editor = factories.UserFactory(groups=[roles.EDITOR])
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
