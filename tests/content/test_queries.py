"""Acceptance 8: a page costs the same number of SQL queries with 12 or 120 articles.

"After clearing caches and one warm-up render, the SQL query counts of home, news index and
an article are equal with 12 and with 120 articles (each with a hero image, two topics, tags,
related articles), and at most 10."
"""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction
from wagtail.signal_handlers import disable_reference_index_auto_update

from content import selectors
from content.models import NewsArticlePage, NewsIndexPage
from tests import factories

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 10
TEMPLATES = Path(settings.BASE_DIR) / "templates" / "components"


def _hero_image():
    return factories.ImageFactory(file=factories.make_image_file(size=(160, 90)))


def _tag(page, *names):
    """Tag rows written directly: `page.tags.add()` would need another page save."""
    through = page.tags.through
    through.objects.bulk_create(
        [
            through(content_object=page, tag=Tag.objects.get_or_create(name=name)[0])
            for name in names
        ]
    )


def _add_articles(news_index, topics, count, start):
    """`count` articles, each with its own hero image, two topics and two tags."""
    for n in range(start, start + count):
        article = factories.NewsArticlePageFactory(
            parent=news_index,
            date=date(2026, 1, 1) + timedelta(days=n),
            hero_image=_hero_image(),
            hero_caption="Keterangan gambar",
            hero_credit="Tim Humas",
            topics=[topics[n % len(topics)], topics[(n + 1) % len(topics)]],
        )
        _tag(article, "tppo", f"label-{n % 7}")


def _add_resources(education_index, topics, count, start):
    for n in range(start, start + count):
        resource = factories.EducationResourcePageFactory(
            parent=education_index,
            date=date(2026, 1, 1) + timedelta(days=n),
            hero_image=_hero_image(),
            topics=[topics[n % len(topics)], topics[(n + 1) % len(topics)]],
        )
        _tag(resource, "edukasi")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _query_counts(client, urls) -> tuple[dict[str, int], dict[str, int]]:
    """Query counts per page: with warm caches, then with the Django cache emptied.

    Caches are cleared and every page is rendered once first (renditions are generated then).
    The first figures are acceptance 8's. The second ones, after clearing the cache again, show
    what is not prefetched: a rendition read from the cache costs no query, so only an empty
    cache reveals a rendition looked up image by image.
    """
    cache.clear()
    for url in urls:
        assert client.get(url).status_code == 200, url
    warm = {url: _count(client, url) for url in urls}
    cache.clear()
    cold = {url: _count(client, url) for url in urls}
    return warm, cold


@pytest.fixture(autouse=True)
def _fast_page_creation(settings):
    """Building 120 pages is what takes time here: skip search and reference indexing."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "AUTO_UPDATE": False}
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with disable_reference_index_auto_update():
        yield


@pytest.fixture
def topics(db):
    return [factories.TopicFactory(name=f"Topik {n}", slug=f"topik-{n}") for n in range(4)]


def _article_url(news_index) -> str:
    """The oldest article: it gains related articles as the site grows."""
    article = news_index.get_children().order_by("path").first().specific
    assert article.hero_image_id and article.topics.count() == 2 and article.tags.count() == 2
    return article.url


def test_query_counts_do_not_grow_with_the_number_of_articles(client, site_tree, topics):
    _add_articles(site_tree["news_index"], topics, 12, start=0)
    _add_resources(site_tree["education_index"], topics, 4, start=0)
    urls = ["/", "/berita/", _article_url(site_tree["news_index"])]
    with_12 = _query_counts(client, urls)
    assert "Baca juga" in client.get(urls[2]).content.decode()  # related articles shown

    _add_articles(site_tree["news_index"], topics, 108, start=12)
    _add_resources(site_tree["education_index"], topics, 8, start=4)
    with_120 = _query_counts(client, urls)

    print(f"\nSQL queries (warm, empty cache): 12 articles {with_12}; 120 articles {with_120}")
    assert with_12 == with_120


def test_query_budget(client, site_tree, topics):
    _add_articles(site_tree["news_index"], topics, 12, start=0)
    _add_resources(site_tree["education_index"], topics, 4, start=0)
    warm, _ = _query_counts(client, ["/", "/berita/", _article_url(site_tree["news_index"])])
    print(f"\nSQL queries per page: {warm}")
    assert all(count <= QUERY_BUDGET for count in warm.values()), warm


def test_prefetched_image_specs_are_the_ones_the_templates_use():
    """Renditions are prefetched by filter-spec string: a template edit must not drift."""
    assert selectors.CARD_IMAGE_SPECS in (TEMPLATES / "card.html").read_text()
    assert selectors.FIGURE_IMAGE_SPECS in (TEMPLATES / "figure.html").read_text()
    assert selectors.SHARE_IMAGE_SPEC in (TEMPLATES / "meta.html").read_text()


def test_private_sections_stay_out_of_listings(client, site_tree, topics):
    _add_articles(site_tree["news_index"], topics, 2, start=0)
    visible = site_tree["news_index"].get_children().first()
    PageViewRestriction.objects.create(
        page=site_tree["news_index"], restriction_type=PageViewRestriction.LOGIN
    )
    assert list(selectors.news_articles()) == []
    PageViewRestriction.objects.all().delete()
    assert visible.pk in {page.pk for page in selectors.news_articles()}


def test_page_for_path_finds_the_page_wagtail_finds(site_tree, topics):
    _add_articles(site_tree["news_index"], topics, 1, start=0)
    home, news_index = site_tree["home"], site_tree["news_index"]
    article = news_index.get_children().get()

    found = selectors.page_for_path(root=home, path_components=["berita", article.slug])
    assert (type(found), found.pk, found.view_restricted) == (NewsArticlePage, article.pk, False)
    assert "hero_image" in found._state.fields_cache  # fetched with the page
    assert type(selectors.page_for_path(root=home, path_components=["berita"])) is NewsIndexPage
    assert selectors.page_for_path(root=home, path_components=["berita", "tidak-ada"]) is None


def test_page_for_path_leaves_routable_paths_to_wagtail(site_tree):
    """/berita/feed/ is the index's RSS route even if an article is called "feed"."""
    factories.NewsArticlePageFactory(parent=site_tree["news_index"], slug="feed")
    path = ["berita", "feed"]
    assert selectors.page_for_path(root=site_tree["home"], path_components=path) is None


def test_view_restrictions_are_wagtails(site_tree, topics):
    _add_articles(site_tree["news_index"], topics, 1, start=0)
    home, news_index = site_tree["home"], site_tree["news_index"]
    article = news_index.get_children().get().specific
    assert list(selectors.view_restrictions(page=article)) == []

    restriction = PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.LOGIN
    )
    for page in (article, news_index, home):
        assert set(selectors.view_restrictions(page=page)) == set(
            Page.get_view_restrictions(page)
        ), page
    assert list(selectors.view_restrictions(page=article)) == [restriction]
    found = selectors.page_for_path(root=home, path_components=["berita", article.slug])
    assert found.view_restricted is True
    assert list(selectors.view_restrictions(page=found)) == [restriction]

    alias = news_index.create_alias(parent=home, update_slug="berita-lama")
    assert list(selectors.view_restrictions(page=alias)) == [restriction]
    assert selectors.page_for_path(root=home, path_components=["berita-lama"]) is None
