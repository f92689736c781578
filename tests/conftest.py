"""Shared fixtures: the areas of Kota Bima in every test database, a minimal public site
tree on the default Site, and the means to build data once per module."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.db.models.signals import post_save
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from forum_anak.membership.services import WILAYAH_FILE, wilayah_load
from forum_anak.models import Area
from tests import factories

# The database blocker, kept by `django_db_setup` for the hook that repairs a flushed database.
_blocker = pytest.StashKey()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def load_wilayah():
    """The shipped kecamatan and kelurahan of Kota Bima, with their forum groups.

    Loaded through the service, with the per-row search and reference index updates held
    back and the areas indexed for search in one batch after: indexing 47 areas one by one
    was most of the loading time."""
    post_save.disconnect(post_save_signal_handler, sender=Area)
    try:
        with disable_reference_index_auto_update():
            wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8"))
    finally:
        post_save.connect(post_save_signal_handler, sender=Area)
    areas = list(Area.objects.all())
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Area, areas)


def _flushes_the_database(item: pytest.Item) -> bool:
    """A transactional test: Django empties every table after it."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"}
        & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """The test database of this process, with the areas loaded once.

    When the run has transactional tests, the database (areas included) is serialized
    after loading, so that `pytest_runtest_teardown` can put it back after each of them."""
    request.config.stash[_blocker] = django_db_blocker
    with django_db_blocker.unblock():
        load_wilayah()
        if any(_flushes_the_database(item) for item in request.session.items):
            connection = connections["default"]
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test, fill the emptied database again (migration data and
    areas), so that a plain test running after it on this process finds what it expects."""
    try:
        return (yield)
    finally:
        # After the last test the session's teardown has just dropped the test database.
        blocker = item.config.stash.get(_blocker, None)
        if blocker is not None and nextitem is not None and _flushes_the_database(item):
            _refill_after_flush(blocker)


def _refill_after_flush(blocker) -> None:
    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    with blocker.unblock():
        if contents is None or Area.objects.exists():
            return
        # A flush without serialized rollback re-creates content types and permissions:
        # empty the tables again (without that) so the saved rows go back with their ids.
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        _deserialize_content_types_first(connection, contents)


def _deserialize_content_types_first(connection, contents: str) -> None:
    """Django's `deserialize_db_from_string`, with the content types saved first: building
    a Wagtail task looks its content type up, and would add a second row for it."""
    rows = json.loads(contents)
    content_types = [row for row in rows if row["model"] == "contenttypes.contenttype"]
    rest = [row for row in rows if row["model"] != "contenttypes.contenttype"]
    tables = set()
    with transaction.atomic(using=connection.alias):
        with connection.constraint_checks_disabled():
            for part in (content_types, rest):
                ContentType.objects.clear_cache()
                for obj in serializers.deserialize("python", part, using=connection.alias):
                    obj.save()
                    tables.add(obj.object._meta.db_table)
        connection.check_constraints(table_names=tables)


@pytest.fixture
def wilayah(db):
    """The areas of Kota Bima, loaded once per test database (see `django_db_setup`)."""
    if not Area.objects.exists():  # emptied by a transactional test and not refilled
        load_wilayah()
    return Area.objects


# --- Data built once per module ---------------------------------------------------------------
#
# A fixture named `<name>_once` (module scope, built inside `module_transaction`) holds data
# that a module's tests share; the function fixture `<name>` hands each test a fresh copy of
# it when the test's fixtures include `<name>_once` (`once(name)`), and builds its own
# otherwise. Each test
# runs in a savepoint inside the module's transaction, so what a test writes is undone after
# it, and the shared rows are undone after the module's last test.


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction around the tests of a module that share data (see above)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def once(request):
    """`once(name)`: the module's `<name>_once` data when this test shares it, else None."""

    def get(name: str):
        if f"{name}_once" in request.fixturenames:
            return request.getfixturevalue(f"{name}_once")
        return None

    return get


def _once_fixtures(item: pytest.Item) -> int:
    return sum(name.endswith("_once") for name in getattr(item, "fixturenames", ()))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each module, tests that share less of the module's data run first: data built
    once stays until the module's last test, and a test that builds its own (an empty
    board, a world of its own) must not find it there. Transactional tests never share."""
    for item in items:
        if "module_transaction" in getattr(item, "fixturenames", ()) and _flushes_the_database(
            item
        ):
            raise pytest.UsageError(f"{item.nodeid}: a transactional test cannot share data")
    start = 0
    for end in range(1, len(items) + 1):
        if end == len(items) or getattr(items[end], "module", None) is not getattr(
            items[start], "module", None
        ):
            items[start:end] = sorted(items[start:end], key=_once_fixtures)
            start = end


def build_site_tree() -> dict:
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
    return {
        "site": site,
        "home": home,
        "news_index": factories.NewsIndexPageFactory(parent=home),
        "education_index": factories.EducationIndexPageFactory(parent=home),
        "help_page": factories.HelpPageFactory(parent=home),
        "sapa": factories.HotlineFactory(),
    }


def _fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


@pytest.fixture(scope="module")
def site_tree_once(module_transaction):
    return build_site_tree()


@pytest.fixture
def site_tree(once, db):
    """Home at /, with /berita/, /edukasi/, /bantuan/ and SAPA 129 in the hotline list."""
    if shared := once("site_tree"):
        return {key: _fresh(obj) for key, obj in shared.items()}
    return build_site_tree()
