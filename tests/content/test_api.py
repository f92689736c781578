"""The headless content API (/api/v2/): field shapes, filters, renditions, JSON only."""

from datetime import date
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

NEWS = "content.NewsArticlePage"
RESOURCE = "content.EducationResourcePage"

PAGE_DETAIL_META = {
    "type",
    "detail_url",
    "html_url",
    "slug",
    "show_in_menus",
    "seo_title",
    "search_description",
    "first_published_at",
    "alias_of",
    "parent",
}
PAGE_LISTING_META = {"type", "detail_url", "html_url", "slug", "first_published_at"}
ARTICLE_DETAIL_FIELDS = {
    "id",
    "meta",
    "title",
    "date",
    "author",
    "summary",
    "hero_image",
    "hero_caption",
    "hero_credit",
    "topics",
    "tags",
    "body",
}
# Listing items without ?fields=: enough to draw a card.
ARTICLE_LISTING_FIELDS = {
    "id",
    "meta",
    "title",
    "date",
    "author",
    "summary",
    "hero_image",
    "topics",
}
RENDITION_SIZES = {"thumbnail": (400, 225), "medium": (800, 450), "large": (1200, 675)}


@pytest.fixture
def content(site_tree):
    """Articles in two topics, resources in one, a draft, a hero image and a document."""
    hero = factories.ImageFactory(
        title="Sosialisasi di sekolah",
        file=factories.make_image_file("sosialisasi.jpg", size=(1600, 900)),
    )
    body_image = factories.ImageFactory()
    tppo = factories.TopicFactory(name="TPPO", slug="tppo")
    kekerasan = factories.TopicFactory(name="Kekerasan terhadap anak", slug="kekerasan-anak")
    news, resources = site_tree["news_index"], site_tree["education_index"]
    document = get_document_model().objects.create(
        title="Panduan melapor", file=ContentFile(b"%PDF-1.4 panduan", name="panduan.pdf")
    )
    article = factories.NewsArticlePageFactory(
        parent=news,
        title="Waspada lowongan kerja palsu",
        author_byline="Tim Humas DP3A",
        date=date(2026, 3, 14),
        hero_image=hero,
        hero_caption="Siswa SMP mengikuti sosialisasi.",
        hero_credit="DP3A Kota Bima",
        topics=[tppo],
        body=[
            ("paragraph", "<p>Kenali modusnya.</p>"),
            ("heading", {"text": "Tanda-tanda", "level": "h2"}),
            ("image", {"image": body_image, "caption": "Poster", "credit": ""}),
            ("video", {"title": "Video", "url": "https://example.org/v", "poster": body_image}),
            ("document", {"document": document, "label": "Unduh panduan"}),
        ],
    )
    article.tags.add("lowongan")
    article.save()
    resource = factories.EducationResourcePageFactory(
        parent=resources,
        title="Aman di internet",
        audience="guru",
        hero_image=hero,
        topics=[tppo],
        body=[
            ("paragraph", "<p>Untuk guru.</p>"),
            ("warning_signs", {"title": "Tanda", "intro": "", "signs": ["Diajak bertemu"]}),
            ("faq", {"title": "FAQ", "items": [{"question": "Gratis?", "answer": "<p>Ya.</p>"}]}),
        ],
    )
    return {
        "tree": site_tree,
        "hero": hero,
        "body_image": body_image,
        "document": document,
        "tppo": tppo,
        "article": article,
        "other_tppo_article": factories.NewsArticlePageFactory(parent=news, topics=[tppo]),
        "kekerasan_article": factories.NewsArticlePageFactory(parent=news, topics=[kekerasan]),
        "plain_article": factories.NewsArticlePageFactory(parent=news),
        "resource": resource,
        "kekerasan_resource": factories.EducationResourcePageFactory(
            parent=resources, topics=[kekerasan]
        ),
        "draft": factories.NewsArticlePageFactory(parent=news, topics=[tppo], live=False),
    }


def get_json(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"] == "application/json", url
    return response.json()


def ids(data):
    return {item["id"] for item in data["items"]}


def walk_strings(value):
    """Every key and string value in a JSON document, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item)
    elif isinstance(value, str):
        yield value


def rendition_urls(value):
    """Every URL inside a `renditions` object, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "renditions" and item is not None:
                for size in item.values():
                    yield size["webp"]
                    yield size["jpeg"]
            else:
                yield from rendition_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from rendition_urls(item)


def all_api_urls(content):
    article, resource = content["article"], content["resource"]
    hero, document = content["hero"], content["document"]
    return [
        "/api/v2/",
        "/api/v2/pages/",
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/?type={NEWS}&fields=*",
        f"/api/v2/pages/?type={RESOURCE}&fields=*",
        f"/api/v2/pages/?type={NEWS}&fields=_,hero_image(*)",
        f"/api/v2/pages/{article.pk}/",
        f"/api/v2/pages/{article.pk}/?fields=*",
        f"/api/v2/pages/{resource.pk}/",
        f"/api/v2/pages/{content['tree']['home'].pk}/",
        f"/api/v2/pages/{content['tree']['help_page'].pk}/",
        "/api/v2/images/",
        "/api/v2/images/?fields=*",
        f"/api/v2/images/{hero.pk}/",
        f"/api/v2/images/{hero.pk}/?fields=*",
        "/api/v2/documents/",
        "/api/v2/documents/?fields=*",
        f"/api/v2/documents/{document.pk}/",
    ]


# --- Field shapes ---------------------------------------------------------------------------


def assert_hero_image(hero, image):
    assert set(hero) == {"id", "title", "alt", "width", "height", "renditions"}
    assert hero["id"] == image.pk
    assert hero["title"] == image.title
    assert hero["alt"] == image.default_alt_text
    assert (hero["width"], hero["height"]) == (1600, 900)
    assert set(hero["renditions"]) == set(RENDITION_SIZES)
    for size, (width, height) in RENDITION_SIZES.items():
        rendition = hero["renditions"][size]
        assert set(rendition) == {"width", "height", "webp", "jpeg"}
        assert (rendition["width"], rendition["height"]) == (width, height)
        assert rendition["webp"].startswith("http://testserver/media/images/")
        assert rendition["webp"].endswith(".webp")
        assert rendition["jpeg"].endswith(".jpg")


def test_news_article_detail_has_exact_fields_and_types(client, content):
    article = content["article"]
    data = get_json(client, f"/api/v2/pages/{article.pk}/")

    assert set(data) == ARTICLE_DETAIL_FIELDS
    assert set(data["meta"]) == PAGE_DETAIL_META
    assert data["id"] == article.pk
    assert data["meta"]["type"] == NEWS
    assert data["meta"]["html_url"] == "http://testserver" + article.url
    assert data["meta"]["parent"]["id"] == content["tree"]["news_index"].pk
    assert data["title"] == "Waspada lowongan kerja palsu"
    assert data["date"] == "2026-03-14"
    assert data["author"] == "Tim Humas DP3A"
    assert isinstance(data["summary"], str) and data["summary"]
    assert_hero_image(data["hero_image"], content["hero"])
    assert data["hero_caption"] == "Siswa SMP mengikuti sosialisasi."
    assert data["hero_credit"] == "DP3A Kota Bima"
    assert data["topics"] == [{"name": "TPPO", "slug": "tppo"}]
    assert data["tags"] == ["lowongan"]

    body = data["body"]
    assert [block["type"] for block in body] == [
        "paragraph",
        "heading",
        "image",
        "video",
        "document",
    ]
    for block in body:
        assert set(block) == {"type", "value", "id"}
    assert body[0]["value"] == "<p>Kenali modusnya.</p>"
    assert body[1]["value"] == {"text": "Tanda-tanda", "level": "h2"}
    # Images in the body are ids: their renditions come from /api/v2/images/<id>/.
    image_id = content["body_image"].pk
    assert body[2]["value"] == {"image": image_id, "caption": "Poster", "credit": ""}
    assert body[3]["value"]["poster"] == content["body_image"].pk
    assert body[4]["value"] == {"document": content["document"].pk, "label": "Unduh panduan"}


def test_education_resource_detail_has_exact_fields_and_types(client, content):
    resource = content["resource"]
    data = get_json(client, f"/api/v2/pages/{resource.pk}/")

    assert set(data) == ARTICLE_DETAIL_FIELDS | {"audience"}
    assert set(data["meta"]) == PAGE_DETAIL_META
    assert data["meta"]["type"] == RESOURCE
    assert data["audience"] == {"value": "guru", "label": "Guru"}
    date.fromisoformat(data["date"])
    assert data["author"] == ""
    assert_hero_image(data["hero_image"], content["hero"])
    assert data["topics"] == [{"name": "TPPO", "slug": "tppo"}]
    assert data["tags"] == []
    assert [block["type"] for block in data["body"]] == ["paragraph", "warning_signs", "faq"]
    assert data["body"][1]["value"]["signs"] == ["Diajak bertemu"]
    assert data["body"][2]["value"]["items"] == [{"question": "Gratis?", "answer": "<p>Ya.</p>"}]


def test_listing_items_carry_card_fields(client, content):
    news = get_json(client, f"/api/v2/pages/?type={NEWS}")
    item = next(i for i in news["items"] if i["id"] == content["article"].pk)
    assert set(item) == ARTICLE_LISTING_FIELDS
    assert set(item["meta"]) == PAGE_LISTING_META
    assert item["date"] == "2026-03-14"
    assert item["author"] == "Tim Humas DP3A"
    assert_hero_image(item["hero_image"], content["hero"])
    assert item["topics"] == [{"name": "TPPO", "slug": "tppo"}]
    plain = next(i for i in news["items"] if i["id"] == content["plain_article"].pk)
    assert plain["hero_image"] is None
    assert plain["topics"] == []

    resources = get_json(client, f"/api/v2/pages/?type={RESOURCE}")
    item = next(i for i in resources["items"] if i["id"] == content["resource"].pk)
    assert set(item) == ARTICLE_LISTING_FIELDS | {"audience"}
    assert item["audience"] == {"value": "guru", "label": "Guru"}

    # Without a type, items are plain pages: Wagtail's default listing fields.
    item = get_json(client, "/api/v2/pages/")["items"][0]
    assert set(item) == {"id", "meta", "title"}
    assert set(item["meta"]) == PAGE_LISTING_META


def test_images_endpoint_offers_renditions_only(client, content):
    hero = content["hero"]
    listing = get_json(client, "/api/v2/images/")
    assert listing["meta"]["total_count"] == 2
    item = next(i for i in listing["items"] if i["id"] == hero.pk)
    assert set(item) == {"id", "meta", "title", "alt", "width", "height", "renditions"}
    assert set(item["meta"]) == {"type", "detail_url", "tags"}

    detail = get_json(client, f"/api/v2/images/{hero.pk}/")
    assert set(detail) == {"id", "meta", "title", "alt", "width", "height", "renditions"}
    assert set(detail["meta"]) == {"type", "detail_url", "tags"}
    assert_hero_image({k: v for k, v in detail.items() if k != "meta"}, hero)

    for url in ["/api/v2/images/?fields=download_url", "/api/v2/images/?fields=file"]:
        assert "unknown fields" in get_json(client, url, status=400)["message"]


def test_documents_endpoint_serves_documents(client, content):
    document = content["document"]
    listing = get_json(client, "/api/v2/documents/")
    assert listing["meta"]["total_count"] == 1
    item = listing["items"][0]
    assert set(item) == {"id", "meta", "title"}
    assert set(item["meta"]) == {"type", "detail_url", "tags", "download_url"}
    assert (
        item["meta"]["download_url"]
        == f"http://testserver/dokumen/{document.pk}/{document.filename}"
    )
    response = client.get(urlsplit(item["meta"]["download_url"]).path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_api_root_lists_endpoints_and_licence(client, content):
    data = get_json(client, "/api/v2/")
    assert data == {
        "endpoints": {
            "pages": "http://testserver/api/v2/pages/",
            "images": "http://testserver/api/v2/images/",
            "documents": "http://testserver/api/v2/documents/",
        },
        "licence": "CC BY 4.0",
    }


# --- Filters and pagination ------------------------------------------------------------------


def test_type_and_topic_filter_returns_exactly_the_matching_pages(client, content):
    c = content

    def query(params):
        return ids(get_json(client, f"/api/v2/pages/?{params}&limit=50"))

    assert query(f"type={NEWS}&topic=tppo") == {c["article"].pk, c["other_tppo_article"].pk}
    assert query(f"type={NEWS}&topic=kekerasan-anak") == {c["kekerasan_article"].pk}
    assert query(f"type={RESOURCE}&topic=tppo") == {c["resource"].pk}
    assert query(f"type={RESOURCE}&topic=kekerasan-anak") == {c["kekerasan_resource"].pk}
    assert query("topic=tppo") == {c["article"].pk, c["other_tppo_article"].pk, c["resource"].pk}
    assert query(f"type={NEWS},{RESOURCE}&topic=kekerasan-anak") == {
        c["kekerasan_article"].pk,
        c["kekerasan_resource"].pk,
    }
    assert query(f"type={NEWS}&topic=tidak-ada") == set()
    # Combines with Wagtail's own filters and search.
    assert query(f"type={NEWS}&topic=tppo&child_of={c['tree']['news_index'].pk}") == {
        c["article"].pk,
        c["other_tppo_article"].pk,
    }
    assert query(f"type={RESOURCE}&topic=tppo&audience=guru") == {c["resource"].pk}
    assert query(f"type={NEWS}&topic=tppo&search=lowongan") == {c["article"].pk}

    data = get_json(client, "/api/v2/pages/?type=content.HelpPage&topic=tppo", status=400)
    assert "topic" in data["message"]


def test_total_count_and_limit_offset_pagination(client, content):
    expected = {
        content[key].pk
        for key in ["article", "other_tppo_article", "kekerasan_article", "plain_article"]
    }
    seen = []
    for offset in (0, 2, 4):
        data = get_json(client, f"/api/v2/pages/?type={NEWS}&limit=2&offset={offset}")
        assert data["meta"] == {"total_count": 4}
        seen += [item["id"] for item in data["items"]]
    assert len(seen) == 4
    assert set(seen) == expected

    # Articles and resources come newest first unless ?order= says otherwise.
    older = factories.NewsArticlePageFactory(
        parent=content["tree"]["news_index"], date=date(2020, 1, 1)
    )
    newest_first = get_json(client, f"/api/v2/pages/?type={NEWS}&limit=50")["items"]
    assert [item["date"] for item in newest_first] == sorted(
        (item["date"] for item in newest_first), reverse=True
    )
    assert newest_first[-1]["id"] == older.pk
    oldest_first = get_json(client, f"/api/v2/pages/?type={NEWS}&order=date&limit=1")
    assert oldest_first["meta"]["total_count"] == 5
    assert [item["id"] for item in oldest_first["items"]] == [older.pk]

    assert "limit" in get_json(client, "/api/v2/pages/?limit=51", status=400)["message"]
    assert "offset" in get_json(client, "/api/v2/pages/?offset=-1", status=400)["message"]


def test_only_live_public_pages_appear_even_to_staff(client, content):
    restricted = content["other_tppo_article"]
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    for page in [content["draft"], restricted]:
        assert page.pk not in ids(get_json(client, "/api/v2/pages/?limit=50"))
        assert page.pk not in ids(get_json(client, f"/api/v2/pages/?type={NEWS}&topic=tppo"))
        get_json(client, f"/api/v2/pages/{page.pk}/", status=404)
    assert ids(get_json(client, f"/api/v2/pages/?type={NEWS}&topic=tppo")) == {
        content["article"].pk
    }


def test_find_by_path_redirects_with_json(client, content):
    article = content["article"]
    response = client.get(f"/api/v2/pages/find/?html_path={article.url}")
    assert response.status_code == 302
    assert response["Content-Type"] == "application/json"
    assert response["Location"] == f"http://testserver/api/v2/pages/{article.pk}/?"
    get_json(client, "/api/v2/pages/find/?html_path=/berita/tidak-ada/", status=404)


@pytest.mark.parametrize(
    "query",
    [
        "fields=tidak_ada",
        "fields=title(id)",
        "fields=*,",
        "tidak_ada=1",
        "type=content.Tidak",
        "type=content.Topic",
        f"type={NEWS}&date=kemarin",
        f"type={NEWS}&topics=tppo",
        f"type={NEWS}&hero_image=satu",
        f"type={NEWS}&order=author",
        "first_published_at=kemarin",
        "id=satu",
        "rich_text_format=pdf",
    ],
)
def test_bad_queries_are_json_400_not_500(client, site_tree, query):
    data = get_json(client, f"/api/v2/pages/?{query}", status=400)
    assert data["message"]


@pytest.mark.parametrize(
    "words",
    ['"', "'", "a OR", "AND", "NEAR(", "*", "berita,", "(berita", "-berita", "!@#$%^&*()"],
)
def test_odd_searches_are_answered_not_500(client, site_tree, words):
    article = factories.NewsArticlePageFactory(parent=site_tree["news_index"], title="Berita aman")
    for endpoint in ["pages", "images", "documents"]:
        get_json(client, f"/api/v2/{endpoint}/?" + urlencode({"search": words}))
    query = urlencode({"search": f"{words} aman", "search_operator": "or"})
    found = get_json(client, f"/api/v2/pages/?{query}")
    assert article.pk in ids(found)


def test_nul_in_any_parameter_is_a_json_400(client, site_tree):
    for endpoint in ["pages", "images", "documents"]:
        data = get_json(
            client, f"/api/v2/{endpoint}/?" + urlencode({"search": "x\x00"}), status=400
        )
        assert "NUL" in data["message"]


def test_search_finds_words_and_checks_its_operator(client, content):
    found = get_json(client, f"/api/v2/pages/?type={NEWS}&search=LOWONGAN%20kerja")
    assert content["article"].pk in ids(found)
    get_json(client, "/api/v2/pages/?search=berita&search_operator=xor", status=400)


# --- Images never leave as originals ---------------------------------------------------------


def test_every_rendition_url_answers_with_an_image(client, content):
    urls = set()
    for api_url in all_api_urls(content):
        urls.update(rendition_urls(get_json(client, api_url)))
    # Two images, three sizes, two formats.
    assert len(urls) == 12
    for url in urls:
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url
        expected = "image/webp" if url.endswith(".webp") else "image/jpeg"
        assert response["Content-Type"] == expected, url
        assert len(b"".join(response.streaming_content)) > 0


def test_no_api_response_links_to_an_original_image(client, content):
    originals = [content["hero"].file.name, content["body_image"].file.name]
    assert all(name.startswith("original_images/") for name in originals)
    for url in all_api_urls(content):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"original_images" not in response.content, url
        for text in walk_strings(response.json()):
            assert "original_images" not in text, url
            assert "download_url" not in text or "/documents/" in url, url


def test_original_image_files_have_no_route(client, content):
    assert client.get("/media/" + content["hero"].file.name).status_code == 404


# --- JSON only, read only, any origin -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/api/v2/", {}),
        ("/api/v2/", {"Accept": "text/html"}),
        ("/api/v2/?format=api", {}),
        ("/api/v2/pages/?format=api", {}),
        ("/api/v2/pages/?format=html", {}),
        ("/api/v2/pages/", {"Accept": "text/html"}),
        ("/api/v2/pages/", {"Accept": "text/html,application/xhtml+xml;q=0.9"}),
        ("/api/v2/images/", {"Accept": "text/html"}),
        ("/api/v2/documents/?format=api", {}),
        ("/api/v2/pages/999999/", {}),
        ("/api/v2/pages/bukan-angka/", {}),
        ("/api/v2/tidak-ada/", {"Accept": "text/html"}),
        ("/api/v2/pages", {}),
    ],
)
def test_api_never_answers_html(client, site_tree, url, headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"] == "application/json", (url, response.status_code)
    assert b"<html" not in response.content.lower()
    response.json()


def test_missing_trailing_slash_redirects_with_json(client, content):
    response = client.get("/api/v2/pages?type=content.NewsArticlePage")
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/pages/?type=content.NewsArticlePage"


def test_any_origin_may_read(client, content):
    response = client.get("/api/v2/pages/", headers={"Origin": "https://contoh.example"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_no_writes_are_accepted(client, site_tree):
    article = factories.NewsArticlePageFactory(parent=site_tree["news_index"], title="Asli")
    pages_before = Page.objects.count()
    for path in ["/api/v2/pages/", f"/api/v2/pages/{article.pk}/", "/api/v2/images/"]:
        for method in ["post", "put", "patch", "delete"]:
            response = getattr(client, method)(
                path, data={"title": "Diubah"}, content_type="application/json"
            )
            assert response.status_code == 405, (method, path)
            assert response["Content-Type"] == "application/json", (method, path)
    assert Page.objects.count() == pages_before
    article.refresh_from_db()
    assert article.title == "Asli"


def test_listing_query_count_does_not_grow_with_items(client, site_tree):
    topic = factories.TopicFactory()

    def queries_for_listing():
        url = f"/api/v2/pages/?type={NEWS}"
        client.get(url)  # renditions are generated once, on the first request
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _ in range(2):
        factories.NewsArticlePageFactory(
            parent=site_tree["news_index"], hero_image=factories.ImageFactory(), topics=[topic]
        )
    few = queries_for_listing()
    for _ in range(4):
        factories.NewsArticlePageFactory(
            parent=site_tree["news_index"], hero_image=factories.ImageFactory(), topics=[topic]
        )
    assert queries_for_listing() == few


def test_only_media_used_by_live_public_pages_is_listed(client, site_tree):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    used = factories.ImageFactory(title="Dipakai artikel terbit")
    factories.NewsArticlePageFactory(parent=site_tree["news_index"], hero_image=used)
    unused = factories.ImageFactory(title="Belum dipakai")
    draft_only = factories.ImageFactory(title="Hanya di draf")
    draft = factories.NewsArticlePageFactory(parent=site_tree["news_index"], hero_image=draft_only)
    draft.unpublish()
    document = get_document_model().objects.create(
        title="Daftar anggota", file=ContentFile(b"rahasia", name="anggota.csv")
    )

    listed = {item["id"] for item in client.get("/api/v2/images/").json()["items"]}
    assert listed == {used.pk}
    assert client.get(f"/api/v2/images/{unused.pk}/").status_code == 404
    assert client.get(f"/api/v2/images/{draft_only.pk}/").status_code == 404
    assert client.get("/api/v2/documents/").json()["meta"]["total_count"] == 0
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
