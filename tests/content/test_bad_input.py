"""Odd input never gives a 500, on SQLite and PostgreSQL (which refuses NUL in text)."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("/berita/", {"topik": NUL}, 200),
        ("/berita/", {"topik": "x" * 500}, 200),
        ("/edukasi/", {"topik": NUL, "untuk": NUL}, 200),
        ("/berita/", {"halaman": NUL}, 200),
        (f"/berita/{NUL}/", {}, 404),
        ("/api/v2/pages/", {"title": NUL}, 400),
        ("/api/v2/pages/", {"slug": NUL}, 400),
        ("/api/v2/pages/", {"topic": NUL}, 400),
        ("/api/v2/pages/find/", {"html_path": NUL}, 400),
        ("/api/v2/pages/find/", {"id": "abc"}, 400),
        ("/api/v2/images/find/", {"id": "abc"}, 400),
        ("/api/v2/documents/find/", {"id": "abc"}, 400),
    ],
)
def test_odd_input_is_answered_without_a_server_error(client, site_tree, path, params, expected):
    factories.NewsArticlePageFactory(parent=site_tree["news_index"])
    response = client.get(path, params)
    assert response.status_code == expected
