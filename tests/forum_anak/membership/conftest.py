"""Fixtures of the membership tests: here `member` is still waiting for verification."""

import pytest

from forum_anak.models import Area, ForumGroup
from tests.forum_anak.factories import MemberProfileFactory


@pytest.fixture
def no_areas(db):
    """No areas yet, as before the first `load_wilayah` (the test database has them loaded
    once for all tests; this test's transaction puts them back after it)."""
    ForumGroup.objects.all().delete()
    for level in (Area.Level.KELURAHAN, Area.Level.KECAMATAN, Area.Level.KOTA):
        Area.objects.filter(level=level).delete()


@pytest.fixture
def kecamatan(wilayah):
    """The first two kecamatan by code: a facilitator's own (A) and another (B)."""
    a, b = Area.objects.filter(level=Area.Level.KECAMATAN).order_by("code")[:2]
    return a, b


@pytest.fixture
def member(wilayah):
    """A member waiting for verification, in the first kelurahan of kecamatan A (the
    verified `member` of the other folders is what the facilitator here makes of it)."""
    return MemberProfileFactory()
