"""Fixtures of the public-board tests."""

import pytest

from tests.forum_anak.public.board_world import PUBLIC_SETTINGS, build_public_world


@pytest.fixture
def public_world(site_tree, wilayah, cycle, settings):
    """The public board's world (`build_public_world`), under PUBLIC_SETTINGS."""
    for name, value in PUBLIC_SETTINGS.items():
        setattr(settings, name, value)
    return build_public_world()
