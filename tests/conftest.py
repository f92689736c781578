"""Shared fixtures: a minimal public site tree on the default Site."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from tests import factories


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def wilayah(db):
    """The shipped kecamatan and kelurahan of Kota Bima, with their forum groups.

    Loaded through the service, with the per-row search and reference index updates held
    back and the areas indexed for search in one batch after: indexing 47 areas one by one
    was most of many tests' setup time."""
    from django.db.models.signals import post_save
    from modelsearch.backends import get_search_backends
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from forum_anak.membership.services import WILAYAH_FILE, wilayah_load
    from forum_anak.models import Area

    post_save.disconnect(post_save_signal_handler, sender=Area)
    try:
        with disable_reference_index_auto_update():
            wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8"))
    finally:
        post_save.connect(post_save_signal_handler, sender=Area)
    areas = list(Area.objects.all())
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Area, areas)
    return Area.objects


@pytest.fixture
def site_tree(db):
    """Home at /, with /berita/, /edukasi/, /bantuan/ and SAPA 129 in the hotline list."""
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    if old_root.pk != home.pk and type(old_root.specific) is Page:
        old_root.delete()
    tree = {
        "site": site,
        "home": home,
        "news_index": factories.NewsIndexPageFactory(parent=home),
        "education_index": factories.EducationIndexPageFactory(parent=home),
        "help_page": factories.HelpPageFactory(parent=home),
        "sapa": factories.HotlineFactory(),
    }
    return tree
