"""Page weight of the seeded dev site: HTML bytes and gzip bytes of the main pages.

Prints figures, asserts nothing (tests/content/test_page_size.py holds the limits). Renders
through Django's test client against the dev database, so no server needs to run:

    DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python manage.py seed_demo
    DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python bench/page_weight.py

gzip is level 6, what nginx and most proxies use for dynamic HTML. The figures are for the
HTML only: images are separate requests, sized by their renditions.

Recorded 2026-11-28 on the seed_demo content (25 pages): home 14.0 KB (3.1 KB gzipped), news
index 12.7 KB (2.9 KB), articles and resources 7.2-11.5 KB (2.5-3.5 KB), largest page the home.
"""

import gzip
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

from content.models import EducationResourcePage, NewsArticlePage  # noqa: E402

FIXED_PATHS = ["/", "/berita/", "/edukasi/", "/bantuan/", "/cari/?q=tppo", "/berita/feed/"]


def main_paths() -> list[str]:
    """The fixed pages, every standard page, and each article and resource."""
    paths = list(FIXED_PATHS)
    for model in (NewsArticlePage, EducationResourcePage):
        paths += [page.url for page in model.objects.live().order_by("-date")]
    standard = Page.objects.live().filter(content_type__model="standardpage")
    paths += [page.url for page in standard.order_by("path")]
    return paths


def main() -> None:
    client = Client(HTTP_HOST="localhost")
    rows = []
    for path in main_paths():
        client.get(path)  # first render makes the image renditions; measure the second
        response = client.get(path)
        html = response.content
        rows.append((path, response.status_code, len(html), len(gzip.compress(html, 6))))

    width = max(len(path) for path, *_ in rows)
    print(f"{'page':<{width}}  status  HTML bytes  gzip bytes")
    for path, status, raw, packed in rows:
        print(f"{path:<{width}}  {status:>6}  {raw:>10,}  {packed:>10,}")
    pages = [row for row in rows if row[1] == 200]
    if pages:
        largest = max(pages, key=lambda row: row[2])
        print(
            f"\n{len(pages)} pages; largest {largest[0]} {largest[2]:,} bytes "
            f"({largest[3]:,} gzipped); mean {sum(r[2] for r in pages) // len(pages):,} bytes"
        )


if __name__ == "__main__":
    main()
