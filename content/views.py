"""Site search. Queries are never stored or logged (people search for how to report abuse)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from content import selectors

MAX_QUERY_LENGTH = 200
SEARCH_PAGE_SIZE = 10


def clean_query(raw: str | None) -> str:
    """Trim, drop control characters (NUL included) and cap the length."""
    if not raw:
        return ""
    text = "".join(ch for ch in raw if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@require_GET
def search(request):
    query = clean_query(request.GET.get("q"))
    results = None
    if query:
        results = Paginator(selectors.search_pages(query=query), SEARCH_PAGE_SIZE).get_page(
            request.GET.get("halaman")
        )
    context = {
        "query": query,
        "results": results,
        # For components/meta.html, which otherwise reads them from a page.
        "meta_title": _("Cari"),
        "meta_description": _("Cari berita dan materi edukasi tentang perlindungan anak."),
    }
    return render(request, "pages/search.html", context)
