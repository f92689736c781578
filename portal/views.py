"""Views every deployment needs: health check, robots.txt, error pages, renditions."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

ROBOTS_DISALLOW = ("/admin/", "/akun/", "/forum/", "/cari/", "/api/")


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise. Exempt from the HTTPS redirect."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """500 page rendered without the database or context processors.

    The quick-exit target and the help number come from settings here, the one place they
    are not read from editable site settings.
    """
    template = loader.get_template("500.html")
    context = {
        "quick_exit_url": settings.QUICK_EXIT_FALLBACK_URL,
        "help_phone": settings.HELP_PHONE_FALLBACK,
        "help_whatsapp": settings.HELP_WHATSAPP_FALLBACK,
        "site_settings": None,
    }
    return HttpResponseServerError(template.render(context))


@require_GET
# One day: a photo taken down must not linger in shared caches for long.
@cache_control(max_age=60 * 60 * 24, public=True)
def serve_rendition(request, path):
    """Serve rendition files from MEDIA_ROOT/images/.

    Original uploads live in original_images/ and have no route at all: only renditions, which
    never carry metadata, leave the server. A front web server may serve this folder directly.
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT / "images")
