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
    """The shipped kecamatan and kelurahan of Kota Bima, with their forum groups."""
    from forum_anak.services import WILAYAH_FILE, wilayah_load

    wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8"))
    from forum_anak.models import Area

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
