"""Every public page answers and carries the parts every page needs."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_public_pages_render_with_quick_exit_and_help_link(client, site_tree):
    article = factories.NewsArticlePageFactory(parent=site_tree["news_index"])
    for url in ["/", "/berita/", "/edukasi/", "/bantuan/", article.url, "/cari/?q=berita"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "data-quick-exit" in html, url
        assert 'href="/bantuan/"' in html, url


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
