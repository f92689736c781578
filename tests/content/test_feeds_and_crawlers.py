"""What feed readers, crawlers and link previews see: RSS, sitemap, robots.txt, meta tags."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def articles(site_tree):
    """Three live articles on different days, one draft, one private, one unpublished."""
    index = site_tree["news_index"]
    live = [
        factories.NewsArticlePageFactory(
            parent=index, title=f"Berita hidup {n}", date=datetime.date(2026, 1, n + 1)
        )
        for n in range(3)
    ]
    draft = factories.NewsArticlePageFactory(parent=index, title="Berita draf", live=False)
    unpublished = factories.NewsArticlePageFactory(parent=index, title="Berita ditarik")
    unpublished.unpublish()
    private = factories.NewsArticlePageFactory(parent=index, title="Berita rahasia")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    return {"live": live, "draft": draft, "unpublished": unpublished, "private": private}


# --- RSS ----------------------------------------------------------------------------------


def test_rss_feed_lists_newest_live_public_articles_with_absolute_links(client, articles):
    response = client.get("/berita/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link") == "http://testserver/berita/"
    items = channel.findall("item")
    titles = [item.findtext("title") for item in items]
    # Newest first; drafts, unpublished and private articles are absent.
    assert titles == ["Berita hidup 2", "Berita hidup 1", "Berita hidup 0"]
    for item, page in zip(items, reversed(articles["live"]), strict=True):
        link = item.findtext("link")
        assert link == f"http://testserver{page.url}"
        assert item.findtext("guid") == link
        pubdate = parsedate_to_datetime(item.findtext("pubDate"))
        assert pubdate.tzinfo is not None
        assert timezone.localdate(pubdate) == page.date
        assert item.findtext("description") == page.summary
    body = response.content.decode()
    for hidden in ("draft", "unpublished", "private"):
        assert articles[hidden].title not in body
        assert articles[hidden].slug not in body


def test_rss_feed_is_capped(client, site_tree):
    from content.feeds import FEED_SIZE

    for _ in range(FEED_SIZE + 2):
        factories.NewsArticlePageFactory(parent=site_tree["news_index"])

    channel = ET.fromstring(client.get("/berita/feed/").content).find("channel")

    assert len(channel.findall("item")) == FEED_SIZE


# --- Sitemap ------------------------------------------------------------------------------


def test_sitemap_lists_only_live_public_pages_with_absolute_urls(client, articles, site_tree):
    resource = factories.EducationResourcePageFactory(parent=site_tree["education_index"])

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = [
        loc.text for loc in ET.fromstring(response.content).findall("sm:url/sm:loc", SITEMAP_NS)
    ]
    expected = {
        "http://testserver/",
        "http://testserver/berita/",
        "http://testserver/edukasi/",
        "http://testserver/bantuan/",
        f"http://testserver{resource.url}",
        *(f"http://testserver{page.url}" for page in articles["live"]),
    }
    assert set(locations) == expected
    assert len(locations) == len(expected)
    for location in locations:
        assert location.startswith("http://testserver/")
        for forbidden in ("/akun/", "/forum/", "/admin/"):
            assert forbidden not in location


# --- robots.txt ---------------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in ("/admin/", "/akun/", "/forum/", "/cari/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# --- Meta description and Open Graph ------------------------------------------------------


class _MetaParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag != "meta":
            return
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if key and key not in self.meta:
            self.meta[key] = attrs.get("content", "")


def _meta(response) -> dict[str, str]:
    assert response.status_code == 200
    parser = _MetaParser()
    parser.feed(response.content.decode())
    return parser.meta


def _assert_sharable(meta: dict[str, str], *, url: str, og_type: str = "website"):
    for key in ("description", "og:title", "og:description", "og:type", "og:url"):
        assert meta.get(key), key
    assert meta["og:type"] == og_type
    assert meta["og:url"] == url


def test_article_has_meta_description_and_open_graph_with_hero_image(client, site_tree):
    article = factories.NewsArticlePageFactory(
        parent=site_tree["news_index"],
        title="Waspada tawaran kerja palsu",
        summary="Kenali tanda-tanda tawaran kerja yang menjerat.",
        hero_image=factories.ImageFactory(),
    )

    meta = _meta(client.get(article.url))

    _assert_sharable(meta, url=f"http://testserver{article.url}", og_type="article")
    assert meta["og:title"] == "Waspada tawaran kerja palsu"
    assert meta["description"] == "Kenali tanda-tanda tawaran kerja yang menjerat."
    assert meta["og:description"] == meta["description"]
    assert meta["og:image"].startswith("http://testserver/media/images/")
    # A rendition, never the original upload.
    assert "original_images" not in meta["og:image"]


def test_article_without_hero_image_has_no_og_image(client, site_tree):
    article = factories.NewsArticlePageFactory(parent=site_tree["news_index"])

    meta = _meta(client.get(article.url))

    _assert_sharable(meta, url=f"http://testserver{article.url}", og_type="article")
    assert "og:image" not in meta


def test_resource_has_meta_description_and_open_graph(client, site_tree):
    resource = factories.EducationResourcePageFactory(
        parent=site_tree["education_index"],
        summary="Materi untuk remaja tentang aman bermedia sosial.",
        hero_image=factories.ImageFactory(),
    )

    meta = _meta(client.get(resource.url))

    _assert_sharable(meta, url=f"http://testserver{resource.url}", og_type="article")
    assert meta["description"] == "Materi untuk remaja tentang aman bermedia sosial."
    assert meta["og:image"].startswith("http://testserver/media/images/")


@pytest.mark.parametrize("path", ["/", "/berita/", "/bantuan/"])
def test_home_news_index_and_help_have_meta_description_and_open_graph(client, site_tree, path):
    meta = _meta(client.get(path))

    _assert_sharable(meta, url=f"http://testserver{path}")


def test_search_page_has_meta_description_and_open_graph(client, site_tree):
    meta = _meta(client.get("/cari/"))

    _assert_sharable(meta, url="http://testserver/cari/")
    assert meta["og:title"] == "Cari"
    assert "Cari berita" in meta["description"]


def test_rss_pubdate_is_the_publication_time_on_the_articles_date(client, site_tree):
    article = factories.NewsArticlePageFactory(parent=site_tree["news_index"], live=False)
    article.save_revision().publish()
    article.refresh_from_db()

    item = ET.fromstring(client.get("/berita/feed/").content).find("channel/item")

    assert parsedate_to_datetime(item.findtext("pubDate")) == article.first_published_at.replace(
        microsecond=0
    )
