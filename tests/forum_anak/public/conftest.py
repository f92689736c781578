"""Fixtures of the public-board tests."""

import pytest
from django.test import override_settings

from tests.forum_anak.public.board_world import PUBLIC_SETTINGS, build_public_world


@pytest.fixture(scope="module")
def public_world_once(site_tree_once, cycle_once):
    with override_settings(**PUBLIC_SETTINGS):
        return build_public_world()


@pytest.fixture
def public_world(public_world_once, site_tree, cycle, settings):
    """The public board's world (`build_public_world`), built once per module: the tests
    read it, and what one of them writes (a report, a concern) is undone after it."""
    for name, value in PUBLIC_SETTINGS.items():
        setattr(settings, name, value)
    return public_world_once.fresh()
