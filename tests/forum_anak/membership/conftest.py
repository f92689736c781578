"""Fixtures of the membership tests."""

import pytest

from forum_anak.models import Area, ForumGroup


@pytest.fixture
def no_areas(db):
    """No areas yet, as before the first `load_wilayah` (the test database has them loaded
    once for all tests; this test's transaction puts them back after it)."""
    ForumGroup.objects.all().delete()
    for level in (Area.Level.KELURAHAN, Area.Level.KECAMATAN, Area.Level.KOTA):
        Area.objects.filter(level=level).delete()
